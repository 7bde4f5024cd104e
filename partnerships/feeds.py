"""The public timeline as Atom feeds, newest first: of every public proposal
(`/<lang>/feeds/updates.atom`, and `/feeds/updates.atom` in Indonesian for the subscribers it had
before there were languages) and of one proposal (`/<lang>/proposals/<slug>/updates.atom`).

Notes are plain text on the pages, and plain text here: a feed reader shows a note's markup as
the characters it is, never as live HTML.
"""

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.texts import source_language

from .models import Proposal, ProposalEvent

# Characters XML 1.0 cannot carry at all; text pasted from word processors brings some along
# (a vertical tab, a form feed), and a single one would make the whole feed unreadable.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text):
    return NOT_IN_XML.sub("", text or "")


class PlainTextAtomFeed(Atom1Feed):
    """Django's Atom feed marks every summary `type="html"`; these summaries are text."""

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary:
            # The language the note is written in, which may not be the feed's (a fallback).
            attributes = {"type": "text", "xml:lang": item.get("summary_language", "")}
            handler.addQuickElement("summary", summary, {k: v for k, v in attributes.items() if v})


class LanguageUpdatesFeed(Feed):
    """Every public step, in the language of the address (its prefix)."""

    feed_type = PlainTextAtomFeed
    title = _("Kupang Sister-City Portal: partnership updates")
    subtitle = _("Each public step of Kupang's sister-city proposals.")
    link = reverse_lazy("partnerships:proposal_list")

    shown = 50

    def steps(self):
        return (
            ProposalEvent.objects.public()
            .select_related("proposal")
            .order_by("-occurred_at", "-pk")
        )

    def items(self):
        return self.steps()[: self.shown]

    def item_title(self, item):
        return xml_text(f"{item.proposal.reference}: {item.title}")

    def item_description(self, item):
        return xml_text(item.note)

    def item_extra_kwargs(self, item):
        return {"summary_language": source_language(item, "note")}

    def item_link(self, item):
        return item.proposal.get_absolute_url()

    def item_guid(self, item):
        # An absolute IRI, as Atom asks: the same for an entry wherever the feed is read.
        return f"urn:kupang-sister-city-portal:proposal-event:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.occurred_at

    def item_updateddate(self, item):
        return item.occurred_at


class UpdatesFeed(LanguageUpdatesFeed):
    """`/feeds/updates.atom`: no language prefix, so the portal's default language."""

    def __call__(self, request, *args, **kwargs):
        with translation.override("id"):
            return super().__call__(request, *args, **kwargs)


class ProposalUpdatesFeed(LanguageUpdatesFeed):
    """One public proposal's public steps: what a citizen following it subscribes to."""

    def get_object(self, request, slug):
        return get_object_or_404(Proposal.objects.public(), slug=slug)

    def title(self, proposal):
        return xml_text(f"{proposal.reference}: {proposal.title}")

    def subtitle(self, proposal):
        return _("Each public step of this sister-city proposal.")

    def link(self, proposal):
        return proposal.get_absolute_url()

    def items(self, proposal):
        return self.steps().filter(proposal=proposal)[: self.shown]
