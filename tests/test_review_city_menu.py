"""The review page's "Suggest a city" menu with a national list of cities: it offers the
assistant's best fits, or the cities a search finds, instead of thousands of options; any eligible
city is still accepted, and a re-shown form keeps what was chosen."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from partnerships.forms import SuggestForm
from partnerships.models import CandidateCity
from tests.factories import LiaisonFactory, PartnerCityFactory, ProposalFactory
from tests.html_forms import form_on_page

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


class _Options(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside, self.options = False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select" and attrs.get("name") == "city":
            self.inside = True
        elif tag == "option" and self.inside and attrs.get("value"):
            self.options.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.inside = False


def offered_cities(html):
    reader = _Options()
    reader.feed(html)
    return reader.options


@pytest.fixture
def many_cities(monkeypatch):
    monkeypatch.setattr(SuggestForm, "CITIES_LISTED", 5)
    cities = [PartnerCityFactory(name=f"Town {n:02d}") for n in range(12)]
    osaka = PartnerCityFactory(name="Osaka", native_name="大阪")
    return cities + [osaka]


@pytest.fixture
def reviewer(client):
    liaison = LiaisonFactory()
    proposal = ProposalFactory(exploring=True, consulate=liaison.consulate)
    client.force_login(liaison.user)
    page = f"/en{reverse('review:proposal', args=[proposal.reference])[3:]}"
    return client, proposal, page


def test_a_short_list_of_cities_is_offered_whole(client, reviewer):
    cities = [PartnerCityFactory() for _ in range(4)]
    client, _, page = reviewer
    offered = offered_cities(client.get(page, **EN).content.decode())
    assert sorted(offered) == sorted(str(city.pk) for city in cities)


def test_a_long_list_offers_the_assistants_best_fits(reviewer, many_cities):
    client, _, page = reviewer
    html = client.get(page, **EN).content.decode()
    offered = offered_cities(html)
    assert 0 < len(offered) <= 10  # the assistant's ten, not 13
    assert len(offered) < len(many_cities)
    assistant = html[html.index('id="assistant"') :]
    for pk in offered:
        assert f"/matches/{pk}/" in assistant


def search(client, proposal, text, **typed):
    """Press "Find" in the suggestion form, as rendered, with `text` in the search box."""
    page = f"/en{reverse('review:proposal', args=[proposal.reference])[3:]}"
    data = {**form_on_page(client, page, "suggest-city", **EN), "find_city": text, **typed}
    data["find"] = "1"
    suggest = f"/en{reverse('review:suggest', args=[proposal.reference])[3:]}"
    response = client.post(suggest, data, **EN)
    assert response.status_code == 200
    return response.content.decode()


def test_a_search_finds_cities_in_any_of_their_names(reviewer, many_cities):
    client, proposal, _ = reviewer
    osaka = many_cities[-1]
    for text in ("osaka", "大阪"):
        html = search(client, proposal, text)
        assert offered_cities(html) == [str(osaka.pk)]
        assert f"1 city matches “{text}”." in html
        # The one city found is chosen already, and the menu has the focus.
        assert f'<option value="{osaka.pk}" selected>' in html
        assert (
            "autofocus" in re.search(r"<select[^>]*>", html[html.index('id="suggest-city"') :])[0]
        )
    html = search(client, proposal, "Tokyo")
    assert offered_cities(html) == []
    assert "0 cities match “Tokyo”." in html
    assert "Only partner cities on record can be found" in html
    assert not CandidateCity.objects.exists()


def test_a_search_keeps_what_was_typed(reviewer, many_cities):
    client, proposal, _ = reviewer
    html = search(client, proposal, "Town", rationale="Both run waste banks.")
    assert "Both run waste banks." in html
    assert "12 cities match “Town”." in html
    assert "This field is required" not in html  # nothing is judged on a search


def test_a_search_with_more_matches_than_the_menu_says_how_many(reviewer, many_cities):
    client, proposal, _ = reviewer
    html = search(client, proposal, "Town")  # 12 towns, a menu of 5
    assert len(offered_cities(html)) == 5
    assert "12 cities match “Town”." in html
    assert "The menu lists the first 5; type more of the name." in html


def test_a_city_outside_the_menu_is_still_accepted(reviewer, many_cities):
    client, proposal, page = reviewer
    unlisted = next(
        city
        for city in many_cities
        if str(city.pk) not in offered_cities(client.get(page, **EN).content.decode())
    )
    data = form_on_page(client, page, **EN)
    data = {
        **{k: v for k, v in data.items() if k in ("csrfmiddlewaretoken", "rationale")},
        "city": unlisted.pk,
        "rationale": "Twinned schools.",
    }
    suggest = f"/en{reverse('review:suggest', args=[proposal.reference])[3:]}"
    response = client.post(suggest, data, **EN)
    assert response.status_code == 302
    assert CandidateCity.objects.get(proposal=proposal).city == unlisted


def test_a_re_shown_form_keeps_the_chosen_city(reviewer, many_cities):
    client, proposal, _ = reviewer
    chosen = many_cities[3]
    suggest = f"/en{reverse('review:suggest', args=[proposal.reference])[3:]}"
    response = client.post(suggest, {"city": chosen.pk, "rationale": ""}, **EN)
    assert response.status_code == 400
    html = response.content.decode()
    assert str(chosen.pk) in offered_cities(html)
    assert f'<option value="{chosen.pk}" selected>' in html
    # The page opens on the field to correct.
    assert "autofocus" in re.search(r'<textarea[^>]*name="rationale"[^>]*>', html)[0]
    assert not CandidateCity.objects.exists()
