"""Open data: the published proposals and visits as CSV and JSON, with every language's text.

Only public rows and public fields leave here: no drafts, no internal events, no comments, no
contact data.
"""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from delegations.models import Visit

from .models import Proposal

LICENCE = "CC BY 4.0 — Pemerintah Kota Kupang / City of Kupang"
LANGS = ("ind", "en", "ja")


def _translated(obj, field):
    return {f"{field}_{lang}": getattr(obj, f"{field}_{lang}") or "" for lang in LANGS}


def proposal_rows(request):
    proposals = Proposal.objects.public().for_listing().order_by("reference")
    for p in proposals:
        yield {
            "reference": p.reference,
            "slug": p.slug,
            **_translated(p, "title"),
            "status": p.status,
            "partner_country": p.partner_country,
            "consulate": p.consulate.name_en if p.consulate else "",
            "partner_city": p.partner_city.name_en if p.partner_city else "",
            "sectors": ";".join(s.slug for s in p.sectors.all()),
            "offered_on": p.offered_on.isoformat() if p.offered_on else "",
            "signed_on": p.signed_on.isoformat() if p.signed_on else "",
            "url": request.build_absolute_uri(p.get_absolute_url()),
        }


def visit_rows(request):
    visits = (
        Visit.objects.published().order_by("starts_on").prefetch_related("sectors", "proposals")
    )
    public = set(Proposal.objects.public().values_list("pk", flat=True))
    for v in visits:
        yield {
            "slug": v.slug,
            **_translated(v, "title"),
            "direction": v.direction,
            "starts_on": v.starts_on.isoformat(),
            "ends_on": v.ends_on.isoformat(),
            **_translated(v, "place"),
            "host": v.host,
            "visiting_mission": v.visiting_mission,
            "proposals": ";".join(p.reference for p in v.proposals.all() if p.pk in public),
            "sectors": ";".join(s.slug for s in v.sectors.all()),
            "url": request.build_absolute_uri(v.get_absolute_url()),
        }


ROWS = {"proposals": proposal_rows, "visits": visit_rows}
FIELDS = {
    "proposals": ["reference", "slug", *(f"title_{lang}" for lang in LANGS), "status",
                  "partner_country", "consulate", "partner_city", "sectors", "offered_on",
                  "signed_on", "url"],
    "visits": ["slug", *(f"title_{lang}" for lang in LANGS), "direction", "starts_on", "ends_on",
               *(f"place_{lang}" for lang in LANGS), "host", "visiting_mission", "proposals",
               "sectors", "url"],
}  # fmt: skip


# A spreadsheet evaluates a cell that starts with one of these as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value):
    """A text that a spreadsheet shows as written: a leading apostrophe keeps a would-be formula
    (`=HYPERLINK(…)`, `@SUM(…)`) a plain text. The JSON export carries the text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@require_safe
def as_csv(request, dataset):
    if dataset not in ROWS:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{dataset}.csv"'
    response.write("\ufeff")  # lets spreadsheet programs read the Japanese text as UTF-8
    # Every cell quoted: a spreadsheet set to a language that separates cells with ";" would
    # otherwise split "x;=1+1" and run its second half.
    writer = csv.DictWriter(response, fieldnames=FIELDS[dataset], quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(
        {field: inert_cell(value) for field, value in row.items()} for row in ROWS[dataset](request)
    )
    return response


@require_safe
def as_json(request, dataset):
    if dataset not in ROWS:
        raise Http404
    return JsonResponse(
        {"licence": LICENCE, dataset: list(ROWS[dataset](request))},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


class OpenDataView(TemplateView):
    template_name = "partnerships/open_data.html"
    extra_context = {"licence": LICENCE}
