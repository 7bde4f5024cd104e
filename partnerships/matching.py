"""The matching assistant: which partner cities fit a proposal best, and why.

A city's score (0–100) is the sum of the factors below. Each factor says how many of its points
the city earns and why, so a person can check the ranking instead of trusting it.

- sectors (50): the share of the proposal's focus sectors the city is strong in.
- coastal (10) and island (10): the same answer as Kupang's.
- population (10): the same size band as Kupang (10), the next band (5), otherwise 0.
- hazards (10): the share of Kupang's natural hazards the city also lives with; cities that have
  learnt to live with the same hazards have the most to exchange in disaster mitigation.
- ties (10): the city already has partnerships with Indonesian cities.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.content_version import content_version

from .models import PartnerCity

RANKING_KEPT_SECONDS = 3600
WEIGHTS = {"sectors": 50, "coastal": 10, "island": 10, "population": 10, "hazards": 10, "ties": 10}

# Kupang: a coastal city on Timor island, 442,758 people (BPS, 2020 census), exposed to
# earthquakes, tsunamis, tropical cyclones (Seroja, 2021) and droughts.
HOME_CITY = {
    "is_coastal": True,
    "is_island": True,
    "population": 442_758,
    "hazards": {"earthquake_risk", "tsunami_risk", "cyclone_risk", "drought_risk"},
}
POPULATION_BANDS = [100_000, 500_000, 1_000_000]  # upper limits; above the last is a band too
HAZARDS = ["earthquake_risk", "tsunami_risk", "cyclone_risk", "drought_risk"]
LABELS = {
    "sectors": gettext_lazy("Sectors"),
    "coastal": gettext_lazy("Coastal"),
    "island": gettext_lazy("Island"),
    "population": gettext_lazy("Population"),
    "hazards": gettext_lazy("Hazards"),
    "ties": gettext_lazy("Ties"),
}


@dataclass
class Factor:
    """One factor of a city's score. `figures` are the plain numbers behind it (stored with a
    suggestion as data); `why` says them in the language active when it is read."""

    name: str
    points: float
    maximum: int
    figures: dict = field(default_factory=dict)
    city: PartnerCity | None = None  # for the ties, which are the city's own (translated) text

    @property
    def label(self):
        return LABELS[self.name]

    @property
    def why(self):
        try:
            return WHY[self.name](self.figures, self.city)
        except (KeyError, TypeError, ValueError):  # stored figures of another shape
            return ""

    def as_data(self):
        return {"name": self.name, "points": self.points, "maximum": self.maximum,
                "figures": self.figures}  # fmt: skip


def _why_ties(figures, city):
    if not figures.get("has_ties"):
        return _("no known ties with Indonesian cities")
    return (city.existing_ties if city else "") or _("has ties with Indonesian cities")


WHY = {
    "sectors": lambda f, city: _("strong in %(n)s of the %(total)s sectors") % f,
    "coastal": lambda f, city: _("same as Kupang") if f.get("same") else _("unlike Kupang"),
    "island": lambda f, city: _("same as Kupang") if f.get("same") else _("unlike Kupang"),
    "population": lambda f, city: (
        _("population unknown")
        if f.get("bands_away") is None
        else ngettext("%(n)s size band away", "%(n)s size bands away", f["bands_away"])
        % {"n": f["bands_away"]}
    ),
    "hazards": lambda f, city: _("shares %(n)s of Kupang's %(total)s hazards") % f,
    "ties": _why_ties,
}


def reasons(stored, city=None):
    """The factors a suggestion stored (`CandidateCity.match_factors`), ready to be read in the
    active language; stored data of an unknown shape is skipped, not guessed at."""
    return [
        Factor(item["name"], item["points"], item["maximum"], item["figures"], city)
        for item in stored
        if isinstance(item, dict)
        and item.keys() >= {"name", "points", "maximum", "figures"}
        and item["name"] in WHY
        and isinstance(item["figures"], dict)
    ]


@dataclass
class Match:
    city: PartnerCity
    factors: list = field(default_factory=list)

    @property
    def score(self):
        return round(sum(f.points for f in self.factors), 1)


def population_band(population):
    return sum(population >= limit for limit in POPULATION_BANDS)


def _sectors(city, wanted):
    strong = {s.pk for s in city.strengths.all()} & set(wanted)
    share = len(strong) / len(wanted) if wanted else 0
    figures = {"n": len(strong), "total": len(wanted)}
    return Factor("sectors", WEIGHTS["sectors"] * share, WEIGHTS["sectors"], figures, city)


def _same(name, city):
    same = getattr(city, name) == HOME_CITY[name]
    key = name.removeprefix("is_")
    return Factor(key, WEIGHTS[key] if same else 0, WEIGHTS[key], {"same": same}, city)


def _population(city):
    if not city.population:
        return Factor("population", 0, WEIGHTS["population"], {"bands_away": None}, city)
    distance = abs(population_band(city.population) - population_band(HOME_CITY["population"]))
    points = {0: WEIGHTS["population"], 1: WEIGHTS["population"] / 2}.get(distance, 0)
    return Factor("population", points, WEIGHTS["population"], {"bands_away": distance}, city)


def _hazards(city):
    shared = [h for h in HAZARDS if h in HOME_CITY["hazards"] and getattr(city, h)]
    share = len(shared) / len(HOME_CITY["hazards"])
    figures = {"n": len(shared), "total": len(HOME_CITY["hazards"])}
    return Factor("hazards", WEIGHTS["hazards"] * share, WEIGHTS["hazards"], figures, city)


def has_ties(city):
    """Ties count whichever language they were written in."""
    return any((getattr(city, f"existing_ties_{code}") or "").strip() for code in TIES_COLUMNS)


TIES_COLUMNS = ["ind", "en", "ja"]


def _ties(city):
    found = has_ties(city)
    points = WEIGHTS["ties"] if found else 0
    return Factor("ties", points, WEIGHTS["ties"], {"has_ties": found}, city)


def match(city, wanted_sector_ids):
    return Match(
        city,
        [
            _sectors(city, wanted_sector_ids),
            _same("is_coastal", city),
            _same("is_island", city),
            _population(city),
            _hazards(city),
            _ties(city),
        ],
    )


def _quick_score(row, strengths, wanted):
    """The score `match` gives, from plain values: ranking every city of a country must not
    build every city's explanations."""
    share = len(strengths & wanted) / len(wanted) if wanted else 0
    points = WEIGHTS["sectors"] * share
    points += WEIGHTS["coastal"] if row["is_coastal"] == HOME_CITY["is_coastal"] else 0
    points += WEIGHTS["island"] if row["is_island"] == HOME_CITY["is_island"] else 0
    if row["population"]:
        distance = abs(
            population_band(row["population"]) - population_band(HOME_CITY["population"])
        )
        points += {0: WEIGHTS["population"], 1: WEIGHTS["population"] / 2}.get(distance, 0)
    shared = [h for h in HAZARDS if h in HOME_CITY["hazards"] and row[h]]
    points += WEIGHTS["hazards"] * len(shared) / len(HOME_CITY["hazards"])
    points += (
        WEIGHTS["ties"]
        if any((row[f"existing_ties_{c}"] or "").strip() for c in TIES_COLUMNS)
        else 0
    )
    return points


