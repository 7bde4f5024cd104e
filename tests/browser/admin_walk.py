"""Walk every page of the admin a person can reach by following links, once per kind of address.

From the index, every link into the admin is followed, breadth first. Addresses that differ only
in a record's number or in their query string are one kind of page ("/admin/x/proposal/N/change/"),
and each kind is opened once: the walk covers every changelist, add and change form with its
inlines, history page, custom view and confirmation page that a link leads to, whatever the data.
"""

import re
from urllib.parse import urlsplit

# Not pages: signing out ends the walk, "view on site" leaves the admin, the JavaScript
# catalogue and autocomplete answers are data, and downloads are files.
SKIPPED = re.compile(r"/logout/|/r/\d+/|/jsi18n/|/autocomplete/|/download/|\.(pdf|csv|json)$")


def kind_of(path):
    return re.sub(r"/\d+/", "/N/", path)


def admin_links(page, base):
    hrefs = page.eval_on_selector_all(
        "a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc and f"{parts.scheme}://{parts.netloc}" != base:
            continue
        path = parts.path
        if path.startswith("/admin/") and not SKIPPED.search(path):
            yield path


def walk_admin(page, base, visit, also=(), limit=400):
    """Open each kind of admin page once, and each page of `also` (the same kind of page in
    another state, e.g. a proposal at each stage), and call `visit(page, path)` on it, with
    every folded section opened. Returns the paths opened, in order."""
    seen_kinds, opened, queue = set(), [], ["/admin/", *also]
    extra = set(also)
    while queue and len(opened) < limit:
        path = queue.pop(0)
        kind = kind_of(path)
        if kind in seen_kinds and path not in extra:
            continue
        seen_kinds.add(kind)
        response = page.goto(base + path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        if urlsplit(page.url).path != path:  # a redirect: the page it leads to is walked itself
            queue.append(urlsplit(page.url).path)
            continue
        opened.append(path)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        visit(page, path)
        queue.extend(link for link in admin_links(page, base) if kind_of(link) not in seen_kinds)
    return opened
