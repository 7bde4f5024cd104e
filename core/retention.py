"""How long personal data is kept: each app registers what it forgets and when (UU 27/2022 asks
that personal data go once its purpose ends), and `manage.py forget_personal_data` runs every
rule daily, or lists what it would forget with --dry-run. The register of personal data held
(staff's view) reads the same rules."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rule:
    key: str  # how the privacy notice names it
    name: str  # what is forgotten, for the command's output and the staff view (lazy text)
    due: object  # due(now): a queryset of what is due to be forgotten
    forget: object  # forget(queryset): forgets those rows' personal data; returns how many
    kept_for: object  # kept_for(): how long, in words (lazy text), for the privacy notice


RULES = []


def register_rule(rule):
    if all(existing.key != rule.key for existing in RULES):
        RULES.append(rule)


def forget_due(now, dry_run=False):
    """[(rule, how many)]: what each rule forgot (or, on a dry run, would forget)."""
    done = []
    for rule in RULES:
        due = rule.due(now)
        done.append((rule, due.count() if dry_run else rule.forget(due)))
    return done


@dataclass(frozen=True)
class Held:
    """One kind of personal data the portal holds, for the staff's register of it: how many
    rows, and the oldest (never the data itself)."""

    key: str
    name: str  # lazy text
    rows: object  # rows(): a queryset
    since: str  # the field whose earliest value dates the oldest row


HELD = []


def register_held(*kinds):
    for kind in kinds:
        if all(existing.key != kind.key for existing in HELD):
            HELD.append(kind)


def _accounts():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True)


ACCOUNTS_HELD = Held("accounts", _("Accounts (staff and liaisons)"), _accounts, "date_joined")


def held():
    """[(kind, how many, the oldest date or None)], one query per kind."""
    from django.db.models import Count, Min

    found = []
    for kind in HELD:
        counted = kind.rows().aggregate(n=Count("pk"), oldest=Min(kind.since))
        found.append((kind, counted["n"], counted["oldest"]))
    return found
