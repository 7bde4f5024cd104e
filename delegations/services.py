"""Closing a commitment made at a visit: done or dropped, always with a note saying how."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.refusals import Refused, permission_problems

from .models import Commitment


class CommitmentRefused(Refused):
    pass


CLOSING_STATES = (Commitment.State.DONE, Commitment.State.DROPPED)


def closing_date_problems(commitment, closed_on):
    if closed_on > timezone.localdate():
        return [_("Closed on: it cannot be in the future.")]
    if closed_on < commitment.visit.starts_on:
        return [
            _("Closed on: it cannot be before the visit at which it was made (%(date)s).")
            % {"date": date_format(commitment.visit.starts_on, "DATE_FORMAT")}
        ]
    return []


def commitment_close(*, commitment, by, state, note, closed_on=None):
    """Done or dropped, on `closed_on` (today when not given), with a note saying how."""
    closed_on = closed_on or timezone.localdate()
    with transaction.atomic():
        locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
        problems = permission_problems(by, locked)
        if locked.state != Commitment.State.OPEN:
            problems.append(_("This commitment is already closed."))
        if state not in CLOSING_STATES:
            problems.append(_("A commitment closes as done or dropped."))
        if not note.strip():
            problems.append(_("Note: missing (say how it was kept or why it was dropped)"))
        problems += closing_date_problems(locked, closed_on)
        if problems:
            raise CommitmentRefused(problems)
        locked.state = state
        locked.closed_on = closed_on
        locked.closing_note = note.strip()
        locked._history_user = by
        locked.save(update_fields=["state", "closed_on", "closing_note", "updated_at"])
    commitment.refresh_from_db()
    return commitment
