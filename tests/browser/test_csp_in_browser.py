"""Chromium enforces the Content-Security-Policy on the pages people use, and reports nothing it
had to block: no inline script or style, no outside resource, in the public site, the review
workspace or the admin, including what the admin's scripts add to a page as it is used."""

import pytest
from django.urls import reverse

from partnerships.models import Proposal

from .admin_pages import add_row, settled, sign_in_to_admin, sign_in_to_site

pytestmark = pytest.mark.browser


def visit(page, url):
    response = page.goto(url)
    assert response.ok, (url, response.status)
    assert "Content-Security-Policy" in response.headers or (
        "content-security-policy" in response.headers
    )
    settled(page)


def test_the_public_site_raises_no_violation(live_server, page, demo_story, violations):
    proposal = Proposal.objects.public().first()
    for language in ("id", "en", "ja"):
        for path in (
            "",
            "proposals/",
            f"proposals/{proposal.slug}/",
            "visits/",
            "open-data/",
            "map/",
        ):
            visit(page, f"{live_server.url}/{language}/{path}")
    visit(page, f"{live_server.url}/accounts/login/")
    assert violations == [], "\n".join(violations)


def test_the_review_workspace_raises_no_violation(live_server, page, demo_story, violations):
    sign_in_to_site(page, live_server, "demo-liaison", "kupang-demo-liaison")
    settled(page)
    reference = Proposal.objects.get(reference="KPG-2023-001").reference
    visit(page, f"{live_server.url}/en/review/")
    visit(page, f"{live_server.url}/en/review/{reference}/")
    visit(page, f"{live_server.url}/en/review/{reference}/step/decline/")
    assert violations == [], "\n".join(violations)


def test_the_admin_raises_no_violation_while_it_is_used(live_server, page, demo_story, violations):
    sign_in_to_admin(page, live_server, "demo-staff", "kupang-demo-staff")
    proposal = Proposal.objects.get(reference="KPG-2023-001")
    change = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    for url in (
        "/admin/",
        "/admin/partnerships/proposal/",
        "/admin/partnerships/proposal/?offered_on__year=2023",
        change,
        reverse("admin:partnerships_proposal_history", args=[proposal.pk]),
        reverse("admin:partnerships_proposal_archive", args=[proposal.pk]),
        "/admin/partnerships/proposalevent/",
        "/admin/delegations/visit/add/",
    ):
        visit(page, f"{live_server.url}{url}")

    # What the admin's scripts build as the page is used: a calendar, an autocomplete list, a
    # new inline row.
    page.get_by_role("link", name="Choose a Date").first.click()
    page.keyboard.press("Escape")
    visit(page, f"{live_server.url}/admin/partnerships/proposalevent/add/")
    page.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").fill("KPG")
    page.locator(".select2-results__option").first.wait_for()
    visit(page, f"{live_server.url}{change}")
    add_row(page, "documents-group", "Add another Document").get_by_label("Kind").wait_for()
    settled(page)
    assert violations == [], "\n".join(violations)


def test_the_api_docs_work_under_the_policy_with_no_outside_request(
    live_server, page, demo_story, violations
):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url)
            and not r.url.startswith("data:") else None)  # fmt: skip
    visit(page, f"{live_server.url}/api/v1/docs")
    # Swagger UI, drawn by its script from the schema: the operations are listed.
    page.get_by_text("/api/v1/proposals/", exact=True).first.wait_for()
    assert outside == [], outside
    assert violations == [], "\n".join(violations)
