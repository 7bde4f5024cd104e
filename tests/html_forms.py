"""Post what the page shows: read a form's fields from the rendered HTML, as a browser would.

A helper that built POST data from `form.fields` once let 620 tests pass while the admin never
rendered the proposal's version field. These helpers only know what is in the HTML: a field the
page does not render is not sent.
"""

from html.parser import HTMLParser

from django.test import Client

SKIPPED_TYPES = {"submit", "button", "reset", "image", "file"}


class _FormReader(HTMLParser):
    """Collects the successful controls of one form (by id, or the first with `method=post`)."""

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.found = False
        self.data = []  # (name, value) pairs in document order, like a browser's form data
        self.select = None  # [name, multiple, options, selected]
        self.textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._enter_form(attrs)
        if not self.inside or "disabled" in attrs:
            return
        if tag == "input":
            self._input(attrs)
        elif tag == "select" and attrs.get("name"):
            self.select = [attrs["name"], "multiple" in attrs, [], []]
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select[2].append(value)
            if "selected" in attrs:
                self.select[3].append(value)
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = [attrs["name"], ""]

    def _enter_form(self, attrs):
        wanted = (
            attrs.get("id") == self.form_id
            if self.form_id
            else (attrs.get("method", "").lower() == "post")
        )
        if wanted and not self.found:
            self.inside = self.found = True

    def _input(self, attrs):
        name, kind = attrs.get("name"), attrs.get("type", "text").lower()
        if not name or kind in SKIPPED_TYPES:
            return
        if kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self.data.append((name, attrs.get("value", "on")))
            return
        self.data.append((name, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self.select is not None:
            name, multiple, options, selected = self.select
            if not selected and options and not multiple:
                selected = options[:1]  # a browser sends a single select's first option
            self.data.extend((name, value) for value in selected)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the one newline that may follow <textarea>.
            self.data.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def read_form(html, form_id=None):
    """The form data a browser would submit from `html`: {name: value or [values]}."""
    reader = _FormReader(form_id)
    reader.feed(html)
    if not reader.found:
        raise AssertionError(f"no form {form_id or 'with method=post'} on the page")
    data = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def form_on_page(client: Client, url, form_id=None, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return read_form(response.content.decode(), form_id)


def admin_form_id(url):
    """The id Django's admin gives a change or add form: `<model_name>_form`."""
    parts = [part for part in url.split("/") if part]
    return f"{parts[parts.index('admin') + 2]}_form"


def admin_form_data(client, url, **headers):
    """What the admin's add or change form at `url` sends when saved untouched."""
    return form_on_page(client, url, admin_form_id(url), **headers)


def with_inline_rows(data, prefix, *rows):
    """Add inline rows as "Add another" does: a copy of the page's blank row (`__prefix__`),
    placed after the rows shown, then filled in with `rows`."""
    blank_row = f"{prefix}-__prefix__-"
    blank = {k.removeprefix(blank_row): v for k, v in data.items() if k.startswith(blank_row)}
    assert blank, f"the page has no blank {prefix} row to add"
    shown = int(data[f"{prefix}-TOTAL_FORMS"])
    data = {**data, f"{prefix}-TOTAL_FORMS": str(shown + len(rows))}
    for offset, row in enumerate(rows):
        for key, value in {**blank, **row}.items():
            data[f"{prefix}-{shown + offset}-{key}"] = value
    return data
