"""The parts of the settings that take more than a line to read from the environment: checked
here, as plain functions, so that settings.py stays a list of decisions."""

import ipaddress

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured


def check_trusted_proxies(proxies):
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError as wrong:
            raise ImproperlyConfigured(
                f"DJANGO_TRUSTED_PROXIES: {proxy!r} is not an address or a network."
            ) from wrong


def database(env, base_dir, debug):
    settings = env.db("DATABASE_URL", default=f"sqlite:///{base_dir / 'db.sqlite3'}")
    settings["ATOMIC_REQUESTS"] = True
    # Production keeps each worker's connection for a minute (opening one per request cost the
    # bare view about seven-eighths of its throughput); a connection that broke meanwhile is
    # noticed and replaced before a request uses it.
    settings["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0 if debug else 60)
    settings["CONN_HEALTH_CHECKS"] = True
    postgresql = settings["ENGINE"] == "django.db.backends.postgresql"
    if postgresql and env.bool("DJANGO_DB_JIT_OFF", default=True):
        # The portal's queries are short, but a few (the review queue's subqueries) look costly
        # to the planner, which then compiles them: at 10,000 proposals the compiling took 20-40
        # ms of a 46-72 ms query. Compiling pays off only for long reports. (Behind a pooler
        # that refuses startup options, set DJANGO_DB_JIT_OFF=0 and `ALTER DATABASE ... SET jit
        # = off` instead.)
        options = settings.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return settings


def label_in_language(verbose_name, column_suffix):
    """“title (Indonesian)” for a language column, instead of modeltranslation's “title [ind]”:
    staff should not need to know how the columns are named."""
    from django.utils.translation import gettext

    names = {"ind": "Indonesian", "en": "English", "ja": "Japanese"}
    language = gettext(names.get(column_suffix, column_suffix))
    return gettext("%(field)s (%(language)s)") % {"field": verbose_name, "language": language}


def s3_storage(env):
    """Uploaded files live in DJANGO_MEDIA_ROOT (on several hosts: one directory they all
    mount), or in an S3-compatible store when PORTAL_S3_BUCKET names a bucket. Either way they
    are private: the portal serves them itself after checking who may read them, and never
    links to the store."""
    if not env.str("PORTAL_S3_BUCKET", default=""):
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("PORTAL_S3_BUCKET"),
            "endpoint_url": env.str("PORTAL_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("PORTAL_S3_REGION", default=None),
            "access_key": env.str("PORTAL_S3_ACCESS_KEY", default=None),
            "secret_key": env.str("PORTAL_S3_SECRET_KEY", default=None),
            "location": env.str("PORTAL_S3_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


def content_security_policy(env):
    """The portal's own files only, no inline script or style without the response's nonce,
    never framed. PORTAL_CSP_REPORT_ONLY=1 sends it as report-only (to try a change on a live
    site); PORTAL_CSP_REPORT_URI names where browsers send violation reports."""
    policy = {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE],
            "style-src": [SELF, NONCE],
            # Bootstrap draws its form arrows and check marks as data: SVG images.
            "img-src": [SELF, "data:"],
            "object-src": [NONE],
            "base-uri": [NONE],
            "frame-ancestors": [NONE],
            "form-action": [SELF],
        }
    }
    if env.str("PORTAL_CSP_REPORT_URI", default=""):
        policy["DIRECTIVES"]["report-uri"] = env.str("PORTAL_CSP_REPORT_URI")
    return policy


TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def task_backend(env, debug):
    """PORTAL_TASK_BACKEND as the README names it ("immediate" or "database"), or a backend's
    dotted path; anything else stops the start with the names it accepts."""
    chosen = env.str("PORTAL_TASK_BACKEND", default="immediate" if debug else "database")
    if chosen in TASK_BACKENDS:
        return TASK_BACKENDS[chosen]
    if chosen in TASK_BACKENDS.values():
        return chosen
    raise ImproperlyConfigured(
        f"PORTAL_TASK_BACKEND={chosen!r}: use one of {', '.join(TASK_BACKENDS)} "
        f"(or {', '.join(TASK_BACKENDS.values())})."
    )
