"""The page cache keeps what did not change: a proposal's page is kept under its own version and the
shared one, so a change to another proposal, or to something no public page shows, leaves it in
place, while every change it shows still shows on the very next request.

A kept page is told from a fresh one by a change that sends no signal (`changed_quietly`): the
kept copy still shows the old title."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core import content_version as versions
from core import page_cache
from partnerships.models import Comment, Proposal

from .factories import (
    FocusSectorFactory,
    ProposalEventFactory,
    ProposalFactory,
    VisitFactory,
)
from .html_forms import form_on_page
from .test_page_cache import EN, a_story, changed_quietly, read_twice, save_in_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

WASTE = "/en/proposals/waste/"
DRILLS = "/en/proposals/flood-drills/"


@pytest.fixture
def story(db):
    return a_story()


@pytest.fixture
def other(story):
    return ProposalFactory(offered=True, slug="flood-drills", title_en="Flood drills")


@pytest.fixture
def visitor():
    return Client()


def kept(visitor, url, proposal):
    """Whether `url` is answered from a kept copy: a quiet change of `proposal`'s title does
    not show."""
    title = changed_quietly(proposal, title=f"Quietly renamed {proposal.slug}")
    return title not in visitor.get(url, **EN).content.decode()


def test_a_change_to_one_proposal_leaves_anothers_page_kept(
    visitor, staff_client, story, other, django_assert_num_queries
):
    read_twice(visitor, DRILLS, django_assert_num_queries, **EN)
    read_twice(visitor, WASTE, django_assert_num_queries, **EN)

    save_in_admin(staff_client, story["proposal"], title_en="Waste banks, second phase")

    assert "Waste banks, second phase" in visitor.get(WASTE, **EN).content.decode()
    assert "Waste banks, second phase" in visitor.get("/en/proposals/", **EN).content.decode()
    with django_assert_num_queries(0):
        assert visitor.get(DRILLS, **EN).status_code == 200
    assert kept(visitor, DRILLS, other)


def test_a_new_step_on_one_proposal_shows_there_and_leaves_another_kept(
    visitor, story, other, django_assert_num_queries
):
    read_twice(visitor, DRILLS, django_assert_num_queries, **EN)
    read_twice(visitor, WASTE, django_assert_num_queries, **EN)

    ProposalEventFactory(proposal=story["proposal"], title_en="Council approval given")

    assert "Council approval given" in visitor.get(WASTE, **EN).content.decode()
    assert kept(visitor, DRILLS, other)


def test_a_change_to_a_proposals_city_refreshes_its_page(
    visitor, staff_client, story, django_assert_num_queries
):
    read_twice(visitor, WASTE, django_assert_num_queries, **EN)

    save_in_admin(staff_client, story["city"], name_en="Kitakyushu City")

    assert "Kitakyushu City" in visitor.get(WASTE, **EN).content.decode()


def test_a_sector_added_to_a_proposal_shows_on_its_page(visitor, story, django_assert_num_queries):
    read_twice(visitor, WASTE, django_assert_num_queries, **EN)

    story["proposal"].sectors.add(FocusSectorFactory(name_en="Disaster mitigation"))

    assert "Disaster mitigation" in visitor.get(WASTE, **EN).content.decode()


def test_what_is_not_filed_under_a_proposal_refreshes_every_proposal_page(
    visitor, story, other, django_assert_num_queries
):
    # A visit (another app's record) may show on any page: it moves the shared version.
    read_twice(visitor, DRILLS, django_assert_num_queries, **EN)

    VisitFactory(slug="second-call").proposals.add(story["proposal"])

    assert not kept(visitor, DRILLS, other)


def test_an_internal_comment_empties_nothing_public(
    visitor, liaison_client, liaison, story, django_assert_num_queries
):
    proposal = story["proposal"]
    Proposal.objects.filter(pk=proposal.pk).update(consulate=liaison.consulate)
    pages = [WASTE, "/en/", "/en/proposals/", "/feeds/updates.atom", "/sitemap.xml"]
    for url in pages:
        read_twice(visitor, url, django_assert_num_queries, **EN)
    version = versions.content_version()

    url = reverse("review:proposal", args=[proposal.reference])
    data = {**form_on_page(liaison_client, url, "comment-form", **EN), "body": "Internal only."}
    action = reverse("review:comment", args=[proposal.reference])
    assert liaison_client.post(action, data, **EN).status_code == 302
    assert Comment.objects.filter(body="Internal only.").exists()

    assert versions.content_version() == version
    for url in pages:
        with django_assert_num_queries(0):
            assert visitor.get(url, **EN).status_code == 200, url


def test_a_record_page_built_while_a_change_began_is_not_kept(rf, story):
    # The change's version moved after the page read the content version and before it was
    # stored: what the page saw may be from before the change, so it is not kept.
    request = rf.get(WASTE)
    before = versions.content_version()
    page_cache.shows_records(request, versions.record_tag(Proposal, story["proposal"].pk))
    versions.content_changed([versions.record_tag(Proposal, story["proposal"].pk + 1)])

    assert page_cache._versions_to_keep(request, before) is None
    assert page_cache._versions_to_keep(request, versions.content_version()) is not None


def test_a_committed_change_moves_its_records_version_again(db, django_capture_on_commit_callbacks):
    # (Nothing saved before: the transaction's one callback is registered inside the capture.)
    with django_capture_on_commit_callbacks(execute=True):
        proposal = ProposalFactory(offered=True)
        ProposalEventFactory(proposal=proposal)
        tag = versions.record_tag(Proposal, proposal.pk)
        before_commit = versions.versions_of([tag])
    after_commit = versions.versions_of([tag])
    assert after_commit[tag] > before_commit[tag]
    assert after_commit[versions.VERSION_KEY] > before_commit[versions.VERSION_KEY]


def test_a_lost_record_version_starts_again_where_no_kept_page_can_match(story):
    tag = versions.record_tag(Proposal, story["proposal"].pk)
    first = versions.versions_of([tag])[tag]
    cache.delete(f"portal:version:{tag}")
    assert versions.versions_of([tag])[tag] != first


def test_a_failure_to_queue_the_hot_pages_breaks_no_commit(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from core import page_warming

    def refused(records):
        raise RuntimeError("the task table is locked")

    monkeypatch.setattr(page_warming, "after_change", refused)
    after = []
    with django_capture_on_commit_callbacks(execute=True):
        proposal = ProposalFactory(offered=True)
        transaction.on_commit(lambda: after.append("mail queued"))
    assert after == ["mail queued"]
    assert Proposal.objects.filter(pk=proposal.pk).exists()


def test_a_record_saved_by_another_callback_during_the_commit_loses_no_version(reference_data):
    from django.db import transaction

    with transaction.atomic():
        # A callback registered before ours saves a shown record while the commit runs them
        # (Django empties the list of callbacks before it runs them).
        transaction.on_commit(lambda: FocusSectorFactory(name_en="Tourism"))
        first = ProposalFactory(offered=True)
        tag = versions.record_tag(Proposal, first.pk)
        before_commit = versions.versions_of([tag])[tag]
    assert versions.versions_of([tag])[tag] > before_commit
