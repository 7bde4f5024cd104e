"""Sections other apps add to a public page of this one (the programmes app adds a
partnership's activities to its proposal page, and yearly totals to a sector page), without this
app importing them: each registers a template and a function giving that template's context for
the page's record."""

from dataclasses import dataclass

PAGES = ("proposal", "sector")


@dataclass(frozen=True)
class Section:
    template: str
    context: object  # record -> dict, or None when the section has nothing to show
    page: str = "proposal"


_sections = []


def register_public_section(template, context, page="proposal"):
    if page not in PAGES:
        raise ValueError(f"No public page called {page!r}: {PAGES}")
    if all(section.template != template for section in _sections):
        _sections.append(Section(template, context, page))


def public_sections(record, page="proposal"):
    """[(template, context)] of the sections that have something to show for `record` on
    `page`."""
    shown = []
    for section in _sections:
        if section.page != page:
            continue
        context = section.context(record)
        if context:
            shown.append((section.template, context))
    return shown
