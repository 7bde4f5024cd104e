"""Open data: the published proposals as CSV and JSON, with every language's text, and the
datasets other apps register (visits, agreements) served the same way.

Only public rows and public fields leave here: no drafts, no internal events, no comments, no
contact data.
"""

import csv
import json
from collections import defaultdict

from django.http import Http404, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core.streaming import SLUG, address_template, in_chunks

from .models import Proposal

LICENCE = "CC BY 4.0 — Pemerintah Kota Kupang / City of Kupang"
LANGS = ("ind", "en", "ja")
# Rows are read this many at a time, as plain values, so that an export of any size streams out
# in constant memory and its first bytes leave at once.
CHUNK = 1000


def each_language(field):
    return [f"{field}_{lang}" for lang in LANGS]


def sector_slugs(through, owner, ids):
    found = defaultdict(list)
    rows = through.objects.filter(**{f"{owner}_id__in": ids}).order_by("focussector__slug")
    for owner_id, slug in rows.values_list(f"{owner}_id", "focussector__slug"):
        found[owner_id].append(slug)
    return found


def iso_date(value):
    return value.isoformat() if value else ""


def proposal_rows(request):
    columns = ["id", "reference", "slug", *each_language("title"), "status",
               "partner_country", "consulate__name_en", "partner_city__name_en", "offered_on",
               "signed_on"]  # fmt: skip
    query = Proposal.objects.public().order_by("reference").values(*columns)
    url = address_template(request, "partnerships:proposal_detail")
    for rows in in_chunks(query, "reference", CHUNK):
        sectors = sector_slugs(Proposal.sectors.through, "proposal", [r["id"] for r in rows])
        for p in rows:
            yield {
                "reference": p["reference"],
                "slug": p["slug"],
                **{name: p[name] or "" for name in each_language("title")},
                "status": p["status"],
                "partner_country": p["partner_country"],
                "consulate": p["consulate__name_en"] or "",
                "partner_city": p["partner_city__name_en"] or "",
                "sectors": ";".join(sectors[p["id"]]),
                "offered_on": iso_date(p["offered_on"]),
                "signed_on": iso_date(p["signed_on"]),
                "url": url.replace(SLUG, p["slug"]),
            }


ROWS = {"proposals": proposal_rows}
FIELDS = {
    "proposals": ["reference", "slug", *(f"title_{lang}" for lang in LANGS), "status",
                  "partner_country", "consulate", "partner_city", "sectors", "offered_on",
                  "signed_on", "url"],
}  # fmt: skip


# Templates of the other apps' datasets on the open data page, each describing its fields.
DESCRIPTIONS = []
# Names a dataset was published under before: their addresses lead to the current ones.
FORMER_NAMES = {}


def register_dataset(name, rows, fields, description=None, former_names=()):
    """Another app's open data (the programmes app's agreement register), served at
    open-data/<name>.csv and .json like the portal's own and described on the open data page
    by the template `description`; this app never imports it."""
    ROWS[name] = rows
    FIELDS[name] = fields
    if description and description not in DESCRIPTIONS:
        DESCRIPTIONS.append(description)
    FORMER_NAMES.update(dict.fromkeys(former_names, name))


def _renamed(url_name, dataset):
    """A permanent redirect from a dataset's former address, or None."""
    if dataset in FORMER_NAMES:
        return HttpResponsePermanentRedirect(reverse(url_name, args=[FORMER_NAMES[dataset]]))
    return None


# A spreadsheet evaluates a cell that starts with one of these as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value):
    """A text that a spreadsheet shows as written: a leading apostrophe keeps a would-be formula
    (`=HYPERLINK(…)`, `@SUM(…)`) a plain text. The JSON export carries the text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Line:
    """What csv.writer writes to: hands each line back instead of keeping it."""

    def write(self, line):
        return line


def _csv_lines(request, dataset):
    yield "\ufeff"  # lets spreadsheet programs read the Japanese text as UTF-8
    # Every cell quoted: a spreadsheet set to a language that separates cells with ";" would
    # otherwise split "x;=1+1" and run its second half.
    writer = csv.DictWriter(_Line(), fieldnames=FIELDS[dataset], quoting=csv.QUOTE_ALL)
    yield writer.writeheader()
    for row in ROWS[dataset](request):
        yield writer.writerow({field: inert_cell(value) for field, value in row.items()})


@require_safe
def as_csv(request, dataset):
    if moved := _renamed("partnerships:open_data_csv", dataset):
        return moved
    if dataset not in ROWS:
        raise Http404
    response = StreamingHttpResponse(
        _csv_lines(request, dataset), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{dataset}.csv"'
    return response


def _json_parts(request, dataset):
    yield f'{{"licence": {json.dumps(LICENCE, ensure_ascii=False)}, "{dataset}": ['
    separator = "\n"
    for row in ROWS[dataset](request):
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


@require_safe
def as_json(request, dataset):
    if moved := _renamed("partnerships:open_data_json", dataset):
        return moved
    if dataset not in ROWS:
        raise Http404
    return StreamingHttpResponse(
        _json_parts(request, dataset), content_type="application/json; charset=utf-8"
    )


class OpenDataView(TemplateView):
    template_name = "partnerships/open_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, described_elsewhere=DESCRIPTIONS)
