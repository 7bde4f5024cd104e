"""Sections other apps add to a public page of this one, without this app importing them: the
delegations app adds visits to the home, proposal and sector pages and the map to the home
and city pages, the programmes app a
partnership's activities to its proposal page and yearly totals to a sector page. Each registers
a template and a function giving that template's context for the page's record (None on the
home page). A page shows its sections in the order the apps registered them."""

from dataclasses import dataclass

# "proposal_aside" is the proposal page's side column.
PAGES = ("home", "proposal", "proposal_aside", "sector", "city")


@dataclass(frozen=True)
class Section:
    template: str
    context: object  # record -> dict, or None when the section has nothing to show
    page: str = "proposal"


_sections = []


def register_public_section(template, context, page="proposal"):
    if page not in PAGES:
        raise ValueError(f"No public page called {page!r}: {PAGES}")
    if all((s.template, s.page) != (template, page) for s in _sections):
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
