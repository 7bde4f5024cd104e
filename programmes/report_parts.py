"""The pieces an annual report's document is made of (passages that know their language,
tables, sections) and how its values are written for a reader."""

import datetime
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import pgettext

from core.numbers import figure
from core.texts import best_of


@dataclass(frozen=True)
class Passage:
    """A piece of text and the language it is really in (Indonesian where a translation is
    missing), so that pages can mark it and screen readers read it right."""

    text: str
    lang: str

    def __str__(self):
        return self.text


@dataclass
class Table:
    headers: list
    rows: list  # each row a list of cells (Passage); a cell may hold lines separated by "\n"
    total: list | None = None
    widths: tuple = ()  # relative column widths on paper; equal when not given

    def labelled_rows(self):
        """Each row as (column header, cell) pairs: a phone shows each cell with its label."""
        return [list(zip(self.headers, row, strict=False)) for row in self.rows]


@dataclass
class Section:
    heading: str
    paragraphs: list = field(default_factory=list)
    table: Table | None = None
    empty: str = ""  # said instead of the table when it has no rows


@dataclass
class ReportDocument:
    language: str
    title: str
    subtitle: Passage
    facts: list  # (label, Passage)
    sections: list
    status: str  # draft, frozen or published, said in words
    reference: str = ""
    frozen: bool = False
    letterhead: str = ""  # the issuing city, above the title
    sign_off: list = field(default_factory=list)  # who froze it, when, the council's reference


def in_language(texts, language):
    """The text in the best language there is for a reader of `language` (core.texts.best_of);
    a passage says which language it really is in."""
    text, written_in = best_of(texts or {}, language)
    return Passage(text, written_in)


def aside(text):
    """(text), with the brackets and the space before them that the language writes."""
    return f"{pgettext('bracket', ' (').lstrip()}{text}{pgettext('bracket', ')')}"


def plain(text, language):
    return Passage(str(text), language)


def day(iso):
    return formats.date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT") if iso else "—"


def span(starts_on, ends_on):
    if starts_on == ends_on:
        return day(starts_on)
    return f"{day(starts_on)} – {day(ends_on)}"


def idr(amount):
    return "Rp " + formats.number_format(amount, force_grouping=True)


number = figure  # the report's name for it
