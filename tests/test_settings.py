"""Settings come from the environment: safe defaults in development, strict in production."""

import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env_vars):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update(env_vars)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def print_settings(*names, **env_vars):
    code = "from django.conf import settings as s; " + "; ".join(
        f"print(s.{name})" for name in names
    )
    result = run_manage("shell", "--no-imports", "-c", code, **env_vars)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_development_defaults_need_no_variables():
    debug, engine, language, zone = print_settings(
        "DEBUG", "DATABASES['default']['ENGINE']", "LANGUAGE_CODE", "TIME_ZONE"
    )
    assert debug == "True"
    assert engine == "django.db.backends.sqlite3"
    assert (language, zone) == ("id", "Asia/Makassar")


def test_database_url_selects_postgresql():
    (engine,) = print_settings(
        "DATABASES['default']['ENGINE']", DATABASE_URL="postgres://portal@db.internal/portal"
    )
    assert engine == "django.db.backends.postgresql"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = run_manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="django-insecure-kupang-portal-development-only",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="short-and-guessable")
    assert result.returncode != 0


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        DJANGO_CACHE_URL="redis://127.0.0.1:6379/1",
        PORTAL_SECURITY_TXT_EXPIRES=str(datetime.date.today() + datetime.timedelta(days=200)),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deployment_check_asks_for_a_shared_cache_for_the_limits(settings):
    from kupang_portal.deploy_checks import shared_cache_for_limits

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in shared_cache_for_limits(None)] == ["portal.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/1"}}  # fmt: skip
    assert shared_cache_for_limits(None) == []


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
                  "DJANGO_ALLOWED_HOSTS": "portal.example.org"}  # fmt: skip
    code = (
        "from django.db import connection as c; "
        "print(c.settings_dict['CONN_MAX_AGE'], c.settings_dict['CONN_HEALTH_CHECKS'])"
    )
    assert run_manage("shell", "-v", "0", "-c", code, **production).stdout.split() == ["60", "True"]
    assert run_manage("shell", "-v", "0", "-c", code).stdout.split() == ["0", "True"]


def test_uploads_go_to_the_media_directory_unless_a_bucket_is_named(tmp_path):
    backend, location = print_settings(
        'STORAGES["default"]["BACKEND"]', "MEDIA_ROOT", DJANGO_MEDIA_ROOT=str(tmp_path)
    )
    assert backend == "django.core.files.storage.FileSystemStorage"
    assert location == str(tmp_path)


def test_a_named_bucket_keeps_uploads_in_an_s3_compatible_store_privately():
    code = (
        'from django.core.files.storage import storages; d = storages["default"]; '
        "print(type(d).__name__, d.bucket_name, d.endpoint_url, d.location, d.default_acl, "
        "d.querystring_auth, d.file_overwrite)"
    )
    result = run_manage(
        "shell", "--no-imports", "-c", code,
        PORTAL_S3_BUCKET="kupang-uploads", PORTAL_S3_ENDPOINT_URL="https://s3.example.org",
        PORTAL_S3_PREFIX="portal",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage", "kupang-uploads", "https://s3.example.org", "portal", "private", "True",
        "False",
    ]  # fmt: skip


def test_a_shared_cache_also_keeps_the_sessions_and_the_pages():
    alone = print_settings("SESSION_ENGINE", "SHARED_CACHE", "PORTAL_PAGE_CACHE")
    # In each process's own memory, pages kept by one worker would miss another's changes.
    assert alone == ["django.contrib.sessions.backends.db", "False", "False"]
    shared = print_settings(
        "SESSION_ENGINE",
        'CACHES["default"]["BACKEND"]',
        "PORTAL_PAGE_CACHE",
        'CACHES["default"]["OPTIONS"]["socket_timeout"]',
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert shared == [
        "django.contrib.sessions.backends.cached_db",
        "django.core.cache.backends.redis.RedisCache",
        "True",
        "1",  # a Redis that hangs costs a request a second, not forever
    ]


def test_postgresql_sessions_do_not_compile_queries():
    options = 'DATABASES["default"]["OPTIONS"].get("options", "").replace(" ", "_")'
    url = "postgres://portal@db.example.org:5432/portal"
    assert print_settings(options, DATABASE_URL=url) == ["-c_jit=off"]
    # Options the address already gives are kept.
    assert print_settings(options, DATABASE_URL=f"{url}?options=-c%20statement_timeout%3D5000") == [
        "-c_statement_timeout=5000_-c_jit=off"
    ]
    # Behind a pooler that refuses startup options, the database's own setting is used instead.
    assert print_settings(options, DATABASE_URL=url, DJANGO_DB_JIT_OFF="0") == []


def test_the_connection_really_runs_without_query_compiling(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.parametrize(
    "name,backend",
    [("immediate", "django_tasks.backends.immediate.ImmediateBackend"),
     ("database", "django_tasks_db.DatabaseBackend")],
)  # fmt: skip
def test_the_task_backend_takes_the_names_the_readme_gives(name, backend):
    assert print_settings('TASKS["default"]["BACKEND"]', PORTAL_TASK_BACKEND=name) == [backend]


def test_an_unknown_task_backend_stops_the_start_naming_the_choices():
    result = run_manage("check", PORTAL_TASK_BACKEND="instant")
    assert result.returncode != 0
    assert "PORTAL_TASK_BACKEND='instant': use one of immediate, database" in result.stderr


@pytest.mark.django_db
def test_a_stale_form_is_answered_in_the_visitors_language_and_the_sites_layout():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/ja/proposals/", {}, HTTP_ACCEPT_LANGUAGE="ja")

    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="ja">' in page and "フォームを送信できませんでした" in page
    assert 'class="site-header' in page or "<header" in page


def test_a_missing_japanese_font_is_warned_of(settings, tmp_path):
    from kupang_portal.deploy_checks import embedded_japanese_font

    settings.PDF_FONTS_DIR = tmp_path
    assert [w.id for w in embedded_japanese_font(None)] == ["portal.W002"]
    (tmp_path / "ipaexg.ttf").write_bytes(b"")
    assert embedded_japanese_font(None) == []
