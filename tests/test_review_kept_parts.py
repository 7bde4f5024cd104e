"""The workspace keeps what is the same for everyone who may see it (core/fragments.py): a
mission's queue, a proposal's own record (stepper, timeline, approvals, documents) and the matching
assistant. Each is kept per mission, shown at once after any change it shows, including the
internal discussion, and never shown to another mission; the forms in a kept part carry the
reader's own token.

A kept part is told from a fresh one by a change that sends no signal (`changed_quietly`)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import CandidateCity, Proposal

from .factories import (
    CandidateCityFactory,
    CommentFactory,
    LiaisonFactory,
    PartnerCityFactory,
    ProposalEventFactory,
    ProposalFactory,
)
from .test_page_cache import changed_quietly

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def mission():
    """Two liaisons of one consulate, each signed in on their own browser, and its proposal."""
    first = LiaisonFactory()
    second = LiaisonFactory(consulate=first.consulate)
    proposal = ProposalFactory(
        exploring=True, consulate=first.consulate, reference="KPG-2024-001", title_en="Waste banks"
    )
    return {"proposal": proposal, "consulate": first.consulate, "second_user": second.user,
            "first": signed_in(first.user), "second": signed_in(second.user)}  # fmt: skip


def signed_in(user, **options):
    client = Client(**options)
    client.force_login(user)
    return client


def read(client, url):
    response = client.get(url, **EN)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_missions_queue_is_kept_for_all_its_liaisons(mission):
    assert "Waste banks" in read(mission["first"], "/en/review/")
    changed_quietly(mission["proposal"], title="Quietly renamed")

    assert "Quietly renamed" not in read(mission["second"], "/en/review/")


def test_a_request_for_information_shows_at_once_in_the_queue(mission):
    read(mission["first"], "/en/review/")
    assert "request for information" not in read(mission["second"], "/en/review/")

    CommentFactory(proposal=mission["proposal"], is_request=True)  # internal: moves nothing public

    assert "1 request for information awaits" in read(mission["second"], "/en/review/")


def test_a_suggested_city_shows_at_once_in_the_queue(mission):
    read(mission["first"], "/en/review/")
    CandidateCityFactory(proposal=mission["proposal"], state=CandidateCity.State.SUGGESTED)

    assert "1 suggested city awaits a decision" in read(mission["second"], "/en/review/")


def test_another_missions_liaison_and_staff_never_read_a_kept_queue(mission, staff_user):
    read(mission["first"], "/en/review/")
    other = ProposalFactory(exploring=True, reference="KPG-2024-077", title_en="Flood drills")

    elsewhere = read(signed_in(LiaisonFactory().user), "/en/review/")
    assert "Waste banks" not in elsewhere and "Flood drills" not in elsewhere
    staff_page = read(signed_in(staff_user), "/en/review/")
    assert "Waste banks" in staff_page and "Flood drills" in staff_page
    assert other.reference not in read(mission["second"], "/en/review/")


def test_parameters_the_queue_is_not_kept_under_never_reach_its_links(mission):
    for n in range(30):  # two pages
        ProposalFactory(
            exploring=True, consulate=mission["consulate"], reference=f"KPG-2025-{n:03d}"
        )
    read(mission["first"], "/en/review/?stage=exploring&made_up=planted")

    page = read(mission["second"], "/en/review/?stage=exploring")
    assert "planted" not in page
    assert "?stage=exploring&amp;page=2" in page


def test_a_proposals_own_record_is_kept_until_it_changes(mission):
    url = reverse("review:proposal", args=["KPG-2024-001"])
    ProposalEventFactory(proposal=mission["proposal"], title_en="Letter of intent signed")
    assert "Letter of intent signed" in read(mission["first"], url)
    event = mission["proposal"].events.get(title_en="Letter of intent signed")
    type(event).objects.filter(pk=event.pk).update(title_en="Quietly retitled")
    assert "Quietly retitled" not in read(mission["second"], url)

    ProposalEventFactory(proposal=mission["proposal"], title_en="Council consulted")

    page = read(mission["second"], url)
    assert "Council consulted" in page and "Quietly retitled" in page


def test_a_change_to_another_proposal_leaves_its_record_kept(mission):
    url = reverse("review:proposal", args=["KPG-2024-001"])
    ProposalEventFactory(proposal=mission["proposal"], title_en="Letter of intent signed")
    other = ProposalFactory(exploring=True, consulate=mission["consulate"])
    read(mission["first"], url)
    event = mission["proposal"].events.get()
    type(event).objects.filter(pk=event.pk).update(title_en="Quietly retitled")

    ProposalEventFactory(proposal=other, title_en="Elsewhere")

    assert "Quietly retitled" not in read(mission["second"], url)


SUGGEST = re.compile(
    r'<form method="post" action="(/en/review/KPG-2024-001/matches/\d+/)">'
    r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">'
)


def test_the_kept_assistant_carries_each_readers_own_token(mission):
    PartnerCityFactory(name_en="Kitakyushu")
    url = reverse("review:proposal", args=["KPG-2024-001"])
    read(mission["first"], url)  # the assistant is kept from the first liaison's reading
    second = signed_in(mission["second_user"], enforce_csrf_checks=True)

    action, token = SUGGEST.search(read(second, url)).groups()
    response = second.post(action, {"csrfmiddlewaretoken": token}, **EN)

    assert response.status_code == 302
    assert CandidateCity.objects.filter(proposal=mission["proposal"], city__name_en="Kitakyushu")


def test_a_reader_after_a_change_to_the_ranking_sees_it(mission):
    PartnerCityFactory(name_en="Kitakyushu")
    url = reverse("review:proposal", args=["KPG-2024-001"])
    read(mission["first"], url)

    PartnerCityFactory(name_en="Toyama")

    assert "Suggest Toyama" in read(mission["second"], url)


def test_the_kept_parts_answer_in_the_readers_language(mission):
    url = reverse("review:proposal", args=["KPG-2024-001"])
    read(mission["first"], url)
    japanese = read(mission["second"], url.replace("/en/", "/ja/"))
    assert "まだ記録はありません。" in japanese  # the timeline, kept in English too
    assert "Nothing recorded yet." not in japanese


def test_a_draft_staff_see_never_reaches_a_liaisons_queue(mission, staff_user):
    draft = ProposalFactory(consulate=mission["consulate"], reference="KPG-2024-002")
    assert draft.status == Proposal.Status.DRAFT
    assert "KPG-2024-002" in read(signed_in(staff_user), "/en/review/")

    assert "KPG-2024-002" not in read(mission["first"], "/en/review/")


def test_a_change_naming_no_record_refreshes_the_record(mission):
    # A bulk insert or an update says only "something changed" (content_changed()): every kept
    # record part is built again, as every record page is.
    from core.content_version import content_changed

    url = reverse("review:proposal", args=["KPG-2024-001"])
    ProposalEventFactory(proposal=mission["proposal"], title_en="Letter of intent signed")
    read(mission["first"], url)
    event = mission["proposal"].events.get()
    type(event).objects.filter(pk=event.pk).update(title_en="Retitled in bulk")

    content_changed()

    assert "Retitled in bulk" in read(mission["second"], url)
