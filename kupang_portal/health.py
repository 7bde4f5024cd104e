"""`/healthz`: a load balancer's question "is this instance able to serve?" (`ok` or 503), and
`/healthz/components`: the same answer part by part, for whoever runs the portal.

The instance can serve when its database and its cache answer (the sign-in limits count in the
cache). The task queue is reported but does not take the instance out of service: a stopped
`db_worker` delays mail, it does not stop pages.
"""

import datetime
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)
DATABASE_TASKS = "django_tasks_db.DatabaseBackend"


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False
    return True


def cache_answers():
    # A key of its own: hosts sharing one cache check at the same moments.
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "ok", 30)
        answered = cache.get(key) == "ok"
        cache.delete(key)
        return answered
    except Exception:  # noqa: BLE001 - any failure of the cache's client means "not answering"
        logger.exception("Health check: the cache does not answer")
        return False


def task_queue_state():
    """ "ok", "stalled" (tasks wait longer than PORTAL_TASKS_STALLED_AFTER_MINUTES: is
    `db_worker` running?) or "unknown" (the queue could not be read)."""
    if settings.TASKS["default"]["BACKEND"] != DATABASE_TASKS:
        return "ok"  # tasks run at once, inside the request
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    patience = datetime.timedelta(minutes=settings.PORTAL_TASKS_STALLED_AFTER_MINUTES)
    waited = timezone.now() - patience
    try:
        stalled = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, enqueued_at__lt=waited
        ).exists()
    except DatabaseError:
        return "unknown"
    return "stalled" if stalled else "ok"


@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    if not database_answers():
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    if not cache_answers():
        return HttpResponse("cache unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@transaction.non_atomic_requests
@never_cache
@require_GET
def components(request):
    parts = {"database": "ok" if database_answers() else "failing"}
    parts["cache"] = "ok" if cache_answers() else "failing"
    parts["tasks"] = task_queue_state() if parts["database"] == "ok" else "unknown"
    serving = parts["database"] == "ok" and parts["cache"] == "ok"
    return JsonResponse({"serving": serving, **parts}, status=200 if serving else 503)
