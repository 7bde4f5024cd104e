"""What a staff member does in the admin, by what the page shows: labels, roles, buttons, the rows
that "Add another" adds. Nothing here knows a form's fields except as the page renders them."""

import re

from playwright.sync_api import expect

from tests.factories import PDF_BYTES


def sign_in_to_admin(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page, "sign-in failed").not_to_have_url(re.compile("/admin/login/"))


def sign_in_to_site(page, live_server, username, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button").click()


def pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


def settled(page):
    """Wait until the page and everything it loads have been served. On SQLite the live server
    shares the test's database connection: reading the database from the test while a request is
    still being served could leave that connection inside the request's transaction."""
    page.wait_for_load_state("networkidle")
    return page


def save(page, name="Save"):
    """Press a submit button and insist the page answered without an error."""
    page.get_by_role("button", name=name, exact=True).first.click()
    settled(page)
    errors = page.locator(".errornote, .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()


def main_fields(page):
    """The record's own fields, not those of its inline rows (nor the rows' blank template)."""
    return page.locator("#content-main form > div > fieldset")


def add_row(page, group, link_name):
    """Click "Add another …" in an inline group; the new row, as the admin's script adds it."""
    prefix = group.removesuffix("-group")
    total = page.locator(f"input[name='{prefix}-TOTAL_FORMS']")
    index = int(total.input_value())
    page.locator(f"#{group}").get_by_role("button", name=link_name).click()
    expect(total).to_have_value(str(index + 1))
    return page.locator(f"#{prefix}-{index}")


def choose(page, scope, label, option):
    """Pick an option in an admin autocomplete (select2) box: open it, type, take the match."""
    scope.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(option)
    page.locator(".select2-results__option", has_text=option).first.click()


def choose_in_selector(page, plural, option):
    """Move an option into the chosen box of a two-box selector (filter_horizontal)."""
    page.get_by_role("listbox", name=f"Available {plural}").select_option(label=option)
    page.get_by_role("button", name=f"Choose selected {plural}").click()


def take_step(page, action, **notes):
    """On a proposal's admin page: open the step's page by its button ("Record the offer…"),
    fill it, and take it with the button that says the same."""
    page.get_by_role("link", name=f"{action}…").click()
    for field_label, text in notes.items():
        page.get_by_label(field_label).fill(text)
    page.get_by_role("button", name=action, exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("the proposal is now")
    settled(page)


# Counts what a person does, in the page itself: each page loaded, each click, and each field
# typed into or changed on a page (counted once per page). Kept in the tab's sessionStorage, so
# the counts run on across page loads.
TALLY = """
(() => {
  const store = window.sessionStorage;
  const bump = key => store.setItem(key, String(Number(store.getItem(key) || 0) + 1));
  window.addEventListener("load", () => bump("tally-loads"));
  document.addEventListener("click", () => bump("tally-clicks"), true);
  const touched = new Set();
  const typed = event => {
    const field = event.target;
    const key = field.name || field.id || field.getAttribute("aria-controls") || field.className;
    if (!touched.has(key)) { touched.add(key); bump("tally-fields"); }
  };
  document.addEventListener("input", typed, true);
  document.addEventListener("change", typed, true);
})();
"""


def start_tally(page):
    """Count from the next page loaded on (the script runs in every page the tab opens)."""
    page.context.add_init_script(TALLY)
    page.evaluate("sessionStorage.clear()")


def read_tally(page):
    counts = page.evaluate(
        "['loads', 'clicks', 'fields'].map(k => Number(sessionStorage.getItem('tally-' + k) || 0))"
    )
    return dict(zip(("loads", "clicks", "fields"), counts, strict=True))
