"""Background work. Production runs these in `manage.py db_worker`; tests run them at once."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import ProposalEvent
from .notifications import status_change_message, status_change_recipients

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
RETRY_DELAY = timedelta(minutes=5)


@task()
def send_status_change_mail(event_id, attempt=1, only_user_ids=None):
    """Mail each recipient; those whose mail failed are retried later, up to MAX_ATTEMPTS."""
    event = ProposalEvent.objects.select_related("proposal").get(pk=event_id)
    recipients = status_change_recipients(event.proposal)
    if only_user_ids is not None:
        recipients = recipients.filter(pk__in=only_user_ids)
    failed = []
    for user in recipients:
        try:
            status_change_message(event, user).send()
        except (SMTPException, OSError):
            logger.exception("Status mail for event %s to user %s failed", event_id, user.pk)
            failed.append(user.pk)
    if failed:
        retry_status_change_mail(event_id, attempt, failed)
    return len(recipients) - len(failed)


def retry_status_change_mail(event_id, attempt, user_ids):
    if attempt >= MAX_ATTEMPTS:
        logger.error(
            "Giving up the status mail for event %s to users %s after %s attempts",
            event_id, user_ids, attempt,
        )  # fmt: skip
        return
    retry = send_status_change_mail
    if default_task_backend.supports_defer:
        retry = retry.using(run_after=timezone.now() + RETRY_DELAY * attempt)
    retry.enqueue(event_id=event_id, attempt=attempt + 1, only_user_ids=user_ids)
