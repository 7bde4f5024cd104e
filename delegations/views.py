"""Public visit pages and the iCalendar feed: only published visits exist here, and delegates
appear by name, title and side — never with their contact details."""

import datetime

from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from icalendar import Calendar, Event

from partnerships.models import Document, Proposal
from partnerships.streaming import SLUG, address_template, in_chunks

from .models import Commitment, Delegate, Visit

PUBLIC_DELEGATE_FIELDS = ["visit_id", "name", "title", "title_ind", "title_en", "title_ja",
                          "organisation", "side", "order"]  # fmt: skip


class VisitListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Visit.objects.published().order_by("-starts_on").prefetch_related("sectors")

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class VisitDetailView(DetailView):
    def get_queryset(self):
        return Visit.objects.published().prefetch_related(
            Prefetch("delegates", Delegate.objects.current().only("pk", *PUBLIC_DELEGATE_FIELDS)),
            Prefetch("commitments", Commitment.objects.current()),
            "sectors",
            Prefetch("proposals", Proposal.objects.public(), to_attr="public_proposals"),
            Prefetch("documents", Document.objects.public(), to_attr="public_documents"),
        )


CALENDAR_CHUNK = 500


def _calendar_parts(request):
    calendar = Calendar()
    calendar.add("prodid", "-//City of Kupang//Sister-City Portal//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Kupang sister-city visits")
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
            "title_ind",
            "starts_on",
            "ends_on",
            "updated_at",
            "place_ind",
            "purpose_ind",
        )
    )
    for chunk in in_chunks(visits, "pk", CALENDAR_CHUNK):
        for visit in chunk:
            event = Event()
            event.add("uid", f"visit-{visit['pk']}@{host}")
            event.add("summary", visit["title_ind"] or "")
            event.add("dtstart", visit["starts_on"])
            event.add("dtend", visit["ends_on"] + datetime.timedelta(days=1))
            event.add("dtstamp", visit["updated_at"])
            event.add("location", visit["place_ind"] or "")
            event.add("description", visit["purpose_ind"] or "")
            event.add("url", address.replace(SLUG, visit["slug"]))
            yield event.to_ical().decode()
    yield "END:VCALENDAR\r\n"


@require_safe
def visits_ics(request):
    """Published visits as all-day events, for calendar subscriptions; the calendar speaks the
    portal's default language (Indonesian) and streams out as it is read."""
    return StreamingHttpResponse(
        _calendar_parts(request), content_type="text/calendar; charset=utf-8"
    )
