"""The whole-site checks find the pages and models to check in the project itself: an address
added later, with no row in the access matrix, fails the matrix (and so the fuzz test, which
sends its requests to the matrix's addresses), and a model with a `.public()` rule and no planted
row fails the leak test."""

from django.urls import clear_url_caches

from tests.test_access_matrix import TABLE, project_url_names
from tests.test_fuzz import ENTRIES
from tests.test_planted_records import PLANTED, PUBLIC_BY_NATURE, models_with_a_public_rule


def test_a_page_added_without_a_row_is_found_by_the_matrix(settings):
    settings.ROOT_URLCONF = "tests.urls_with_an_unlisted_page"
    clear_url_caches()
    try:
        assert project_url_names() - set(TABLE) == {"unlisted_test_page"}
    finally:
        clear_url_caches()


def test_the_fuzz_test_reaches_every_row_of_the_matrix():
    assert {name for name, _variant in ENTRIES} == set(TABLE)


def test_the_leak_test_finds_the_models_from_the_code():
    found = models_with_a_public_rule()
    assert {"delegations.commitment", "programmes.indicatorvalue"} <= found
    assert found - PUBLIC_BY_NATURE == set(PLANTED)
