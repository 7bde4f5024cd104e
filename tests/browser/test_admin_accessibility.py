"""Every admin page passes axe (0 serious or critical findings) and fits a 1,366-px window in all
three languages, on the Kupang demo story, walked from the index as a person would (admin_walk)."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from tests.browser.admin_pages import settled
from tests.browser.admin_walk import walk_admin

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
WINDOW = {"width": 1366, "height": 768}


@pytest.fixture
def administrator(demo_story):
    get_user_model().objects.create_superuser("auditor", "auditor@example.org", "a-long-pass-1")
    return "auditor", "a-long-pass-1"


@pytest.fixture
def admin_in(browser, live_server, administrator):
    contexts = []

    def open_in(locale):
        context = browser.new_context(viewport=WINDOW, locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{live_server.url}/admin/login/")  # in the locale's words: by the fields' ids
        page.fill("#id_username", administrator[0])
        page.fill("#id_password", administrator[1])
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    yield open_in
    for context in contexts:
        context.close()


def every_stage():
    """One proposal's page at each stage it has in the story: each stage opens other parts."""
    from partnerships.models import Proposal

    first = {}
    for pk, status in Proposal.objects.order_by("pk").values_list("pk", "status"):
        first.setdefault(status, f"/admin/partnerships/proposal/{pk}/change/")
    return list(first.values())


def findings_on(page, axe):
    # An autocomplete's list, as a person opens it: its search box and options are audited too.
    boxes = page.locator(".select2-selection--single")
    if boxes.count():
        boxes.first.click()
    results = axe.run(page).response
    return [
        (rule["id"], rule["impact"], len(rule["nodes"]), rule["nodes"][0]["target"])
        for rule in results["violations"]
        if rule["impact"] in BLOCKING
    ]


def test_every_admin_page_passes_axe(admin_in, live_server, artifacts):
    page, axe, found = admin_in("id-ID"), Axe(), {}

    def audit(page, path):
        findings = findings_on(settled(page), axe)
        if findings:
            found[path] = findings

    opened = walk_admin(page, live_server.url, audit, also=every_stage())

    # What was opened and found, for whoever mends a finding.
    (artifacts / "admin-axe.json").write_text(json.dumps({"opened": opened, "found": found}))
    assert len(opened) > 60, opened  # the walk reached the whole admin, not only the index
    assert found == {}


@pytest.mark.parametrize("locale", ["id-ID", "en-US", "ja-JP"])
def test_every_admin_page_fits_1366_pixels(admin_in, live_server, locale):
    page, too_wide = admin_in(locale), {}

    def measure(page, path):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WINDOW["width"]:
            too_wide[path] = width

    opened = walk_admin(page, live_server.url, measure, also=every_stage())

    assert len(opened) > 60, opened
    assert too_wide == {}
