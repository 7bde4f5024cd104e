"""The public list's search, as a citizen uses it: the words typed in the rendered search box find
the right proposals in Indonesian, English and Japanese, the best match first on PostgreSQL, each
result showing where the words were found."""

import datetime
import re

import pytest
from django.test import Client

from .factories import PartnerCityFactory, ProposalFactory
from .html_forms import read_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals(db):
    return {
        "waste": ProposalFactory(
            offered=True, slug="waste",
            title_ind="Kerja sama bank sampah", title_en="Waste banks together",
            title_ja="ごみ銀行の協力",
            summary_ind="Bank sampah di setiap kelurahan.", summary_en="A waste bank in each ward.",
            summary_ja="各地区にごみ銀行を。",
        ),
        "drills": ProposalFactory(
            offered=True, slug="drills",
            title_ind="Latihan evakuasi tsunami", title_en="Tsunami evacuation drills",
            title_ja="津波避難訓練",
            summary_ind="Sekolah pantai berlatih bersama.", summary_en="Coastal schools drill.",
            summary_ja="沿岸の学校で防災訓練。",
        ),
    }  # fmt: skip


def search(language, words):
    """The list's search form as rendered, filled with `words` and sent: (titles in the order
    shown, the result passages)."""
    visitor = Client()
    page = visitor.get(f"/{language}/proposals/").content.decode()
    data = {**read_form(page.replace('method="get"', 'method="post"')), "q": words}
    data = {name: value for name, value in data.items() if value}
    html = visitor.get(f"/{language}/proposals/", data).content.decode()
    titles = re.findall(r'<h2 class="h5 mb-1"><a href="[^"]+">([^<]+)</a>', html)
    return titles, re.findall(r'<p class="mb-1 small search-passage" lang="\w+">(.*?)</p>', html)


@pytest.mark.parametrize(
    ("language", "words", "title"),
    [
        ("id", "sampah", "Kerja sama bank sampah"),
        ("en", "tsunami", "Tsunami evacuation drills"),
        ("ja", "津波", "津波避難訓練"),
        ("ja", "防災", "津波避難訓練"),  # in the Japanese summary only
        ("en", "KPG", None),  # a reference's start finds them all
    ],
)
def test_words_in_each_language_find_their_proposal(proposals, language, words, title):
    titles, _passages = search(language, words)
    if title is None:
        assert len(titles) == 2
    else:
        assert titles == [title]


def test_a_partner_citys_name_finds_its_proposals(proposals):
    city = PartnerCityFactory(name_ind="Kitakyushu", native_name="北九州市")
    proposals["waste"].partner_city = city
    proposals["waste"].save()
    assert search("en", "北九州")[0] == ["Waste banks together"]


def test_each_result_shows_where_the_words_were_found(proposals):
    _titles, passages = search("en", "ward")
    assert len(passages) == 1
    assert "waste bank in each <mark>ward</mark>" in passages[0]


def test_a_proposals_text_never_opens_a_tag_in_the_passage(proposals):
    proposals["waste"].summary_en = "A <script>alert(1)</script> waste bank."
    proposals["waste"].save()
    _titles, passages = search("en", "waste")
    assert "<mark>waste</mark> bank" in passages[0]
    # Escaped (or, on PostgreSQL, left out of the passage): never a tag.
    assert "<script" not in passages[0]


def test_stemmed_words_find_their_forms(on_postgresql, proposals):
    # Indonesian: "bekerja" is "kerja" with a prefix; English: "drilling" is "drill".
    assert search("id", "bekerja")[0] == ["Kerja sama bank sampah"]
    assert search("en", "drilling")[0] == ["Tsunami evacuation drills"]


def test_a_title_match_ranks_above_a_summary_match(on_postgresql, proposals):
    # "drill" is in the title of one, in the summary of a newer one (listed first otherwise).
    later = proposals["drills"].offered_on + datetime.timedelta(days=1)
    ProposalFactory(
        offered=True, slug="schools", title_en="Coastal schools",
        summary_en="Every school runs a drill.", offered_on=later,
    )  # fmt: skip
    titles, passages = search("en", "drill")
    assert titles == ["Tsunami evacuation drills", "Coastal schools"]
    assert "<mark>drill</mark>" in passages[1]


def test_a_passage_in_another_language_says_which(proposals):
    proposals["waste"].summary_ja = ""
    proposals["waste"].save()
    html = Client().get("/ja/proposals/", {"q": "ごみ"}).content.decode()
    assert '<p class="mb-1 small search-passage" lang="en">' in html
