"""sitemap.xml: every public page, in each of the three languages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from delegations.models import Visit
from partnerships.models import FocusSector, PartnerCity, Proposal


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(PortalSitemap):
    def items(self):
        return [
            "partnerships:home",
            "partnerships:proposal_list",
            "delegations:visit_list",
            "partnerships:open_data",
        ]

    def location(self, item):
        return reverse(item)


class ProposalSitemap(PortalSitemap):
    def items(self):
        return Proposal.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class VisitSitemap(PortalSitemap):
    def items(self):
        return Visit.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SectorSitemap(PortalSitemap):
    def items(self):
        return FocusSector.objects.order_by("pk")


class CitySitemap(PortalSitemap):
    def items(self):
        return PartnerCity.objects.order_by("pk")


SITEMAPS = {
    "pages": PagesSitemap,
    "proposals": ProposalSitemap,
    "visits": VisitSitemap,
    "sectors": SectorSitemap,
    "cities": CitySitemap,
}
