"""Every interface string has an Indonesian and a Japanese translation, and they are used."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.urls import reverse

CATALOGUES = sorted(Path(__file__).resolve().parents[1].glob("locale/*/LC_MESSAGES/django.po"))


def test_there_is_a_catalogue_for_indonesian_and_japanese():
    assert {path.parts[-3] for path in CATALOGUES} == {"id", "ja"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_is_complete(path):
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    untranslated = [
        m.id for m in catalogue if m.id and not (all(m.string) if m.pluralizable else m.string)
    ]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert len(catalogue) > 100
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang,expected", [("id", "Sektor fokus"), ("en", "Focus sectors"), ("ja", "重点分野")]
)
def test_public_pages_speak_the_visitors_language(client, lang, expected):
    assert expected in client.get(f"/{lang}/").content.decode()


@pytest.mark.django_db
def test_admin_speaks_japanese_to_a_japanese_browser(staff_client):
    response = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ja")
    body = response.content.decode()
    assert "クパン市姉妹都市ポータル — 職員用" in body
    assert "提案" in body
