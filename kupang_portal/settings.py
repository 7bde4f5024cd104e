"""Settings for the Kupang Sister-City Portal.

Everything comes from the environment, with defaults that let a developer run the portal with no
variables at all (SQLite, DEBUG on). Production is `DJANGO_DEBUG=0`: it refuses to start without a
real secret key and is meant to pass `manage.py check --deploy`.
"""

import datetime
import sys
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kupang_portal.environment import (
    TASK_BACKENDS,
    check_trusted_proxies,
    content_security_policy,
    database,
    label_in_language,
    s3_storage,
    task_backend,
)

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEVELOPMENT_SECRET_KEY = "django-insecure-kupang-portal-development-only"  # noqa: S105

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of 50+ characters when DJANGO_DEBUG=0."
    )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before the admin.
    "modeltranslation",
    "kupang_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "csp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    # Its docs page then loads Swagger UI from the portal's static files, not a CDN.
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "kupang_portal.apps.PortalConfig",
    "core",
    "partnerships",
    "delegations",
    "programmes",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "kupang_portal.middleware.refuse_unknown_methods",
    "kupang_portal.middleware.api_cors",
    "kupang_portal.middleware.api_rate_limit",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, CSRF and message middleware, so that it sees the cookies they add.
    "kupang_portal.middleware.cache_control",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kupang_portal.middleware.refuse_nul_characters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After the user and its second factor: the admin and the review workspace want both.
    "kupang_portal.second_factor.second_factor_gate",
    # After the session and the user: a signed-in person's chosen language wins in the admin.
    "partnerships.language_choice.speak_profile_language",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the language, session and message middleware: it needs the language, and it leaves
    # alone anyone with a session or a message.
    "core.page_cache.page_cache",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one user from one address lock that pair out for 15 minutes (429).
AXES_FAILURE_LIMIT = env.int("PORTAL_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("PORTAL_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address, read through the reverse proxies named here (addresses or networks,
# comma-separated) and never through a forwarded header that an unlisted peer could forge.
PORTAL_TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])
check_trusted_proxies(PORTAL_TRUSTED_PROXIES)
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
# Password spraying: this many failed sign-ins from one address, whatever the usernames, stop
# sign-ins from that address for the cool-off time.
PORTAL_SIGN_IN_FAILURES_PER_ADDRESS = env.int("PORTAL_SIGN_IN_FAILURES_PER_ADDRESS", default=20)
# Password-reset mail: per address and per account, within an hour.
PORTAL_PASSWORD_RESETS_PER_ADDRESS = env.int("PORTAL_PASSWORD_RESETS_PER_ADDRESS", default=5)
PORTAL_PASSWORD_RESETS_PER_ACCOUNT = env.int("PORTAL_PASSWORD_RESETS_PER_ACCOUNT", default=3)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# The benchmark serves the portal's addresses plus a bare view (benchmarks/urls.py).
ROOT_URLCONF = env.str("DJANGO_ROOT_URLCONF", default="kupang_portal.urls")
WSGI_APPLICATION = "kupang_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnerships.language_choice.language_context",
            ],
        },
    },
]

DATABASES = {"default": database(env, BASE_DIR, DEBUG)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Throttle counters, the public page cache and (when shared) sessions live here. One process can
# keep them in its own memory; several processes or hosts need a shared cache:
# DJANGO_CACHE_URL=redis://127.0.0.1:6379/1 (REDIS_URL is read when DJANGO_CACHE_URL is not set).
CACHES = {
    "default": env.cache(
        "DJANGO_CACHE_URL",
        default=env.str("REDIS_URL", default="") or "locmemcache://",
    )
}
SHARED_CACHE = CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
if SHARED_CACHE:
    # A Redis that stops answering must cost a request a second, not hang it (nor a save, which
    # tells the page cache of the change).
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 1, "socket_timeout": 1}
    )
# With a shared cache, sessions are read from it and written through to the database, so that
# every host knows every session and a cache restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if SHARED_CACHE else "db")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Indonesian is the default; content columns for it are named *_ind by modeltranslation.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English")), ("ja", _("Japanese"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "id"
# The best language there is: Japanese readers get English before Indonesian; English and
# Indonesian readers get each other; any text at all comes before none.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("id", "en", "ja"), "ja": ("en", "id"), "en": ("id",), "id": ("en",)
}  # fmt: skip
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = label_in_language
# The portal's own catalogues first (makemessages writes there), then Japanese for libraries
# that ship none, which would otherwise fall back to Indonesian.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "packages"]
USE_I18N = True
FORMAT_MODULE_PATH = ["kupang_portal.formats"]
# Kupang keeps Central Indonesian Time (WITA, UTC+8).
TIME_ZONE = "Asia/Makassar"
USE_TZ = True

# The fonts embedded in PDFs that are not reportlab's own (`make` puts IPAexGothic there).
PDF_FONTS_DIR = Path(env("PORTAL_PDF_FONTS", default=str(Path(sys.prefix) / "share" / "fonts")))

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Uploads: DJANGO_MEDIA_ROOT, or a private S3-compatible store (see environment.py).
STORAGES["default"] = s3_storage(env) or STORAGES["default"]

# In development static files come straight from the apps and static/, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "/accounts/login/"
# Without a language prefix, the locale middleware sends each user to their own language.
LOGIN_REDIRECT_URL = "/review/"
LOGOUT_REDIRECT_URL = "/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="portal@kupangkota.go.id")
# /.well-known/security.txt (RFC 9116): where to report a security problem, and until when the
# file holds (YYYY-MM-DD; unset, a year from each day it is read, and `check --deploy` warns).
PORTAL_SECURITY_CONTACT = env.str("PORTAL_SECURITY_CONTACT", default=f"mailto:{DEFAULT_FROM_EMAIL}")
PORTAL_SECURITY_TXT_EXPIRES = env.str("PORTAL_SECURITY_TXT_EXPIRES", default="")

