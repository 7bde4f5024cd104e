"""What every resource of the read-only public API shares (the API itself is assembled in
kupang_portal/api.py from each app's router): texts in the three languages with their fallbacks
marked, `?lang=`, pages of a stable order with links, and absolute links between resources.

Each app's resources read the same `.public()` rules as its pages: nothing a page hides is
reachable here.
"""

import datetime
import re
from typing import Annotated, Literal

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.urls import reverse
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field, PlainValidator, StringConstraints, WithJsonSchema

from core.texts import in_best_language

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
PER_PAGE = 50


class TextInLanguage(Schema):
    text: str = Field(description="The text a reader of this language reads.")
    language: str = Field(description="The language the text is written in.")
    fallback: bool = Field(description="True when the text is not written in this language yet.")


Texts = dict[str, TextInLanguage]


class Link(Schema):
    id: str = Field(description="The stable id: a reference or a slug.")
    url: str = Field(description="Its resource in this API.")


def link(request, view_name, key):
    """A Link to the resource `view_name` (an `api:` name) of the record `key` names."""
    return {"id": key, "url": absolute(request, view_name, key)}


class Refusal(Schema):
    detail: str | list = Field(description="Why the request was refused.")


def answers(found):
    """The answers of a resource: `found`, or a refusal (a bad parameter, nothing there, a value
    of the wrong type, too many requests)."""
    return {200: found, 400: Refusal, 404: Refusal, 422: Refusal, 429: Refusal}


def _iso_day(value):
    # Only YYYY-MM-DD: pydantic alone would also read a number as seconds since 1970.
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
        raise ValueError("a day is written YYYY-MM-DD")
    return datetime.date.fromisoformat(value)


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
Day = Annotated[
    datetime.date,
    PlainValidator(_iso_day),
    WithJsonSchema({"type": "string", "format": "date"}),
]

# A word, a reference or a slug as asked for: no control characters (the portal refuses a NUL
# anywhere in a request with 400 before the API sees it).
Plain = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f]*$", max_length=200)]

# `?lang=`: one of the portal's languages, or all three when absent.
Lang = Literal["id", "en", "ja"] | None


class Page(Schema):
    count: int = Field(description="How many items match, on every page.")
    page: int
    pages: int
    next: str | None = Field(description="The next page's address, or null on the last.")
    previous: str | None


def reading(router, path, **options):
    """A resource of `router` read with GET, and with HEAD as a GET without its body."""
    return router.api_operation(["GET", "HEAD"], path, **options)


def languages_asked(request):
    """The languages an answer gives texts in: `?lang=` picks one, else all three."""
    asked = request.GET.get("lang")
    if asked is None:
        return LANGUAGE_CODES
    if asked not in LANGUAGE_CODES:
        raise HttpError(400, f"lang must be one of {', '.join(LANGUAGE_CODES)}")
    return [asked]


def texts(record, field, languages):
    """{language: its text, the language it is written in, whether that is a fallback}, read in
    the portal's one fallback order (core/texts.py) from a record or a row of values."""
    read = record.get if isinstance(record, dict) else lambda column: getattr(record, column, None)
    found = {}
    for code in languages:
        text, written_in = in_best_language(read, field, code)
        found[code] = {"text": text or "", "language": written_in, "fallback": written_in != code}
    return found


def absolute(request, view_name, *args):
    return request.build_absolute_uri(reverse(view_name, args=args))


def page_of(request, queryset):
    """(the items of `?page=`, the Page links) of `queryset`, whose order must be stable."""
    paginator = Paginator(queryset, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger as refused:
        raise HttpError(400, "page must be a whole number") from refused
    except EmptyPage as beyond:
        raise Http404("No such page") from beyond

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    links = Page(
        count=paginator.count,
        page=page.number,
        pages=paginator.num_pages,
        next=link(page.next_page_number()) if page.has_next() else None,
        previous=link(page.previous_page_number()) if page.has_previous() else None,
    )
    return list(page.object_list), links
