"""After a change, the hot pages it touched are built again in the background (the task queue;
immediate in tests), so the next visitor is answered from the page cache, and with the change."""

import pytest
from django.test import Client

from core import page_warming
from partnerships.models import Proposal

from .factories import ProposalFactory
from .test_page_cache import EN, a_story, save_in_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

WASTE_PAGES = ["/id/proposals/waste/", "/en/proposals/waste/", "/ja/proposals/waste/"]


@pytest.fixture
def warming(settings):
    settings.PORTAL_WARM_PAGES = True
    # The address visitors use: the page cache keeps a page per scheme and host.
    settings.PORTAL_BASE_URL = "http://testserver"


@pytest.fixture
def story(db, django_capture_on_commit_callbacks):
    # Committed (as far as the test's transaction allows): what follows is a change of its own.
    with django_capture_on_commit_callbacks(execute=True):
        return a_story()


def test_a_change_builds_its_proposals_pages_and_the_lists_again_with_the_change(
    warming, staff_client, story, django_capture_on_commit_callbacks, django_assert_num_queries
):
    visitor = Client()
    for url in ["/en/", "/en/proposals/", *WASTE_PAGES]:
        visitor.get(url)  # read lately: worth building again
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(staff_client, story["proposal"], title_en="Waste banks, second phase")

    for url in ["/en/", "/en/proposals/", "/en/proposals/waste/"]:
        with django_assert_num_queries(0):  # built in the background: kept, and new
            assert "Waste banks, second phase" in visitor.get(url, **EN).content.decode(), url
    for url in WASTE_PAGES:
        with django_assert_num_queries(0):
            assert visitor.get(url).status_code == 200


def test_only_the_changed_proposals_page_is_built(warming, story):
    other = ProposalFactory(offered=True, slug="flood-drills")
    from core.content_version import record_tag

    paths = page_warming.hot_paths([record_tag(Proposal, story["proposal"].pk)])

    assert set(WASTE_PAGES) <= set(paths)
    assert f"/en/proposals/{other.slug}/" not in paths
    assert "/en/" in paths and "/ja/proposals/" in paths
    # Something shared (a sector, a visit): the home pages and the lists only.
    assert not [path for path in page_warming.hot_paths(None) if "/proposals/waste" in path]


def test_a_page_nobody_read_lately_is_not_built(
    warming, staff_client, story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(staff_client, story["proposal"], title_en="Waste banks, second phase")

    assert Client().get("/en/proposals/waste/", **EN)["X-Page-Cache"] == "miss"


def test_without_a_shared_cache_nothing_is_built(
    story, staff_client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    Client().get("/en/proposals/waste/", **EN)
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(staff_client, story["proposal"], title_en="Waste banks, second phase")

    visitor = Client()
    response = visitor.get("/en/proposals/waste/", **EN)
    assert response["X-Page-Cache"] == "miss"
