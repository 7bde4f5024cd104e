"""Public visit pages and the iCalendar feed: only published visits exist here, and delegates
appear by name, title and side — never with their contact details."""

import datetime

from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from icalendar import Calendar, Event

from core.files import serve_file
from core.streaming import SLUG, address_template, in_chunks
from core.texts import in_best_language
from partnerships.models import Proposal

from .models import Commitment, Delegate, Visit, VisitDocument


class VisitListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Visit.objects.published().order_by("-starts_on").prefetch_related("sectors")

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class VisitDetailView(DetailView):
    def get_queryset(self):
        return Visit.objects.published().prefetch_related(
            Prefetch("delegates", Delegate.objects.current().as_shown()),
            Prefetch("commitments", Commitment.objects.current()),
            "sectors",
            Prefetch("proposals", Proposal.objects.public(), to_attr="public_proposals"),
            Prefetch("documents", VisitDocument.objects.public(), to_attr="public_documents"),
        )


@require_safe
def document_download(request, pk):
    """A published visit's public document, never straight from the media folder."""
    return serve_file(get_object_or_404(VisitDocument.objects.public(), pk=pk).file)


CALENDAR_CHUNK = 500


def _calendar_parts(request, language):
    # Streamed after the view has returned: the language is set here, around the reading.
    with translation.override(language):
        yield from _calendar_lines(request, language)


def _text_property(event, name, row, field, language):
    """A calendar property in the best language there is, with a LANGUAGE parameter saying
    which (RFC 5545): a calendar shows a passage not yet translated for what it is."""
    text, written_in = in_best_language(row.get, field, language)
    event.add(name, text, parameters={"LANGUAGE": written_in})


def _calendar_lines(request, language):
    calendar = Calendar()
    calendar.add("prodid", "-//City of Kupang//Sister-City Portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", gettext("Kupang sister-city visits"))
    head = calendar.to_ical().decode()
    # The calendar's own lines, then each event as it is read: no whole calendar in memory.
    yield head.removesuffix("END:VCALENDAR\r\n")
    host = request.get_host()
    address = address_template(request, "delegations:visit_detail")
    visits = (
        Visit.objects.published()
        .order_by("pk")
        .values(
            "pk",
            "slug",
            "starts_on",
            "ends_on",
            "updated_at",
            *(
                f"{field}_{suffix}"
                for field in ("title", "place", "purpose")
                for suffix in ("ind", "en", "ja")
            ),
        )  # fmt: skip
    )
    for chunk in in_chunks(visits, "pk", CALENDAR_CHUNK):
        for visit in chunk:
            event = Event()
            event.add("uid", f"visit-{visit['pk']}@{host}")
            _text_property(event, "summary", visit, "title", language)
            event.add("dtstart", visit["starts_on"])
            event.add("dtend", visit["ends_on"] + datetime.timedelta(days=1))
            event.add("dtstamp", visit["updated_at"])
            _text_property(event, "location", visit, "place", language)
            _text_property(event, "description", visit, "purpose", language)
            event.add("url", address.replace(SLUG, visit["slug"]))
            yield event.to_ical().decode()
    yield "END:VCALENDAR\r\n"


@require_safe
def visits_ics(request, language=None):
    """Published visits as all-day events, for calendar subscriptions, in the address's language
    (`language` for the address without one), streamed out as it is read."""
    return StreamingHttpResponse(
        _calendar_parts(request, language or translation.get_language()),
        content_type="text/calendar; charset=utf-8",
    )
