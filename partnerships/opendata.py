"""Open data: every registered dataset (open_datasets.py, and those of the other apps) as CSV and
JSON, with every language's text. The package of them all is open_package.py.

Only public rows and public fields leave here: no drafts, no internal events, no comments, no
contact data.
"""

import csv
import json
from collections import defaultdict

from django.http import Http404, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

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


# Every dataset, by name, in the order the open-data page and the package list them: this app's
# own (open_datasets.py) and those other apps register (visits, agreements, ...), which this app
# never imports.
DATASETS = {}
# Names a dataset was published under before: their addresses lead to the current ones.
FORMER_NAMES = {}


def register_dataset(dataset, former_names=()):
    """A dataset (core.table_schema.Dataset) served at open-data/<name>.csv and .json, described
    on the open-data page and in the data package from its own column declarations."""
    DATASETS[dataset.name] = dataset
    FORMER_NAMES.update(dict.fromkeys(former_names, dataset.name))


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


def csv_lines(request, dataset):
    yield "\ufeff"  # lets spreadsheet programs read the Japanese text as UTF-8
    # Every cell quoted: a spreadsheet set to a language that separates cells with ";" would
    # otherwise split "x;=1+1" and run its second half.
    described = DATASETS[dataset]
    writer = csv.DictWriter(_Line(), fieldnames=described.fields, quoting=csv.QUOTE_ALL)
    # Only a text can be a would-be formula: a number (a latitude south of the equator, a
    # falling indicator) stays the number it is.
    texts = {column.name for column in described.columns if column.type in ("string", "list")}
    yield writer.writeheader()
    for row in described.rows(request):
        yield writer.writerow(
            {field: inert_cell(value) if field in texts else value for field, value in row.items()}
        )


@require_safe
def as_csv(request, dataset):
    if moved := _renamed("partnerships:open_data_csv", dataset):
        return moved
    if dataset not in DATASETS:
        raise Http404
    response = StreamingHttpResponse(
        csv_lines(request, dataset), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{dataset}.csv"'
    return response


def _json_parts(request, dataset):
    yield f'{{"licence": {json.dumps(LICENCE, ensure_ascii=False)}, "{dataset}": ['
    separator = "\n"
    for row in DATASETS[dataset].rows(request):
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


@require_safe
def as_json(request, dataset):
    if moved := _renamed("partnerships:open_data_json", dataset):
        return moved
    if dataset not in DATASETS:
        raise Http404
    return StreamingHttpResponse(
        _json_parts(request, dataset), content_type="application/json; charset=utf-8"
    )
