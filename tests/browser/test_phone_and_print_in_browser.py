"""On a phone the register and an annual report show every value without sideways scrolling; in
Japanese a status badge stays on one line; a proposal prints on one A4 page. Measured in
Chromium, in each language."""

import io

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

LANGUAGES = ["id", "en", "ja"]


def overflowing(page):
    """What sticks out to the right of the screen: the page's own width, and each cell's."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const out = [...document.querySelectorAll('main td, main th')]
                .filter(cell => cell.getBoundingClientRect().right > width + 1)
                .map(cell => cell.textContent.trim().slice(0, 40));
            return {scroll: document.documentElement.scrollWidth - width, cells: out};
        }"""
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_register_and_a_report_fit_a_phone(live_server, phone, demo_story, artifacts,
                                               language):  # fmt: skip
    for path in ("register/", "register/sample-disaster-mitigation/2024/"):
        phone.goto(f"{live_server.url}/{language}/{path}")
        assert phone.locator("main td").count() > 0, path
        assert overflowing(phone) == {"scroll": 0, "cells": []}, path
        name = path.strip("/").replace("/", "-")
        phone.screenshot(path=str(artifacts / f"phone-{name}-{language}.png"), full_page=True)


def test_a_japanese_status_badge_stays_on_one_line(live_server, phone, demo_story):
    phone.goto(f"{live_server.url}/ja/register/")
    badge = phone.locator("main .status-badge").first
    line = float(badge.evaluate("b => parseFloat(getComputedStyle(b).lineHeight)"))
    assert badge.bounding_box()["height"] < 2 * line


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_proposal_prints_on_one_a4_page(live_server, page, demo_story, language):
    from partnerships.models import Proposal

    slugs = list(Proposal.objects.public().values_list("slug", flat=True))
    assert len(slugs) >= 5
    for slug in slugs:
        page.goto(f"{live_server.url}/{language}/proposals/{slug}/")
        page.emulate_media(media="print")
        printed = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        assert len(printed.pages) == 1, (slug, language, len(printed.pages))
