""" "My work" on the admin index: what waits for one staff member, what changed on the proposals
they follow since their last visit, and what the consulates' liaisons did lately.

What waits is what the reminders remind of (`reminders.SOURCES`), without their waiting period:
the reminders nudge after a week, the index shows it from the first day. It goes to the same
people: the staff who follow the proposal, or every city staff member when nobody does. Every
part reads a fixed number of queries, however many records there are.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Max, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.roles import CITY_STAFF
from core.translation_desk import totals as missing_translations
from partnerships.models import (
    Approval,
    CandidateCity,
    Comment,
    Document,
    Profile,
    Proposal,
    ProposalEvent,
)
from partnerships.notifications import is_told, staff_followers_of
from partnerships.permissions import is_city_staff

from . import reminders
from .models import AnnualReport

RECENT_DAYS = 30
SHOWN = 25
SHOWN_PER_KIND = 8  # so that one kind of work (many reports due) does not hide the others
# The records whose edits count as a change to the proposal they belong to, with the words
# that count them.
CHANGES = [
    (Proposal, "id", _("record")),
    (ProposalEvent, "proposal_id", _("steps")),
    (CandidateCity, "proposal_id", _("candidate cities")),
    (Comment, "proposal_id", _("comments")),
    (Document, "proposal_id", _("documents")),
    (Approval, "proposal_id", _("approvals")),
]


@dataclass
class Waiting:
    """One thing a staff member should do, and the pages where it is done: [(words, link)]."""

    kind: str
    what: str
    subject: str
    proposal: Proposal | None
    since: datetime.date | None
    actions: list


@dataclass
class Followed:
    proposal: Proposal
    changes: list  # [(words, number)]
    last_change: datetime.datetime | None


def awaiting(user, today, translation_totals=None):
    items = [
        *reminders.overdue_commitments(today),
        *reminders.unanswered_requests(today, waited_days=0),
        *reminders.waiting_suggestions(today, waited_days=0),
        *reminders.reports_due(today, january_only=False),
        *reminders.expiring_agreements(today),
    ]
    followers = staff_followers_of({item.proposal.pk for item in items if item.proposal})
    in_city_staff = user.groups.filter(name=CITY_STAFF).exists()
    mine = [
        item for item in items
        if is_told(user, item.proposal.pk if item.proposal else None, followers,
                   is_city_staff=in_city_staff)
    ]  # fmt: skip
    mine = _at_most_per_kind(mine)
    drafts = _report_drafts(mine)
    waiting = [_waiting(item, drafts) if item.kind != "more" else item for item in mine]
    return (_translations_waiting(translation_totals) + waiting)[:SHOWN]


def _at_most_per_kind(items):
    """The first SHOWN_PER_KIND of each kind, then one row saying how many more there are."""
    kept, counts = [], {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
        if counts[item.kind] <= SHOWN_PER_KIND:
            kept.append(item)
    for kind, count in counts.items():
        if count > SHOWN_PER_KIND:
            more = _("%(number)s more like these") % {"number": count - SHOWN_PER_KIND}
            last = max(i for i, item in enumerate(kept) if item.kind == kind)
            kept.insert(last + 1, Waiting("more", "", more, None, None, []))
    return kept


def _report_drafts(items):
    """{(partnership pk, year): report pk} of the reports already begun, to link to them."""
    wanted = [item for item in items if item.kind == "report_due"]
    if not wanted:
        return {}
    begun = AnnualReport.objects.current().filter(
        partnership__in=[item.proposal.pk for item in wanted],
        year__in={item.context["year"] for item in wanted},
    )
    return {(r.partnership_id, r.year): r.pk for r in begun.only("pk", "partnership", "year")}


def _waiting(item, drafts):
    context, proposal = item.context, item.proposal
    if item.kind == "overdue_commitment":
        commitment = context["commitment"]
        close = reverse("admin:delegations_commitment_close", args=[commitment.pk])
        return Waiting(item.kind, _("Overdue commitment"), commitment.description, proposal,
                       commitment.due_on, [(_("Close or drop…"), close)])  # fmt: skip
    if item.kind == "unanswered_request":
        request = context["request"]
        answer = reverse("admin:partnerships_comment_answer", args=[request.pk])
        asked = timezone.localdate(request.created_at)
        return Waiting(item.kind, _("Request for information"), request.body, proposal, asked,
                       [(_("Answer…"), answer)])  # fmt: skip
    if item.kind == "waiting_suggestion":
        candidate = context["candidate"]
        decide = [(words, reverse("admin:partnerships_candidatecity_decide",
                                  args=[candidate.pk, verb]))
                  for verb, words in (("shortlist", _("Shortlist…")),
                                      ("select", _("Select as partner city…")))]  # fmt: skip
        return Waiting(item.kind, _("Suggested city to decide on"), str(candidate.city), proposal,
                       timezone.localdate(candidate.suggested_at), decide)  # fmt: skip
    if item.kind == "report_due":
        return _report_waiting(item, drafts)
    renew = reverse("admin:partnerships_proposal_step", args=[proposal.pk, "renew"])
    return Waiting(item.kind, _("Agreement ending"), proposal.title, proposal,
                   context["ends_on"], [(_("Renew…"), renew)])  # fmt: skip


def _report_waiting(item, drafts):
    year, proposal = item.context["year"], item.proposal
    begun = drafts.get((proposal.pk, year))
    if begun:
        link = reverse("admin:programmes_annualreport_change", args=[begun])
    else:
        add = reverse("admin:programmes_annualreport_add")
        link = f"{add}?partnership={proposal.pk}&year={year}"
    return Waiting(item.kind, _("Annual report due"), str(year), proposal, None,
                   [(_("Write the report…"), link)])  # fmt: skip


def _translations_waiting(overall):
    if overall is None:
        return []
    missing = sum(overall.values())
    if not missing:
        return []
    subject = _("%(number)s published texts are missing a translation.") % {"number": missing}
    desk = reverse("admin:translation_desk")
    return [Waiting("translations", _("Translations"), subject, None, None,
                    [(_("Open the translation desk…"), desk)])]  # fmt: skip


def followed(user, since):
    """The proposals `user` follows, each with its changes by other people after `since`."""
    proposals = list(user.followed_proposals.current().order_by("reference"))
    counted = {proposal.pk: {} for proposal in proposals}
    last = dict.fromkeys(counted)
    for model, key, words in CHANGES:
        if since is None or not counted:
            break
        changes = (
            model.history.filter(**{f"{key}__in": counted}, history_date__gt=since)
            .exclude(history_user=user)
            .values(key)
            .annotate(number=Count("history_id"), latest=Max("history_date"))
        )
        for row in changes:
            counted[row[key]][words] = row["number"]
            latest = last[row[key]]
            last[row[key]] = max(latest, row["latest"]) if latest else row["latest"]
    return [Followed(p, list(counted[p.pk].items()), last[p.pk]) for p in proposals]


def liaison_actions(today):
    """Steps and decisions the liaisons took in the last 30 days, declines first."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    declined = Case(When(to_status=Proposal.Status.DECLINED, then=Value(0)),
                    default=Value(1), output_field=IntegerField())  # fmt: skip
    events = (
        ProposalEvent.objects.current()
        .filter(actor__liaison__isnull=False, occurred_at__gte=since)
        .select_related("proposal", "actor__liaison__consulate")
        .annotate(declined_last=declined)
        .order_by("declined_last", "-occurred_at", "-pk")
    )
    return list(events[:SHOWN])


def last_visit(request):
    """When `request.user` last looked at their work, before this visit (a visit is a
    session: reloading the index does not reset what changed)."""
    key = "portal-work-since"
    if key not in request.session:
        profile, _created = Profile.objects.get_or_create(user=request.user)
        since = profile.work_seen_at
        Profile.objects.filter(pk=profile.pk).update(work_seen_at=timezone.now())
        request.session[key] = since.isoformat() if since else ""
    stored = request.session[key]
    return datetime.datetime.fromisoformat(stored) if stored else None


def my_work(request):
    """The index's "My work", for city staff only (its lists name drafts and internal steps);
    None for anyone else. The translation totals are counted once, for it and the index."""
    user = request.user
    if not is_city_staff(user):
        return None
    today = timezone.localdate()
    since = last_visit(request)
    totals = missing_translations()[0] if user.has_perm("partnerships.change_proposal") else None
    return {
        "waiting": awaiting(user, today, totals),
        "followed": followed(user, since),
        "since": since,
        "liaison_actions": liaison_actions(today),
        "translation_totals": totals,
    }
