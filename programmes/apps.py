from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """After the signature: what a partnership produces. Depends on `partnerships` and
    `delegations`, never the reverse."""

    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from core import page_cache
        from partnerships import dormancy, opendata, sections

        from . import checked_texts
        from .activity import latest_activity, public_results, sector_totals
        from .opendata import AGREEMENTS, DATASETS

        # The dormancy watchdog counts recorded activities through this one function, and the
        # proposal page shows the public ones through this section.
        dormancy.register_activity_source(latest_activity)
        sections.register_public_section("programmes/_results.html", public_results)
        sections.register_public_section(
            "programmes/_sector_totals.html", sector_totals, page="sector"
        )
        for dataset in DATASETS:
            # The register's first name, before DESIGN.md's, still leads to it.
            former = ("register",) if dataset is AGREEMENTS else ()
            opendata.register_dataset(dataset, former_names=former)
        checked_texts.register()
        # Recording the daily reminders changes nothing a page shows.
        page_cache.keep_pages_of(self, not_shown={"remindersent"})
        page_cache.register_cached_views(
            "programmes:register", "programmes:report", "programmes:report_pdf"
        )
