"""The map in Chromium, on a phone, in each language: drawn from the portal's own files with not
a single request outside the site and no CSP violation, every city a link a person can follow,
nothing wider than the screen, and whole when printed."""

import pytest

from .conftest import violations_on
from .test_phone_and_print_in_browser import overflowing

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["id", "en", "ja"])
def test_the_map_on_a_phone_asks_nothing_of_another_site(
    live_server,
    phone,
    demo_story,
    artifacts,
    language,
):
    violations = violations_on(phone)
    requested = []
    phone.on("request", lambda request: requested.append(request.url))
    answered = {}
    phone.on("response", lambda response: answered.update({response.url: response.status}))
    phone.goto(f"{live_server.url}/{language}/map/")
    phone.wait_for_load_state("networkidle")

    assert [url for url in requested if not url.startswith(live_server.url)] == []
    assert answered[f"{live_server.url}/static/map/outlines.svg"] == 200
    assert violations == [], "\n".join(violations)
    assert overflowing(phone)["scroll"] == 0
    drawn = phone.locator("svg.portal-map").bounding_box()
    assert 300 < drawn["width"] <= 390
    phone.screenshot(path=str(artifacts / f"map-phone-{language}.png"), full_page=True)

    # A person follows a city's point to its page.
    city = phone.locator("svg.portal-map a[href$='/cities/kitakyushu/']")
    assert city.locator("text").text_content() == {"ja": "北九州市"}.get(language, "Kitakyushu")
    city.locator("circle").last.click()
    phone.wait_for_url(f"**/{language}/cities/kitakyushu/")
    assert phone.locator("svg.portal-map a[aria-current='page']").count() == 1


def test_the_map_prints_whole_on_a_page(live_server, page, demo_story):
    page.goto(f"{live_server.url}/en/map/")
    page.emulate_media(media="print")
    drawn = page.locator("svg.portal-map").bounding_box()
    # A4 at 96 dpi with the default margins is about 720 px wide and 1000 px high.
    assert drawn["width"] <= 720 and drawn["height"] <= 1000