def rank_cities(proposal, best=None):
    """The partner cities of the proposal's country, best fit first (ties by name): all of them,
    or the `best` few. Every city is scored from plain values; only the cities returned are
    loaded and explained."""
    wanted = {s.pk for s in proposal.sectors.all()}
    chosen = _best_fits(proposal.partner_country, wanted, best)
    loaded = PartnerCity.objects.prefetch_related("strengths").in_bulk(chosen)
    matches = [match(loaded[pk], list(wanted)) for pk in chosen if pk in loaded]
    # The explained score is the one shown; ranking by it keeps the two in step.
    return sorted(matches, key=lambda m: (-m.score, m.city.name))


def best_fit_cities(proposal, best):
    """The `best` best-fitting cities (in the ranking's order), without explaining their scores:
    the menu of a suggestion form offers them."""
    wanted = {s.pk for s in proposal.sectors.all()}
    chosen = _best_fits(proposal.partner_country, wanted, best)
    loaded = PartnerCity.objects.in_bulk(chosen)
    return [loaded[pk] for pk in chosen if pk in loaded]


def _best_fits(country, wanted, best):
    """The ids of the best-fitting cities. The ranking changes only with the records, so with a
    shared cache it is kept under the content version (scoring 1,800 cities took 35-50 ms of
    every review page); in each process's own memory it would miss other workers' changes."""
    if not settings.SHARED_CACHE:
        return _rank(country, wanted, best)
    sectors = "-".join(str(pk) for pk in sorted(wanted))
    key = f"portal:ranking:{content_version()}:{country}:{sectors}:{best}"
    chosen = cache.get(key)
    if chosen is None:
        chosen = _rank(country, wanted, best)
        cache.set(key, chosen, timeout=RANKING_KEPT_SECONDS)
    return chosen


def _rank(country, wanted, best):
    # The demo's made-up cities are partners of the fictional samples only, never a real fit.
    cities = PartnerCity.objects.filter(country=country, is_sample=False)
    strengths = {}
    through = PartnerCity.strengths.through
    for city_id, sector_id in through.objects.filter(partnercity__in=cities).values_list(
        "partnercity_id", "focussector_id"
    ):
        strengths.setdefault(city_id, set()).add(sector_id)
    ties = [f"existing_ties_{code}" for code in TIES_COLUMNS]
    columns = ["pk", "name", "is_coastal", "is_island", "population", *ties, *HAZARDS]
    rows = cities.values(*columns)
    scored = sorted(
        rows,
        key=lambda row: (-round(_quick_score(row, strengths.get(row["pk"], set()), wanted), 1),
                         row["name"]),
    )  # fmt: skip
    return [row["pk"] for row in (scored if best is None else scored[:best])]
