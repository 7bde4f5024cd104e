"""The map of the partnerships: Kupang, every partner and public candidate city (and the other
cities on the register), and the published visits between Kupang and its partner cities, drawn
by core/map.py. Shown whole at /<lang>/map/, and as a smaller figure of the partnerships alone
on the home page, each partner city's page and the register."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core import map as drawing
from partnerships.models import CandidateCity, PartnerCity, Proposal
from partnerships.models.candidates import CAME_TO_NOTHING
from partnerships.templatetags.portal import list_separator

from .models import Visit

# Kupang City Hall, in decimal degrees: where every line of the map starts.
HOME_LATITUDE, HOME_LONGITUDE = -10.1631, 123.6064
HOME_NAME = _("Kupang")
HOME_DETAILS = _("East Nusa Tenggara, Indonesia")


def visits_by_city():
    """{partner city id: how many published visits concern a partnership it is the partner of}."""
    links = Visit.proposals.through.objects.filter(
        visit__in=Visit.objects.public(), proposal__in=_partnering()
    )
    counted = links.values("proposal__partner_city").annotate(n=Count("visit", distinct=True))
    return {row["proposal__partner_city"]: row["n"] for row in counted}


def _number(value):
    return None if value is None else float(value)


ROLES = ("home", "partner", "candidate", "registered")


def _partnering():
    """The public proposals that name a partner city and did not come to nothing (a declined or
    withdrawn offer names no city any more, as its candidacies do not)."""
    return Proposal.objects.public().exclude(partner_city=None).exclude(status__in=CAME_TO_NOTHING)


def _roles():
    """{city id: its role}: the partner of a public partnership, a public candidate, or only on
    the register of cities (which names every city on record, but no candidacy)."""
    candidates = CandidateCity.objects.public().values_list("city", flat=True)
    roles = dict.fromkeys(candidates, "candidate")
    roles.update(dict.fromkeys(_partnering().values_list("partner_city", flat=True), "partner"))
    return roles


def places(register=True, also=None):
    """Kupang first, then the cities on record (with `register`; else only the partners and
    public candidates, and the city `also`), partners before public candidates before the
    others, each by the name the reader knows it by."""
    roles, visits = _roles(), visits_by_city()
    cities = PartnerCity.objects.order_by("slug")
    if not register:
        cities = cities.filter(pk__in=[*roles, *([also.pk] if also else [])])
    home = drawing.Place(str(HOME_NAME), reverse("partnerships:home"), HOME_LATITUDE,
                         HOME_LONGITUDE, "home", str(HOME_DETAILS))  # fmt: skip
    shown = [
        drawing.Place(
            city.shown_name,
            city.get_absolute_url(),
            _number(city.latitude),
            _number(city.longitude),
            roles.get(city.pk, "registered"),
            list_separator().join(p for p in (city.region, city.get_country_display()) if p),
            visits.get(city.pk, 0),
        )  # fmt: skip
        for city in cities
    ]
    shown.sort(key=lambda place: (ROLES.index(place.role), place.label))
    return [home, *shown]


def smaller_map(_record=None):
    """The smaller figure of the home page and the register: the partnerships only."""
    return {"figure": drawing.drawn(places(register=False), compact=True)}


def city_map(city):
    """A partner city's page: the smaller figure with that city marked among the partners."""
    shown = places(register=False, also=city)
    return {"figure": drawing.drawn(shown, compact=True, current=city.get_absolute_url())}


class MapView(TemplateView):
    template_name = "delegations/map.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, figure=drawing.drawn(places()))
