"""What every guarded action raises when it may not be taken: each reason, ready to show a person
and to list as messages (`report`); and the one check of who may act on a record."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _


class Refused(Exception):
    def __init__(self, problems):
        self.problems = [str(p) for p in problems]
        super().__init__("; ".join(self.problems))


def report(request, refusal):
    for problem in refusal.problems:
        messages.error(request, problem)


def permission_problems(by, record, action="change"):
    """Why `by` may not `action` records like `record` ([] when they may). `by=None` is the
    portal itself (a command, the demo loader)."""
    if by is None:
        return []
    opts = record._meta
    if by.is_active and by.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
        return []
    return [_("You may not change a %(record)s.") % {"record": opts.verbose_name}]
