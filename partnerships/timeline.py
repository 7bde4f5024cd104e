"""The order of a proposal's timeline: when a step may be dated, and the moment a step recorded
for an earlier day is given."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


def last_step(proposal):
    """The last lifecycle step on record. Other events (a decision, a note, an archiving) do not
    hold back the date of the next step: only the order of the steps themselves matters."""
    steps = proposal.events.current().exclude(to_status="")
    return steps.order_by("-occurred_at", "-pk").first()


FUTURE = _("The date cannot be in the future.")


def _in_future(when):
    return timezone.localdate(when) > timezone.localdate()


def date_problems(proposal, when):
    """A step happened today or earlier, and not before the step recorded last."""
    if _in_future(when):
        return [FUTURE]
    previous = last_step(proposal)
    if previous and when < previous.occurred_at:
        return [
            _("The date cannot be before the last recorded step (%(date)s).")
            % {"date": date_format(timezone.localdate(previous.occurred_at), "DATE_FORMAT")}
        ]
    return []


def event_date_problems(proposal, when):
    """A decision, an answer or a closing happened today or earlier, and not before the offer:
    unlike a step, it may be recorded after later steps (history is often entered late)."""
    if _in_future(when):
        return [FUTURE]
    if proposal.offered_on and timezone.localdate(when) < proposal.offered_on:
        return [
            _("The date cannot be before the offer (%(date)s).")
            % {"date": date_format(proposal.offered_on, "DATE_FORMAT")}
        ]
    return []


def event_moment(day):
    """When an event recorded for `day` happened: now if today, else midday of that day."""
    if day is None or day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def step_moment(proposal, day):
    """When a step recorded for `day` happened: now if today; else midday of that day, and
    never before a step already recorded that day (the timeline keeps its order)."""
    moment = event_moment(day)
    if day is None or day == timezone.localdate():
        return moment
    previous = last_step(proposal)
    if previous and timezone.localdate(previous.occurred_at) == day:
        moment = max(moment, previous.occurred_at + datetime.timedelta(seconds=1))
    return moment
