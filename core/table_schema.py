"""An open dataset described once. Its columns, with their Table Schema types, constraints and
descriptions, give the CSV's header, the documentation on the open-data page and the Data
Package descriptor alike (core/data_package.py), so the three cannot drift apart."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

# Lists in a cell (sectors, references) are separated by this.
LIST_DELIMITER = ";"


@dataclass(frozen=True)
class Column:
    name: str
    description: str  # a lazy translation: read in the reader's language
    type: str = "string"  # a Table Schema type (v2)
    constraints: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # format, or the list's delimiter

    def as_field(self):
        described = {"name": self.name, "type": self.type, "description": str(self.description)}
        constrained = {"constraints": self.constraints} if self.constraints else {}
        return {**described, **self.extra, **constrained}


def text(name, description, **constraints):
    return Column(name, description, constraints=constraints)


def key(name, description, kind="string", **constraints):
    """A column every row fills: the resource's primary key, a part of it, or a reference."""
    return Column(name, description, kind, {"required": True, **constraints})


def day(name, description, **constraints):
    return Column(name, description, "date", constraints)


def moment(name, description):
    return Column(name, description, "datetime")


def number(name, description, **constraints):
    return Column(name, description, "number", constraints)


def whole(name, description, **constraints):
    return Column(name, description, "integer", constraints)


def yes_no(name, description):
    return Column(name, description, "boolean", {"required": True})


def address(name, description):
    return Column(name, description, extra={"format": "uri"})


def listed(name, description):
    """Several values in one cell, separated by LIST_DELIMITER."""
    extra = {"delimiter": LIST_DELIMITER, "itemType": "string"}
    return Column(name, description, "list", extra=extra)


def choice(name, description, values):
    return Column(name, description, constraints={"required": True, "enum": list(values)})


def in_each_language(name, description):
    """One column a language (title_ind, title_en, title_ja), described once."""
    return [
        Column(build_localized_fieldname(name, code), description)
        for code, _name in settings.LANGUAGES
    ]


@dataclass(frozen=True)
class Reference:
    """A column whose values are the keys of another dataset's rows."""

    column: str
    dataset: str
    its_column: str


@dataclass
class Dataset:
    name: str
    title: str  # a lazy translation
    columns: list
    rows: Callable[..., Iterable[dict]]  # rows(request): plain values, one dict a row
    primary_key: list
    references: list = field(default_factory=list)

    @property
    def fields(self):
        return [column.name for column in self.columns]

    def table_schema(self):
        foreign_keys = [
            {"fields": [r.column], "reference": {"resource": r.dataset, "fields": [r.its_column]}}
            for r in self.references
        ]
        schema = {"fields": [column.as_field() for column in self.columns]}
        return {**schema, "primaryKey": self.primary_key, "foreignKeys": foreign_keys}

    def documented(self):
        """(names, description, type) for the open-data page: neighbouring columns that share
        a description and a type (one a language) are described together."""
        groups = []
        for column in self.columns:
            if groups and (groups[-1][1], groups[-1][2]) == (column.description, column.type):
                groups[-1][0].append(column.name)
            else:
                groups.append(([column.name], column.description, column.type))
        return [(", ".join(names), description, kind) for names, description, kind in groups]
