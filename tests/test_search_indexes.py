"""The public list's ?q= search can be answered from indexes on PostgreSQL: the words from the
search document's GIN index (migration 0025), references and Japanese texts from their trigram
indexes (migration 0013); a city's name is looked up first so that the condition stays on the
proposal's own columns."""

import pytest
from django.db import connection
from django.http import QueryDict

from partnerships.filters import ProposalFilter
from partnerships.models import Proposal
from partnerships.search import SUBSTRING_FIELDS

from .factories import PartnerCityFactory, ProposalFactory

pytestmark = pytest.mark.postgres


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # The tables are tiny here, and whether the planner prefers the indexes depends on the
        # data: this shows whether it *can* answer the search's condition from them.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def searched(text):
    listing = Proposal.objects.public().for_listing().order_by("-offered_on", "reference")
    return ProposalFilter(QueryDict(f"q={text}"), queryset=listing).qs


def test_every_searched_column_has_its_trigram_index(on_postgresql, db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'partnerships_proposal'"
        )
        indexes = dict(cursor.fetchall())
    for column in SUBSTRING_FIELDS:
        definition = indexes[f"proposal_search_{column}"]
        assert "gin_trgm_ops" in definition and "upper" in definition.lower()
    assert "gin (search_document)" in indexes["proposal_search_document"]


@pytest.mark.parametrize("text", ["Kitakyushu", "北九州市", "Bank sampah", "KPG-2023"])
def test_the_search_condition_can_be_answered_from_the_indexes(on_postgresql, db, text):
    city = PartnerCityFactory(name="Kitakyushu", native_name="北九州市")
    ProposalFactory(offered=True, title="Bank sampah", partner_city=city)
    condition = ProposalFilter().search(Proposal.objects.order_by().only("pk"), "q", text)
    explained = plan(condition)
    assert "Seq Scan on partnerships_proposal" not in explained, explained
    for column in SUBSTRING_FIELDS:
        assert f"Bitmap Index Scan on proposal_search_{column}" in explained, explained
    assert "Bitmap Index Scan on proposal_search_document" in explained, explained


def test_a_city_name_still_finds_its_proposals(db):
    city = PartnerCityFactory(name="Kitakyushu", native_name="北九州市")
    found = ProposalFactory(offered=True, title="Bank sampah", partner_city=city)
    ProposalFactory(offered=True, title="Sekolah")
    assert list(searched("北九州")) == [found]
    assert list(searched("kitakyu")) == [found]
    assert list(searched("Osaka")) == []
