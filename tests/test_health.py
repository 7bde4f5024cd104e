from django.db import OperationalError, connection


def test_healthz_answers_ok_when_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_database_fails(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content != b"ok"


def test_healthz_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405


def test_components_report_each_part(client, db):
    response = client.get("/healthz/components")

    assert response.status_code == 200
    assert response.json() == {"serving": True, "database": "ok", "cache": "ok", "tasks": "ok"}


def test_a_failing_cache_takes_the_instance_out_of_service(client, db, monkeypatch):
    from django.core.cache import cache

    def unreachable(*args, **kwargs):
        raise ConnectionError("cache server gone")

    monkeypatch.setattr(cache, "set", unreachable)

    assert client.get("/healthz").status_code == 503
    response = client.get("/healthz/components")
    assert response.status_code == 503
    assert response.json()["cache"] == "failing" and response.json()["database"] == "ok"


def test_a_stalled_task_queue_is_reported_but_the_instance_still_serves(client, db, settings):
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_TASKS_STALLED_AFTER_MINUTES = 10
    waiting = DBTaskResult.objects.create(
        args_kwargs={}, task_path="partnerships.tasks.send_notice", backend_name="default",
        run_after=get_date_max(), exception_class_path="", traceback="",
    )  # fmt: skip
    assert client.get("/healthz/components").json()["tasks"] == "ok"  # just queued

    DBTaskResult.objects.filter(pk=waiting.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=11)
    )

    assert client.get("/healthz/components").json()["tasks"] == "stalled"
    assert client.get("/healthz").status_code == 200
