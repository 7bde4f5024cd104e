"""Every word a citizen reads is in their language: the demo story reads entirely in English on
/en/ and in Japanese on /ja/, and where a text is not translated yet the page says so."""

import re

import pytest
from django.core.management import call_command
from django.utils.html import escape

from delegations.models import Delegate, Visit
from demo import programmes_samples as programmes_demo
from demo import sample_signing as demo_signing
from demo import samples as demo_samples
from demo import story as demo_data
from demo import story_visit as demo_visit
from partnerships.models import FocusSector, PartnerCity, Proposal
from programmes.models import AnnualReport
from tests.factories import ProposalFactory, VisitFactory

pytestmark = pytest.mark.django_db

LANGUAGE_COLUMNS = {"id": "ind", "en": "en", "ja": "ja"}


def indonesian_texts():
    """Every Indonesian text of the demo story (and its samples) that differs from its English
    and Japanese: `*_ind` columns, and {"id"/"ind": …} texts."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            for key, text in value.items():
                base = key.removesuffix("_ind")
                siblings = (value.get(f"{base}_en"), value.get(f"{base}_ja"), value.get("en"))
                indonesian = key.endswith("_ind") or key in ("id", "ind")
                if indonesian and isinstance(text, str) and text not in siblings:
                    found.add(text)
                else:
                    walk(text)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    for module in (demo_data, demo_visit, demo_samples, demo_signing, programmes_demo):
        for name in dir(module):
            if name.isupper():
                walk(getattr(module, name))
    return {text.strip() for text in found if len(text) > 3}


def public_pages(language):
    """Every public page of the demo story, as a citizen reaches them from the home page."""
    proposal = Proposal.objects.get(reference="KPG-2023-001")
    pages = [
        f"/{language}/", f"/{language}/proposals/", f"/{language}/sectors/",
        f"/{language}/cities/", f"/{language}/visits/", f"/{language}/open-data/",
        f"/{language}/register/",
        f"/{language}/proposals/{proposal.slug}/",
    ]  # fmt: skip
    pages += [f"/{language}/proposals/{p.slug}/" for p in Proposal.objects.public()]
    pages += [f"/{language}{s.get_absolute_url()[3:]}" for s in FocusSector.objects.all()]
    pages += [f"/{language}{c.get_absolute_url()[3:]}" for c in PartnerCity.objects.all()]
    pages += [f"/{language}{v.get_absolute_url()[3:]}" for v in Visit.objects.published()]
    pages += [f"/{language}{r.get_absolute_url()[3:]}" for r in AnnualReport.objects.published()]
    assert any("/register/" in page and page.endswith("/2024/") for page in pages)
    return pages


@pytest.fixture
def story():
    call_command("load_demo", stdout=None)


def text_of(response):
    body = b"".join(response) if response.streaming else response.content
    return body.decode("utf-8")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_demo_story_reads_entirely_in_the_readers_language(client, story, language):
    indonesian = indonesian_texts()
    assert len(indonesian) > 40  # guards the list itself: the story's texts are in it
    assert demo_data.OFFER_NOTE["id"] in indonesian
    assert "Pemerintah Kota Kupang" in indonesian
    for page in public_pages(language):
        response = client.get(page)
        assert response.status_code == 200, page
        html = text_of(response)
        shown = [text for text in indonesian if escape(text) in html or text in html]
        assert shown == [], f"{page} shows Indonesian: {shown}"
        # The language switcher names "Bahasa Indonesia" in Indonesian; nothing else is.
        assert len(re.findall(r'(?<!href)lang="id"', html)) == 1, page
        assert "untranslated" not in html, page


def visible_text(html):
    html = re.sub(r"<(script|style|head)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", "", html)


JAPANESE = r"[\u3040-\u30ff\u4e00-\u9fff（）「」]"
ASCII_PUNCTUATION_BY_JAPANESE = re.compile(
    rf"{JAPANESE} ?[,.:;!?(]|[,:;(] ?{JAPANESE}|{JAPANESE}\)|\) ?{JAPANESE}|[。：] {JAPANESE}"
)


def test_japanese_pages_use_full_width_punctuation(client, story):
    for page in public_pages("ja"):
        text = visible_text(text_of(client.get(page)))
        found = ASCII_PUNCTUATION_BY_JAPANESE.findall(text)
        assert found == [], f"{page}: {found}"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_feeds_of_the_story_carry_no_indonesian_text(client, story, language):
    indonesian = indonesian_texts()
    proposal = Proposal.objects.get(reference="KPG-2023-001")
    for path in (f"/{language}/feeds/updates.atom", f"/{language}/visits.ics",
                 f"/{language}/proposals/{proposal.slug}/updates.atom"):  # fmt: skip
        body = text_of(client.get(path))
        shown = [text for text in indonesian if text in body or escape(text) in body]
        assert shown == [], f"{path} shows Indonesian: {shown}"


def test_the_story_still_reads_in_indonesian(client, story):
    html = text_of(client.get("/id/visits/consul-general-courtesy-visit-2023-03-07/"))
    assert "Pemerintah Kota Kupang" in html and "Balai Kota Kupang" in html
    assert "untranslated" not in html


def untranslated_marks(html, shown_in="id"):
    return re.findall(rf'<span lang="{shown_in}">([^<]*)</span> <small class="untranslated">', html)


def test_a_partly_translated_record_marks_each_passage_with_its_language(client, sector):
    proposal = ProposalFactory(
        offered=True, title_ind="Pertukaran guru", title_en="Teacher exchange",
        summary_ind="Ringkasan dalam bahasa Indonesia saja.", summary_en="", summary_ja="",
    )  # fmt: skip
    proposal.sectors.set([sector])

    english = text_of(client.get(f"/en/proposals/{proposal.slug}/"))
    japanese = text_of(client.get(f"/ja/proposals/{proposal.slug}/"))

    assert "Teacher exchange" in english
    assert "Ringkasan dalam bahasa Indonesia saja." in untranslated_marks(english)
    assert "Pertukaran guru" not in untranslated_marks(english)  # translated: no mark
    assert "(not yet translated)" in english
    # Japanese has neither: the title falls back to English first, the summary (Indonesian
    # only) to Indonesian; each is marked in its own language, with the note in Japanese.
    assert "Teacher exchange" in untranslated_marks(japanese, shown_in="en")
    assert "Ringkasan dalam bahasa Indonesia saja." in untranslated_marks(japanese)
    assert "Pertukaran guru" not in japanese
    assert "(not yet translated)" not in japanese and "untranslated" in japanese
    # In Indonesian nothing falls back, so nothing is marked.
    indonesian = text_of(client.get(f"/id/proposals/{proposal.slug}/"))
    assert untranslated_marks(indonesian) == []


def test_a_visit_host_and_commitment_owner_fall_back_with_a_mark(client):
    visit = VisitFactory(host="Pemerintah Kota Kupang", host_ind="Pemerintah Kota Kupang")
    visit.commitments.create(
        description="Coordinate", description_ind="Berkoordinasi", owner_ind="Konsul Jenderal"
    )
    html = text_of(client.get(f"/en/visits/{visit.slug}/"))
    marks = untranslated_marks(html)
    assert "Pemerintah Kota Kupang" in marks and "Konsul Jenderal" in marks


def test_a_delegate_whose_name_is_unknown_is_shown_by_title(client, story):
    unnamed = Delegate.objects.get(name="")
    visit = unnamed.visit
    html = text_of(client.get(f"/en{visit.get_absolute_url()[3:]}"))
    assert "Head of the Education and Culture Office, Kupang" in html
    assert "(name not on record)" in html
    assert str(unnamed) == unnamed.title


@pytest.fixture
def sector():
    return FocusSector.objects.get(slug="education")


def test_an_english_only_visit_reads_in_english_on_japanese_pages(client):
    visit = VisitFactory(
        title_ind="", title_en="Courtesy visit to Takayama", title_ja="",
        purpose_ind="Kunjungan kehormatan.", purpose_en="A courtesy visit.", purpose_ja="",
    )  # fmt: skip

    japanese = text_of(client.get(f"/ja/visits/{visit.slug}/"))

    assert "Courtesy visit to Takayama" in untranslated_marks(japanese, shown_in="en")
    assert "Kunjungan kehormatan." not in japanese
    assert "未翻訳" in japanese
    indonesian = text_of(client.get(f"/id/visits/{visit.slug}/"))
    # An Indonesian reader of a text written only in English gets the English, marked.
    assert "Courtesy visit to Takayama" in untranslated_marks(indonesian, shown_in="en")
