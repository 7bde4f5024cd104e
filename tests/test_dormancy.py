"""`flag_dormant` marks active partnerships idle for PORTAL_DORMANT_AFTER_DAYS, and no others."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from partnerships.dormancy import flag_dormant
from partnerships.models import Proposal
from tests.factories import CommitmentFactory, ProposalEventFactory, ProposalFactory, VisitFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 11, 27, 9, 0))


def active_with_last_event(days_ago):
    proposal = ProposalFactory(active=True)
    ProposalEventFactory(proposal=proposal, occurred_at=NOW - datetime.timedelta(days=days_ago))
    return proposal


def status(proposal):
    return Proposal.objects.get(pk=proposal.pk).status


def test_day_364_without_activity_is_still_active():
    proposal = active_with_last_event(364)
    assert flag_dormant(now=NOW) == []
    assert status(proposal) == Proposal.Status.ACTIVE


def test_day_366_without_activity_is_dormant_with_an_event_saying_why():
    proposal = active_with_last_event(366)

    assert [p.pk for p in flag_dormant(now=NOW)] == [proposal.pk]

    assert status(proposal) == Proposal.Status.DORMANT
    event = proposal.events.order_by("-pk").first()
    assert (event.to_status, event.actor, event.is_public) == ("dormant", None, True)
    # Each language writes the day its own way (the note is in all three).
    assert "366" in event.note_en and "Nov. 26, 2025" in event.note_en
    assert "26 November 2025" in event.note_ind and "2025年11月26日" in event.note_ja


def test_the_setting_changes_the_threshold(settings):
    settings.PORTAL_DORMANT_AFTER_DAYS = 30
    proposal = active_with_last_event(31)
    flag_dormant(now=NOW)
    assert status(proposal) == Proposal.Status.DORMANT


def test_a_recent_visit_counts_as_activity():
    proposal = active_with_last_event(800)
    visit = VisitFactory(starts_on=(NOW - datetime.timedelta(days=10)).date())
    visit.proposals.add(proposal)
    flag_dormant(now=NOW)
    assert status(proposal) == Proposal.Status.ACTIVE


def test_a_visit_still_to_come_is_not_activity_yet():
    proposal = active_with_last_event(800)
    visit = VisitFactory(
        starts_on=(NOW + datetime.timedelta(days=10)).date(),
        ends_on=(NOW + datetime.timedelta(days=12)).date(),
    )
    visit.proposals.add(proposal)
    flag_dormant(now=NOW)
    assert status(proposal) == Proposal.Status.DORMANT


def test_a_commitment_kept_recently_counts_as_activity():
    proposal = active_with_last_event(800)
    CommitmentFactory(
        proposal=proposal, state="done", closing_note="Kept.",
        closed_on=(NOW - datetime.timedelta(days=10)).date(),
    )  # fmt: skip
    flag_dormant(now=NOW)
    assert status(proposal) == Proposal.Status.ACTIVE


def test_saving_an_old_record_unchanged_does_not_reset_the_clock():
    proposal = active_with_last_event(800)
    commitment = CommitmentFactory(proposal=proposal)  # open, and saved just now
    commitment.save()
    flag_dormant(now=timezone.now())
    assert status(proposal) == Proposal.Status.DORMANT


def test_an_internal_event_is_not_activity():
    proposal = active_with_last_event(800)
    ProposalEventFactory(proposal=proposal, occurred_at=NOW, is_public=False)
    flag_dormant(now=NOW)
    assert status(proposal) == Proposal.Status.DORMANT


@pytest.mark.parametrize("state", ["offered", "exploring", "signed", "dormant", "ended"])
def test_only_active_partnerships_are_considered(state):
    proposal = ProposalFactory(**{state: True})
    flag_dormant(now=NOW)
    assert status(proposal) == state


def test_command_reports_what_it_marked(settings):
    settings.PORTAL_DORMANT_AFTER_DAYS = 365
    proposal = ProposalFactory(active=True, reference="KPG-2020-001")
    ProposalEventFactory(proposal=proposal, occurred_at=timezone.now() - datetime.timedelta(400))
    out = io.StringIO()

    call_command("flag_dormant", stdout=out)

    assert "Dormant: KPG-2020-001" in out.getvalue()
    assert "1 partnership(s) marked dormant." in out.getvalue()
    call_command("flag_dormant", stdout=out)  # a second run finds nothing more
    assert proposal.events.filter(to_status="dormant").count() == 1
