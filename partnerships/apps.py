from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from core import page_cache

        from . import checked_texts, language_choice  # noqa: F401 (its sign-in receiver)

        checked_texts.register()
        # Anonymous answers kept in the shared page cache until a record changes; a citizen
        # following a proposal, or a person's profile (their language, their last visit),
        # changes nothing a page shows.
        page_cache.keep_pages_of(self, not_shown={"follower", "profile", "historicalprofile"})
        page_cache.register_cached_views(*(f"partnerships:{name}" for name in (
            "home", "proposal_list", "proposal_detail", "proposal_feed", "sector_list",
            "sector_detail", "city_list", "city_detail", "open_data", "open_data_csv",
            "open_data_json",
        )))  # fmt: skip
