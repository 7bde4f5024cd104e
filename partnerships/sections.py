"""Sections other apps add to a proposal's public page (the programmes app adds the
partnership's activities), without this app importing them: each registers a template and a
function giving that template's context for a proposal."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str
    context: object  # proposal -> dict, or None when the section has nothing to show


_sections = []


def register_public_section(template, context):
    if all(section.template != template for section in _sections):
        _sections.append(Section(template, context))


def public_sections(proposal):
    """[(template, context)] of the sections that have something to show for `proposal`."""
    shown = []
    for section in _sections:
        context = section.context(proposal)
        if context:
            shown.append((section.template, context))
    return shown
