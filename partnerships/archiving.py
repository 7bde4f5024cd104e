"""Archiving and restoring, the portal's only way to take a record out of sight.

Nothing a person recorded is deleted: `record_archive` hides a proposal, a visit or one of their
records from public pages, lists, feeds, open data and the review workspace, and keeps it with
its edit history; `record_restore` brings it back. Each locks the record, checks, changes it and,
for the records of a proposal, writes an internal timeline event, in one transaction. A refusal
raises `ArchiveRefused` with every reason and changes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.refusals import Refused, permission_problems
from core.texts import as_written, in_each_language

from .models import Proposal, ProposalEvent

ARCHIVED_TITLE = _("Archived: %(record)s")
RESTORED_TITLE = _("Restored: %(record)s")


class ArchiveRefused(Refused):
    pass


def _describe(record):
    """“Document “LoI”” in the active language: the kind of record and its name."""
    return lazy(lambda: f"{record._meta.verbose_name} “{record}”", str)()


def _record_on_timeline(record, by, title, note=""):
    proposal = record.archive_proposal()
    if proposal is None:
        return
    described = _describe(record)
    ProposalEvent.objects.create(
        proposal=proposal,
        actor=by,
        is_public=False,
        **as_written("note", note),
        **in_each_language("title", lazy(lambda: gettext(title) % {"record": described}, str)()),
    )


def _locked(record):
    # A proposal's records are locked after the proposal, in the order the lifecycle steps and
    # candidate decisions take them: the other order would deadlock against them.
    proposal = record.archive_proposal()
    if proposal is not None:
        Proposal.objects.select_for_update().get(pk=proposal.pk)
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


def record_archive(*, record, by, reason):
    with transaction.atomic():
        locked = _locked(record)
        problems = permission_problems(by, locked)
        if locked.is_archived:
            problems.append(_("This record is already archived."))
        problems += locked.archive_problems()
        if not reason.strip():
            problems.append(_("Reason: missing (say why it is archived)"))
        if problems:
            raise ArchiveRefused(problems)
        locked.archived_at = timezone.now()
        locked.archived_by = by
        locked.archive_reason = reason.strip()
        locked._history_user = by
        locked.save(update_fields=["archived_at", "archived_by", "archive_reason"])
        _record_on_timeline(locked, by, ARCHIVED_TITLE, reason.strip())
    record.refresh_from_db()
    return record


def record_restore(*, record, by):
    with transaction.atomic():
        locked = _locked(record)
        problems = permission_problems(by, locked)
        if not locked.is_archived:
            problems.append(_("This record is not archived."))
        if problems:
            raise ArchiveRefused(problems)
        locked.archived_at = None
        try:
            # A record restored beside its replacement would break a rule of the current rows
            # (one approval of each kind, one selected city, a city once per proposal).
            locked.check_unique_while_current()
        except ValidationError as conflict:
            raise ArchiveRefused(conflict.messages) from conflict
        locked.archived_by = None
        locked.archive_reason = ""
        locked._history_user = by
        locked.save(update_fields=["archived_at", "archived_by", "archive_reason"])
        _record_on_timeline(locked, by, RESTORED_TITLE)
    record.refresh_from_db()
    return record
