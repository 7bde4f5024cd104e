"""The public list's ?q= search, ranked, with the matching passage of each result.

On PostgreSQL, Indonesian and English words are looked up in each proposal's search document
(a generated column, migration 0025) with both languages' stemmers, so "bekerja" finds "kerja"
and "partnerships" finds "partnership", and results are ranked title > summary > body. Japanese
has no stemmer there: Japanese texts, and references, are found by substring from their trigram
indexes (migration 0013). On SQLite (development) every text is searched by substring.
A partner city's name finds its proposals everywhere.
"""

import re

from django.db import connection
from django.db.models import BooleanField, FloatField, Func, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order

from core.text_search import contains_any

from .models import PartnerCity
from .models.proposals import LISTING_ORDER

# Searched by substring: everywhere the reference and the Japanese texts, on SQLite every text.
SUBSTRING_FIELDS = ["reference", "title_ja", "summary_ja"]
PLAIN_FIELDS = ["reference", "title_ind", "title_en", "title_ja", "summary_ind", "summary_en",
                "summary_ja"]  # fmt: skip
CITY_FIELDS = ["name_ind", "native_name"]
# Every word typed, as the start of a word ("explor" finds "exploration"), in both stemmers.
QUERY = "(to_tsquery('indonesian', %s) || to_tsquery('english', %s))"
# The stemmer of the reader's language for the passage shown; Japanese has none.
HEADLINE_CONFIG = {"id": "indonesian", "en": "english"}
# Private-use characters around each match in a passage: the passage is escaped, then they
# become <mark>, so that a proposal's own text can never open a tag.
START, STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=1"


def full_text():
    return connection.vendor == "postgresql"


def _prefixes(text):
    """The words of `text` as a tsquery of word starts: letters and digits only, so that no
    character a person types is read as tsquery syntax."""
    return " & ".join(f"{word}:*" for word in re.findall(r"\w+", text))


def matching(queryset, text):
    """`queryset` narrowed to the proposals `text` finds, best first on PostgreSQL."""
    condition = contains_any(SUBSTRING_FIELDS if full_text() else PLAIN_FIELDS, text)
    # The matching cities are looked up first (a small table) so that the condition stays on
    # the proposal's own columns, which PostgreSQL answers from their indexes.
    cities = list(
        PartnerCity.objects.filter(contains_any(CITY_FIELDS, text)).values_list("pk", flat=True)
    )
    if cities:
        condition |= Q(partner_city__in=cities)
    words = _prefixes(text)
    if not full_text() or not words:
        return queryset.filter(condition)
    # Constant SQL; the words are only ever a parameter.
    found = RawSQL(f"search_document @@ {QUERY}", (words, words), BooleanField())  # noqa: S611
    rank = RawSQL(f"ts_rank(search_document, {QUERY})", (words, words), FloatField())  # noqa: S611
    matched = queryset.filter(condition | Q(found)).annotate(rank=rank)
    return matched.order_by("-rank", *LISTING_ORDER)


def _summary_in_reading_order():
    # The portal's one fallback order (MODELTRANSLATION_FALLBACK_LANGUAGES), as pages read it.
    fields = [
        build_localized_fieldname("summary", code) for code in resolution_order(get_language())
    ]
    text = TextField()
    return Coalesce(
        *(NullIf(field, Value(""), output_field=text) for field in fields), Value(""),
        output_field=text,
    )  # fmt: skip


def _marked(passage, text):
    shown = escape(passage)
    if START not in passage and text:
        # No stemmed word matched (a Japanese or partial word): mark the text as typed.
        lowered, typed = shown.lower(), escape(text).lower()
        at = lowered.find(typed)
        if at >= 0:
            end = at + len(typed)
            shown = f"{shown[:at]}{START}{shown[at:end]}{STOP}{shown[end:]}"
    return mark_safe(shown.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def passages(proposals, text):
    """{pk: the passage of its summary (in the reader's language) where `text` was found, the
    matches marked}: one query for a page of results."""
    by_pk = {proposal.pk: proposal for proposal in proposals}
    if not by_pk:
        return {}
    from .models import Proposal

    rows = Proposal.objects.filter(pk__in=by_pk).annotate(passage=_passage(text))
    return {pk: _marked(passage, text) for pk, passage in rows.values_list("pk", "passage")}


def _passage(text):
    summary = _summary_in_reading_order()
    words = _prefixes(text)
    if not full_text() or not words:
        return summary
    config = HEADLINE_CONFIG.get(get_language(), "simple")
    return Func(
        RawSQL("%s::regconfig", (config,)), summary, RawSQL(QUERY, (words, words)),  # noqa: S611
        Value(HEADLINE_OPTIONS), function="ts_headline", output_field=TextField(),
    )  # fmt: skip
