from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    """Visits, their delegates, commitments and documents. Depends on `partnerships`, never the
    reverse: what partnerships' pages show of visits is registered here."""

    name = "delegations"
    verbose_name = _("Delegations")

    def ready(self):
        from core import page_cache, retention
        from partnerships import dormancy, opendata, sections

        from . import checked_texts
        from . import sections as visits
        from .map import city_map, smaller_map
        from .opendata import COMMITMENTS, VISITS
        from .retention import CONTACTS_HELD, DELEGATE_CONTACT_HISTORY, DELEGATE_CONTACTS

        sections.register_public_section(
            "delegations/_home_visits.html", visits.home_visits, "home"
        )
        sections.register_public_section("delegations/_map_figure.html", smaller_map, "home")
        sections.register_public_section("delegations/_map_figure.html", city_map, "city")
        sections.register_public_section(
            "delegations/_proposal_visits.html", visits.proposal_visits, "proposal_aside"
        )
        sections.register_public_section(
            "delegations/_sector_visits.html", visits.sector_visits, "sector"
        )
        opendata.register_dataset(VISITS)
        opendata.register_dataset(COMMITMENTS)
        dormancy.register_activity_source(visits.last_visit_day)
        dormancy.register_activity_source(visits.last_commitment_closed)
        checked_texts.register()
        retention.register_rule(DELEGATE_CONTACTS)
        retention.register_rule(DELEGATE_CONTACT_HISTORY)
        retention.register_held(CONTACTS_HELD)
        page_cache.keep_pages_of(self)
        page_cache.register_cached_views("delegations:visit_list", "delegations:visit_detail")