# Security: strict in production, relaxed only where DEBUG needs plain HTTP.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/components$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (see environment.py); PORTAL_CSP_REPORT_ONLY=1 tries it report-only.
if env.bool("PORTAL_CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = content_security_policy(env)
else:
    CONTENT_SECURITY_POLICY = content_security_policy(env)
# Anonymous visitors' pages may be kept this long by browsers and shared caches; signed-in pages
# are never stored. At 0 (the default) they may keep a copy but must ask again each time (the
# answer is then a cheap 304), so an unpublished proposal never lingers outside the portal.
PORTAL_PUBLIC_MAX_AGE = env.int("PORTAL_PUBLIC_MAX_AGE", default=0)
# The portal's own cache of anonymous pages (core/page_cache.py): emptied by any change to
# the records, and in any case after this many seconds, for what changes with time alone.
# On by default only with a shared cache: in each process's own memory, a change made through
# one gunicorn worker would not reach the pages the other workers keep.
PORTAL_PAGE_CACHE = env.bool("PORTAL_PAGE_CACHE", default=SHARED_CACHE)
PORTAL_PAGE_CACHE_SECONDS = env.int("PORTAL_PAGE_CACHE_SECONDS", default=300)
# A streamed export longer than this is sent without keeping a copy.
PORTAL_PAGE_CACHE_MAX_BYTES = env.int("PORTAL_PAGE_CACHE_MAX_BYTES", default=32 * 1024 * 1024)

CSRF_FAILURE_VIEW = "kupang_portal.errors.csrf_failure"
# Uploads: anything bigger is refused before it reaches a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
PORTAL_MAX_UPLOAD_BYTES = env.int("PORTAL_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)

# Background tasks (notification mail). Development runs them at once; production queues them in
# the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": task_backend(env, DEBUG)}}
# After a change, the hot pages it touched are built again by the task queue (core/page_warming).
# Not with the immediate backend, which would build them inside the request that saved.
PORTAL_WARM_PAGES = env.bool(
    "PORTAL_WARM_PAGES",
    default=PORTAL_PAGE_CACHE and TASKS["default"]["BACKEND"] != TASK_BACKENDS["immediate"],
)

# The health report calls the task queue stalled when a task has waited longer than this.
PORTAL_TASKS_STALLED_AFTER_MINUTES = env.int("PORTAL_TASKS_STALLED_AFTER_MINUTES", default=10)

# Asking to follow a proposal by email, per hour: from one address, and from one client.
# Requests a minute one client may make to the public API (0: no limit).
PORTAL_API_RATE_LIMIT = env.int("PORTAL_API_RATE_LIMIT", default=120)
PORTAL_FOLLOW_LIMIT_PER_ADDRESS = env.int("PORTAL_FOLLOW_LIMIT_PER_ADDRESS", default=3)
PORTAL_FOLLOW_LIMIT_PER_CLIENT = env.int("PORTAL_FOLLOW_LIMIT_PER_CLIENT", default=10)
# A second factor (kupang_portal/second_factor.py): always for staff and superusers, for liaisons
# too once on (by default in production). The demo's users are exempt in development only.
PORTAL_REQUIRE_2FA = env.bool("PORTAL_REQUIRE_2FA", default=True)
PORTAL_REQUIRE_2FA_LIAISONS = env.bool("PORTAL_REQUIRE_2FA_LIAISONS", default=not DEBUG)
PORTAL_2FA_EXEMPT = ("demo-staff", "demo-liaison") if DEBUG else ()
OTP_TOTP_ISSUER = "Kupang Sister-City Portal"
OTP_WEBAUTHN_RP_NAME = "Kupang Sister-City Portal"
OTP_WEBAUTHN_RP_ID_CALLABLE = "kupang_portal.passkeys.relying_party"
OTP_WEBAUTHN_HELPER_CLASS = "kupang_portal.passkeys.PortalWebAuthnHelper"
# A passkey is the second step after the password, never a way in on its own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# Personal data kept only as long as its purpose (manage.py forget_personal_data, daily).
PORTAL_UNCONFIRMED_FOLLOW_DAYS = env.int("PORTAL_UNCONFIRMED_FOLLOW_DAYS", default=7)
PORTAL_DELEGATE_CONTACT_YEARS = env.int("PORTAL_DELEGATE_CONTACT_YEARS", default=2)
# Where the privacy notice tells people to ask about their data.
PORTAL_PRIVACY_CONTACT = env.str("PORTAL_PRIVACY_CONTACT", default=DEFAULT_FROM_EMAIL)

# Links in mail point here.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# Passkeys are accepted from the portal's own address (kupang_portal/passkeys.py also accepts
# the host each request was checked against ALLOWED_HOSTS for).
OTP_WEBAUTHN_ALLOWED_ORIGINS = [PORTAL_BASE_URL.rstrip("/")]
# A browser counts http://localhost and http://127.0.0.1 as secure (as `make run` serves them);
# any other address must be https.
if urlsplit(PORTAL_BASE_URL).hostname in ("localhost", "127.0.0.1", "::1"):
    SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E031"]
# An active partnership with no visit, event or commitment activity for this long is dormant.
PORTAL_DORMANT_AFTER_DAYS = env.int("PORTAL_DORMANT_AFTER_DAYS", default=365)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # One line per task run is noise; failures are still logged.
    "loggers": {"django_tasks": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
