""" "My work" on the admin index: each staff member sees what waits for them (by the reminders'
rule: the followers of a proposal, or everyone when nobody follows it), what changed on what
they follow since their last visit, and the liaisons' recent steps, declines first."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CandidateCityFactory,
    CommentFactory,
    CommitmentFactory,
    LiaisonFactory,
    ProposalEventFactory,
    ProposalFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def section(body, name):
    found = re.search(rf'<section class="module {name}".*?</section>', body, re.S)
    assert found, name
    return found.group(0)


def visit(user):
    """A new visit: a new session, as after signing in again."""
    client = Client()
    client.force_login(user)
    return client.get(reverse("admin:index"), **EN).content.decode()


@pytest.fixture
def two_staff():
    ani, budi = StaffUserFactory(username="ani"), StaffUserFactory(username="budi")
    schools = ProposalFactory(exploring=True, title="School exchange")
    harbour = ProposalFactory(exploring=True, title="Harbour safety")
    schools.followers.add(ani)
    harbour.followers.add(budi)
    return ani, budi, schools, harbour


def test_each_staff_member_sees_the_proposals_they_follow(two_staff):
    ani, budi, schools, harbour = two_staff

    ani_page, budi_page = visit(ani), visit(budi)

    assert "School exchange" in section(ani_page, "followed")
    assert "Harbour safety" not in section(ani_page, "followed")
    assert "Harbour safety" in section(budi_page, "followed")
    assert "School exchange" not in section(budi_page, "followed")


def test_what_waits_goes_to_the_followers_or_to_everyone_when_nobody_follows(two_staff):
    ani, budi, schools, harbour = two_staff
    request = CommentFactory(proposal=schools, is_request=True, body="Which schools take part?")
    CandidateCityFactory(proposal=harbour, city__name="Toyama")
    nobodys = ProposalFactory(exploring=True)
    CandidateCityFactory(proposal=nobodys, city__name="Nara")

    ani_waiting = section(visit(ani), "waiting")
    budi_waiting = section(visit(budi), "waiting")

    assert "Which schools take part?" in ani_waiting
    assert reverse("admin:partnerships_comment_answer", args=[request.pk]) in ani_waiting
    assert "Which schools take part?" not in budi_waiting
    assert "Toyama" in budi_waiting and "Toyama" not in ani_waiting
    assert "Nara" in ani_waiting and "Nara" in budi_waiting


def test_changes_by_others_since_the_last_visit_are_counted(two_staff):
    ani, budi, schools, harbour = two_staff
    first = section(visit(ani), "followed")
    assert "Your first visit" in first

    CommentFactory(proposal=schools, author=budi)
    ProposalEventFactory(proposal=schools)
    ProposalEventFactory(proposal=harbour)
    again = Client()
    again.force_login(ani)
    changed = section(again.get(reverse("admin:index"), **EN).content.decode(), "followed")
    reloaded = section(again.get(reverse("admin:index"), **EN).content.decode(), "followed")

    assert "Steps: 1" in changed and "Comments: 1" in changed
    assert reloaded == changed  # a reload is the same visit
    assert "No change" in section(visit(ani), "followed")  # the next visit starts afresh


def test_what_a_staff_member_changes_is_not_news_to_them(two_staff):
    ani, budi, schools, harbour = two_staff
    visit(ani)
    comment = CommentFactory(proposal=schools, author=ani)
    comment.history.update(history_user=ani)  # as when ani writes it in the admin

    assert "No change" in section(visit(ani), "followed")


def test_liaison_actions_are_listed_declines_first(staff_user):
    liaison = LiaisonFactory(user__first_name="Aiko", user__last_name="Sato")
    offered, declined = ProposalFactory(offered=True), ProposalFactory(offered=True)
    now, day = timezone.now(), datetime.timedelta(days=1)
    by_liaison = {"actor": liaison.user}
    ProposalEventFactory(proposal=offered, title="Candidate suggested", occurred_at=now,
                         **by_liaison)  # fmt: skip
    ProposalEventFactory(proposal=declined, title="Offer declined", to_status="declined",
                         occurred_at=now - 3 * day, **by_liaison)  # fmt: skip
    ProposalEventFactory(proposal=offered, title="Long ago", occurred_at=now - 45 * day,
                         **by_liaison)  # fmt: skip
    ProposalEventFactory(proposal=offered, actor=staff_user, title="Staff step", occurred_at=now)

    actions = section(visit(staff_user), "liaison-actions")

    assert actions.index("Offer declined") < actions.index("Candidate suggested")
    assert "Aiko Sato" in actions
    assert "Long ago" not in actions and "Staff step" not in actions


def test_reports_due_and_agreements_ending_link_to_where_they_are_done(staff_user):
    today = timezone.localdate()
    # Three years ago, a month from today (the 28th at most: 29 February has no such day).
    signed = today.replace(year=today.year - 3, day=min(today.day, 28))
    signed += datetime.timedelta(days=30)
    ending = ProposalFactory(active=True, signed_on=signed, term_years=3)
    waiting = section(visit(staff_user), "waiting")

    renew = reverse("admin:partnerships_proposal_step", args=[ending.pk, "renew"])
    report = f"{reverse('admin:programmes_annualreport_add')}?partnership={ending.pk}&amp;year="
    assert renew in waiting
    assert report in waiting


def test_overdue_commitments_of_archived_proposals_wait_for_nobody(staff_user):
    archived = ProposalFactory(exploring=True, archived_at=timezone.now())
    CommitmentFactory(proposal=archived, description="Send the brochure",
                      due_on=timezone.localdate() - datetime.timedelta(days=2))  # fmt: skip

    assert "Send the brochure" not in section(visit(staff_user), "waiting")


def fill(count, staff, liaison):
    for n in range(count):
        proposal = ProposalFactory(active=True, signed_on=datetime.date(2023, 6, 1), term_years=3)
        proposal.followers.add(staff)
        CommentFactory(proposal=proposal, is_request=True)
        CandidateCityFactory(proposal=ProposalFactory(exploring=True))
        CommitmentFactory(proposal=proposal, due_on=datetime.date(2024, 1, n + 1))
        ProposalEventFactory(proposal=proposal, actor=liaison.user, occurred_at=timezone.now())


def index_queries(user):
    visit(user)  # the first visit records when; the second counts changes
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("admin:index"), **EN).status_code == 200
    return len(queries)


def test_the_index_reads_as_many_queries_with_more_work(staff_user):
    liaison = LiaisonFactory()
    fill(2, staff_user, liaison)
    few = index_queries(staff_user)
    fill(8, staff_user, liaison)

    assert index_queries(staff_user) == few


def test_only_city_staff_have_my_work(db):
    from tests.factories import UserFactory

    flag_only = UserFactory(username="flag", is_staff=True)  # staff flag, no role
    LiaisonFactory(user__first_name="Aiko")
    ProposalEventFactory(title_en="Internal step", is_public=False)
    body = visit(flag_only)
    assert "My work" not in body and "Internal step" not in body


def test_one_kind_of_work_does_not_hide_the_others(staff_user):
    from programmes.my_work import SHOWN_PER_KIND

    for number in range(SHOWN_PER_KIND + 3):
        CommitmentFactory(due_on=timezone.localdate() - datetime.timedelta(days=2),
                          description=f"Promise {number}")  # fmt: skip
    CommentFactory(is_request=True, body="Which schools?")

    waiting = section(visit(staff_user), "waiting")

    assert waiting.count('class="waiting-overdue_commitment"') == SHOWN_PER_KIND
    assert "3 more like these" in waiting
    assert "Which schools?" in waiting
