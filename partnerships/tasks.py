"""Background work. Production runs these in `manage.py db_worker`; tests run them at once."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.utils import timezone
from django_tasks import default_task_backend, task

from core.mail import queue_after_commit

from .notifications import NOTICES, message_for

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
RETRY_DELAY = timedelta(minutes=5)


def notify_on_commit(kind, pk):
    """Queue one notice once the current transaction commits, so a rollback sends nothing."""
    queue_after_commit(send_notice, kind=kind, pk=pk)


@task()
def send_notice(kind, pk, attempt=1, only_user_ids=None):
    """Mail each recipient; those whose mail failed are retried later, up to MAX_ATTEMPTS."""
    notice = NOTICES[kind]
    obj = notice.model.objects.get(pk=pk)
    recipients = notice.recipients(obj)
    if only_user_ids is not None:
        recipients = recipients.filter(pk__in=only_user_ids)
    failed = []
    for user in recipients:
        try:
            message_for(kind, obj, user).send()
        except (SMTPException, OSError):
            logger.exception("Mail %s %s to user %s failed", kind, pk, user.pk)
            failed.append(user.pk)
    if failed:
        retry(kind, pk, attempt, failed)
    return len(recipients) - len(failed)


def retry(kind, pk, attempt, user_ids):
    if attempt >= MAX_ATTEMPTS:
        logger.error(
            "Giving up mail %s %s to users %s after %s attempts", kind, pk, user_ids, attempt
        )
        return
    later = send_notice
    if default_task_backend.supports_defer:
        later = later.using(run_after=timezone.now() + RETRY_DELAY * attempt)
    later.enqueue(kind=kind, pk=pk, attempt=attempt + 1, only_user_ids=user_ids)
