"""The order of a proposal's timeline: when a step may be dated, and the moment a step recorded
for an earlier day is given."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def last_step(proposal):
    """The last lifecycle step on record. Other events (a decision, a note, an archiving) do not
    hold back the date of the next step: only the order of the steps themselves matters."""
    steps = proposal.events.current().exclude(to_status="")
    return steps.order_by("-occurred_at", "-pk").first()


def date_problems(proposal, when):
    """A step happened today or earlier, and not before the step recorded last."""
    if timezone.localdate(when) > timezone.localdate():
        return [_("Date: it cannot be in the future.")]
    previous = last_step(proposal)
    if previous and when < previous.occurred_at:
        return [
            _("Date: it cannot be before the last recorded step (%(date)s).")
            % {"date": timezone.localdate(previous.occurred_at).isoformat()}
        ]
    return []


def step_moment(proposal, day):
    """When a step recorded for `day` happened: now if today; else midday of that day, and
    never before a step already recorded that day (the timeline keeps its order)."""
    if day is None or day == timezone.localdate():
        return timezone.now()
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    previous = last_step(proposal)
    if previous and timezone.localdate(previous.occurred_at) == day:
        moment = max(moment, previous.occurred_at + datetime.timedelta(seconds=1))
    return moment
