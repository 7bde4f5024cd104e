"""A citizen can tell what the current stage means and what must happen next, in their language,
when anything public last happened, and whether the proposal has gone quiet."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from partnerships.stages import MEANING, NEXT, PATH, standing

from .factories import ProposalEventFactory, ProposalFactory

pytestmark = pytest.mark.django_db
TRAITS = ["offered", "exploring", "loi_signed", "approving", "signed", "active", "dormant",
          "ended", "withdrawn", "declined"]  # fmt: skip


@pytest.mark.parametrize("trait", TRAITS)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_page_says_what_the_stage_means_and_what_comes_next(client, trait, lang):
    proposal = ProposalFactory(slug="p", **{trait: True})
    html = client.get(f"/{lang}/proposals/p/").content.decode()
    with translation.override(lang):
        assert escape(str(MEANING[proposal.status])) in html
        if proposal.status in NEXT:
            assert escape(str(NEXT[proposal.status])) in html
        for status in PATH:  # every stage explained, in the page's language
            assert escape(str(MEANING[status])) in html


def test_japanese_reads_japanese(client):
    ProposalFactory(slug="p", offered=True)
    html = client.get("/ja/proposals/p/").content.decode()
    assert "総領事館が東京と共に" in html
    assert "次の段階：総領事館が候補都市の検討を始めます。" in html
    assert "各段階の意味" in html


def test_the_last_public_update_is_shown_and_a_quiet_proposal_says_so(client):
    proposal = ProposalFactory(slug="p", exploring=True)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    ProposalEventFactory(proposal=proposal, occurred_at=long_ago)
    ProposalEventFactory(proposal=proposal, occurred_at=timezone.now(), is_public=False)
    html = client.get("/en/proposals/p/").content.decode()
    # The page gives the day in Kupang's time, which is a day ahead of UTC in the evening.
    assert f'Last public update: <time datetime="{timezone.localtime(long_ago):%Y-%m-%d}">' in html
    assert "No public step for 13 months." in html  # the internal step does not count


def test_a_recent_or_closed_proposal_is_not_called_quiet():
    recent = ProposalFactory(exploring=True)
    event = ProposalEventFactory(proposal=recent, occurred_at=timezone.now())
    assert standing(recent, [event]).quiet_months == 0
    closed = ProposalFactory(withdrawn=True)
    old = ProposalEventFactory(
        proposal=closed, occurred_at=timezone.now() - datetime.timedelta(days=900)
    )
    assert standing(closed, [old]).quiet_months == 0
    later = timezone.now() + datetime.timedelta(days=200)
    assert standing(recent, [event], now=later).quiet_months == 6


def test_without_a_public_step_the_offer_date_is_the_last_update():
    proposal = ProposalFactory(offered=True)  # offered on 7 March 2023
    assert standing(proposal, []).last_update.date() == datetime.date(2023, 3, 7)
