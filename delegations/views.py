"""Public visit pages and the iCalendar feed: only published visits exist here, and delegates
appear by name, title and side — never with their contact details."""

import datetime

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView
from icalendar import Calendar, Event

from partnerships.models import Document, Proposal

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


@require_safe
def visits_ics(request):
    """Published visits as all-day events, for calendar subscriptions."""
    calendar = Calendar()
    calendar.add("prodid", "-//City of Kupang//Sister-City Portal//ID")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Kupang sister-city visits")
    host = request.get_host()
    with translation.override("id"):
        for visit in Visit.objects.published().order_by("starts_on"):
            event = Event()
            event.add("uid", f"visit-{visit.pk}@{host}")
            event.add("summary", visit.title)
            event.add("dtstart", visit.starts_on)
            event.add("dtend", visit.ends_on + datetime.timedelta(days=1))
            event.add("dtstamp", visit.updated_at)
            event.add("location", visit.place)
            event.add("description", visit.purpose)
            event.add("url", request.build_absolute_uri(visit.get_absolute_url()))
            calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
