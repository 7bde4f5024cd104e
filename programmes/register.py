"""The agreement register: every signed partnership, in public, as a page and as open data."""

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.views.generic import ListView
from modeltranslation.utils import build_localized_fieldname

from core.streaming import SLUG, address_template
from delegations.map import smaller_map
from partnerships.models import AgreementRenewal, Proposal

from .models import AFTER_SIGNING, AnnualReport


def signed_partnerships():
    """Public partnerships that have been signed, the latest signing first, each with the year
    of its latest published annual report (`latest_report`, None when there is none)."""
    published = AnnualReport.objects.published().filter(partnership=OuterRef("pk"))
    renewals = (
        AgreementRenewal.objects.public()
        .filter(proposal=OuterRef("pk"))
        .values("proposal")
        .annotate(c=Count("pk"))
    )
    return (
        Proposal.objects.public()
        .filter(status__in=AFTER_SIGNING)
        .annotate(
            latest_report=Subquery(published.order_by("-year").values("year")[:1]),
            renewal_count=Coalesce(Subquery(renewals.values("c")), 0),
        )
        .select_related("partner_city")
        .prefetch_related("sectors")
        .order_by("is_sample", "-signed_on", "reference")
    )


class RegisterView(ListView):
    template_name = "programmes/register.html"
    paginate_by = 50

    def get_queryset(self):
        return signed_partnerships()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, map_section=smaller_map())


YEAR = 9999  # stands for the year in an address template
SIDES = ("city", "partner")
SIGNATORY_COLUMNS = [build_localized_fieldname(f"{side}_signatory", code)
                     for side in SIDES for code, _name in settings.LANGUAGES]  # fmt: skip
NOTES_COLUMNS = [build_localized_fieldname("signatories", code) for code, _n in settings.LANGUAGES]


def signatory_columns(proposal):
    """Each side's signatory as "name, office", in each language as written (no fallback),
    and the notes on the signing (the columns the register had before the signatories were
    recorded apart, kept for those who read them)."""
    columns = {}
    for side in SIDES:
        for code, _name in settings.LANGUAGES:
            parts = [getattr(proposal, build_localized_fieldname(f"{side}_signatory_{part}", code))
                     or "" for part in ("name", "office")]  # fmt: skip
            column = build_localized_fieldname(f"{side}_signatory", code)
            columns[column] = ", ".join(part for part in parts if part)
    return {**columns, **{column: getattr(proposal, column) or "" for column in NOTES_COLUMNS}}


def register_rows(request):
    """The register as open data rows (one per signed public partnership)."""
    url = address_template(request, "partnerships:proposal_detail")
    # The report's address in the reader's language, with placeholders for slug and year.
    report_url = (
        request.build_absolute_uri(
            reverse("programmes:report", kwargs={"slug": SLUG, "year": YEAR})
        )
        .replace(f"/{YEAR}/", "/{year}/")
        .replace(SLUG, "{slug}")
    )
    for proposal in signed_partnerships().iterator(chunk_size=1000):
        city = proposal.partner_city
        yield {
            "reference": proposal.reference,
            "partner_city": (city.name_en or city.name_ind) if city else "",
            "region_en": (city.region_en or city.region_ind or "") if city else "",
            "country": proposal.partner_country,
            "signed_on": proposal.signed_on.isoformat() if proposal.signed_on else "",
            **signatory_columns(proposal),
            "term_years": proposal.term_years or "",
            "no_end_date": "true" if proposal.term_indefinite else "false",
            "renewals": proposal.renewal_count,
            "expires_on": proposal.expires_on.isoformat() if proposal.expires_on else "",
            "status": proposal.status,
            "sectors": ";".join(sorted(s.slug for s in proposal.sectors.all())),
            "latest_report": proposal.latest_report or "",
            "latest_report_url": report_url.format(slug=proposal.slug, year=proposal.latest_report)
            if proposal.latest_report
            else "",
            "url": url.replace(SLUG, proposal.slug),
        }
