"""Error pages in the visitor's language, in the site's layout, with a way back; the 500 page
needs no database (it is shown when the database is what failed)."""

import pytest
from django.test import Client
from django.utils import translation
from django.views.defaults import server_error

from .factories import UserFactory

pytestmark = pytest.mark.django_db

NOT_FOUND = {
    "en": "This page does not exist",
    "id": "Halaman ini tidak ada",
    "ja": "このページは存在しません",
}


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


@pytest.mark.parametrize("lang", ["en", "id", "ja"])
def test_a_missing_page_says_so_in_the_language_of_its_address(client, lang):
    response = client.get(f"/{lang}/proposals/no-such-proposal/")
    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{lang}">' in body
    assert NOT_FOUND[lang] in body
    assert f'href="/{lang}/"' in body  # a way back
    assert 'class="site-header"' in body  # the site's layout, not a bare "Not Found"


def test_an_address_without_a_language_answers_in_the_browsers(client):
    response = client.get("/no-such-page", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 404
    assert NOT_FOUND["ja"] in response.content.decode()


def test_a_page_the_account_may_not_open_explains_in_its_language(client):
    client.force_login(UserFactory())  # signed in, but neither staff nor liaison
    response = client.get("/ja/review/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "このページを開く権限がありません" in body
    assert 'href="/ja/"' in body


def test_a_malformed_request_is_explained(client):
    response = client.get("/en/proposals/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "This request could not be understood" in response.content.decode()


@pytest.mark.parametrize(
    "lang,text", [("ja", "問題が発生しました"), ("en", "Something went wrong")]
)
def test_the_server_error_page_needs_no_database(rf, lang, text, django_assert_num_queries):
    with translation.override(lang), django_assert_num_queries(0):
        response = server_error(rf.get(f"/{lang}/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in body
    assert text in body
    assert f'href="/{lang}/"' in body


def test_error_pages_are_never_kept_in_the_page_cache(settings):
    visitor = Client()
    assert visitor.get("/en/proposals/gone/").status_code == 404
    assert visitor.get("/en/proposals/gone/").status_code == 404


@pytest.mark.parametrize("lang", ["en", "id", "ja"])
def test_too_many_requests_answer_in_the_language_of_the_address(client, settings, lang):
    from django.core.cache import cache

    from .factories import ProposalFactory

    cache.clear()
    settings.PORTAL_FOLLOW_LIMIT_PER_CLIENT = 0
    proposal = ProposalFactory(offered=True)
    response = client.post(f"/{lang}/proposals/{proposal.slug}/follow/",
                           {"email": "a@example.org", "language": lang})  # fmt: skip
    assert response.status_code == 429
    body = response.content.decode()
    assert f'<html lang="{lang}">' in body
    with translation.override(lang):
        assert translation.gettext("Too many requests") in body
    assert 'href="/' + lang + '/"' in body  # the way back
    cache.clear()
