"""The agreement register: every signed partnership, in public, as a page and as open data."""

from django.views.generic import ListView

from partnerships.models import Proposal
from partnerships.streaming import SLUG, address_template

from .models import AFTER_SIGNING


def signed_partnerships():
    """Public partnerships that have been signed, the latest signing first."""
    return (
        Proposal.objects.public()
        .filter(status__in=AFTER_SIGNING)
        .select_related("partner_city")
        .prefetch_related("sectors")
        .order_by("is_sample", "-signed_on", "reference")
    )


class RegisterView(ListView):
    template_name = "programmes/register.html"
    paginate_by = 50

    def get_queryset(self):
        return signed_partnerships()


REGISTER_FIELDS = ["reference", "partner_city", "region_en", "country", "signed_on", "term_years",
                   "expires_on", "status", "sectors", "url"]  # fmt: skip


def register_rows(request):
    """The register as open data rows (one per signed public partnership)."""
    url = address_template(request, "partnerships:proposal_detail")
    for proposal in signed_partnerships().iterator(chunk_size=1000):
        city = proposal.partner_city
        yield {
            "reference": proposal.reference,
            "partner_city": (city.name_en or city.name_ind) if city else "",
            "region_en": (city.region_en or city.region_ind or "") if city else "",
            "country": proposal.partner_country,
            "signed_on": proposal.signed_on.isoformat() if proposal.signed_on else "",
            "term_years": proposal.term_years or "",
            "expires_on": proposal.expires_on.isoformat() if proposal.expires_on else "",
            "status": proposal.status,
            "sectors": ";".join(sorted(s.slug for s in proposal.sectors.all())),
            "url": url.replace(SLUG, proposal.slug),
        }
