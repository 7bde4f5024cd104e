"""sitemap.xml: an index of sitemap pages that list every public page in each of the three
languages, at most 1,000 addresses a page (the protocol allows 50,000 per file, and a national
portal passes that).

Django's i18n sitemaps build the whole list of (record, language) pairs to cut one page out of
it; here a page reads only its own records from the database.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from core import change_dates
from delegations.models import Visit
from partnerships.models import FocusSector, PartnerCity, Proposal
from programmes.models import AnnualReport


class InEachLanguage:
    """The (record, language) pairs of a sitemap, counted and sliced without loading them all."""

    def __init__(self, items, languages):
        self.items = items
        self.languages = languages

    def count(self):
        total = self.items.count() if hasattr(self.items, "model") else len(self.items)
        return total * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, wanted):
        if not isinstance(wanted, slice) or wanted.step not in (None, 1):
            raise TypeError("a sitemap page is read as a slice")
        per_item = len(self.languages)
        start, stop = wanted.start or 0, wanted.stop if wanted.stop is not None else self.count()
        first, last = start // per_item, -(-stop // per_item)
        pairs = [(item, language) for item in self.items[first:last] for language in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 1000

    def _items(self):
        return InEachLanguage(self.items(), self._languages())


class ChangingSitemap(PortalSitemap):
    """Records that say when they last changed: the index gives each section its latest date."""

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class PagesSitemap(PortalSitemap):
    def items(self):
        return [
            "partnerships:home",
            "partnerships:proposal_list",
            "partnerships:sector_list",
            "partnerships:city_list",
            "programmes:register",
            "delegations:visit_list",
            "partnerships:open_data",
        ]

    def location(self, item):
        return reverse(item)


class ProposalSitemap(PortalSitemap):
    """A proposal's <lastmod> is its page's Last-Modified (core/change_dates.py): a crawler
    asks again for exactly the pages that changed."""

    def items(self):
        return change_dates.with_own_change_dates(Proposal.objects.public().order_by("pk"))

    def lastmod(self, item):
        return change_dates.page_date(item.own_changed_at, self._shared_changed_at())

    def get_latest_lastmod(self):
        latest = self.items().aggregate(latest=Max("own_changed_at"))["latest"]
        return change_dates.page_date(latest, self._shared_changed_at())

    def _shared_changed_at(self):
        if not hasattr(self, "_shared"):
            self._shared = change_dates.shared_changed_at()
        return self._shared


class VisitSitemap(ChangingSitemap):
    def items(self):
        return Visit.objects.published().order_by("pk")


class ReportSitemap(ChangingSitemap):
    def items(self):
        return AnnualReport.objects.published().select_related("partnership").order_by("pk")


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
    "reports": ReportSitemap,
    "sectors": SectorSitemap,
    "cities": CitySitemap,
}
