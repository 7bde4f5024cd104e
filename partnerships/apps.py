from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def filed_under_proposals():
    """The models whose rows only their own proposal's page shows among record pages, with
    the version each row moves (their edit histories carry the same fields)."""
    from core.content_version import record_tag

    from .models import Proposal

    def own(proposal):
        return [record_tag(Proposal, proposal.pk)]

    def of_its_proposal(row):
        return [record_tag(Proposal, row.proposal_id)]

    children = ("proposalevent", "candidatecity", "document", "approval", "agreementrenewal")
    return {
        "proposal": own,
        "historicalproposal": lambda history: [record_tag(Proposal, history.id)],
        **dict.fromkeys(children, of_its_proposal),
        **{f"historical{name}": of_its_proposal for name in children},
    }


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from core import page_cache, page_warming, retention

        from . import (
            checked_texts,
            language_choice,  # noqa: F401 (its sign-in receiver)
            open_datasets,
            opendata,
        )
        from .hot_pages import hot_pages
        from .retention import FOLLOWERS_HELD, UNCONFIRMED_FOLLOWS

        checked_texts.register()
        retention.register_rule(UNCONFIRMED_FOLLOWS)
        retention.register_held(*FOLLOWERS_HELD)
        for dataset in open_datasets.DATASETS:
            opendata.register_dataset(dataset)
        # Anonymous answers kept in the shared page cache until a record changes; a citizen
        # or a staff member following a proposal, a person's profile (their language, their
        # last visit) and the internal discussion change nothing a page shows (the discussion
        # moves only what the workspace keeps, core/fragments.py). A proposal's own
        # rows move only its version: other proposals' pages stay kept.
        page_cache.keep_pages_of(
            self,
            not_shown={"follower", "profile", "historicalprofile", "proposal_followers"},
            filed_under=filed_under_proposals(),
            workspace_only={"comment", "historicalcomment"},
        )  # fmt: skip
        page_warming.register_hot_pages(hot_pages)
        page_cache.register_cached_views(*(f"partnerships:{name}" for name in (
            "home", "proposal_detail", "proposal_feed", "sector_list",
            "sector_detail", "city_list", "city_detail", "open_data", "open_data_csv",
            "open_data_json", "open_data_package", "open_data_zip",
        )), searching=["partnerships:proposal_list"])  # fmt: skip
