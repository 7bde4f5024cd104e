"""The matching assistant ranks partner cities as the weights in partnerships/matching.py say.

Expected scores below are computed by hand from those weights (sectors 50, coastal 10, island
10, population 10, hazards 10, ties 10) and Kupang's profile (coastal, on an island, 442,758
people, exposed to earthquakes, tsunamis, cyclones and droughts)."""

import pytest

from partnerships.matching import WEIGHTS, population_band, rank_cities
from partnerships.models import FocusSector
from tests.factories import PartnerCityFactory, ProposalFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def sectors(*slugs):
    return list(FocusSector.objects.filter(slug__in=slugs))


@pytest.fixture
def proposal():
    return ProposalFactory(
        offered=True,
        sectors=sectors("cleanliness", "education", "disaster-mitigation", "infrastructure"),
    )


def city(name, strengths=(), **facts):
    made = PartnerCityFactory(name=name, country=facts.pop("country", "JP"), **{
        "is_coastal": False, "is_island": False, "population": 2_000_000, **facts,
    })  # fmt: skip
    made.strengths.set(sectors(*strengths))
    return made


def test_weights_add_up_to_100():
    assert sum(WEIGHTS.values()) == 100


@pytest.mark.parametrize(
    "population,band", [(99_999, 0), (100_000, 1), (442_758, 1), (999_999, 2), (1_000_000, 3)]
)
def test_population_bands(population, band):
    assert population_band(population) == band


def test_hand_computed_ranking(proposal):
    # 2/4 sectors = 25; coastal 10; island 0; 939k is one band from Kupang = 5;
    # cyclones = 1/4 of the hazards = 2.5; ties 10.                         -> 52.5
    city(
        "Kitakyushu",
        ["cleanliness", "infrastructure"],
        is_coastal=True,
        population=939_000,
        cyclone_risk=True,
        existing_ties="Green Sister City with Surabaya",
    )
    # 1/4 sectors = 12.5; coastal 10; island 10; same band 10; cyclone 2.5  -> 45
    city(
        "Naha",
        ["education"],
        is_coastal=True,
        is_island=True,
        population=318_000,
        cyclone_risk=True,
    )
    # 2/4 sectors = 25; coastal 10; island 0; two bands away 0; 2/4 hazards 5 -> 40
    city(
        "Sendai",
        ["disaster-mitigation", "education"],
        is_coastal=True,
        population=1_097_000,
        earthquake_risk=True,
        tsunami_risk=True,
    )
    # Same 40 as Sendai: the tie is broken by name, so Kobe comes first.
    city(
        "Kobe",
        ["disaster-mitigation", "infrastructure"],
        is_coastal=True,
        population=1_525_000,
        earthquake_risk=True,
        tsunami_risk=True,
    )
    # 0 sectors; inland, not an island; far bigger; no shared hazard; no ties  -> 0
    city("Inland", [])
    # Not in Japan: never ranked for a proposal to Japan.
    city("Darwin", ["cleanliness"], country="AU", is_coastal=True)

    ranking = [(m.city.name, m.score) for m in rank_cities(proposal)]

    assert ranking == [
        ("Kitakyushu", 52.5), ("Naha", 45.0), ("Kobe", 40.0), ("Sendai", 40.0), ("Inland", 0.0),
    ]  # fmt: skip


def test_each_score_is_explained_factor_by_factor(proposal):
    city("Naha", ["education"], is_coastal=True, is_island=True, population=318_000,
         cyclone_risk=True)  # fmt: skip

    (naha,) = rank_cities(proposal)

    assert [(f.name, f.points, f.maximum) for f in naha.factors] == [
        ("sectors", 12.5, 50), ("coastal", 10, 10), ("island", 10, 10), ("population", 10, 10),
        ("hazards", 2.5, 10), ("ties", 0, 10),
    ]  # fmt: skip
    assert naha.factors[0].why == "strong in 1 of the 4 sectors"
    assert naha.score == sum(f.points for f in naha.factors)


def test_sector_share_follows_the_proposals_own_sectors():
    narrow = ProposalFactory(offered=True, sectors=sectors("education"))
    city("Naha", ["education"])
    (naha,) = rank_cities(narrow)
    assert naha.factors[0].points == 50


def test_unknown_population_earns_nothing_and_says_so(proposal):
    city("Mystery", population=None)
    (mystery,) = rank_cities(proposal)
    population = next(f for f in mystery.factors if f.name == "population")
    assert (population.points, population.why) == (0, "population unknown")


def test_demo_story_ranks_kitakyushu_first(proposal):
    from io import StringIO

    from django.core.management import call_command

    from partnerships.models import Proposal

    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    kupang = Proposal.objects.get(reference="KPG-2023-001")
    assert rank_cities(kupang)[0].city.slug == "kitakyushu"


@pytest.mark.django_db
def test_the_best_few_are_the_head_of_the_whole_ranking():
    from tests.factories import FocusSectorFactory, PartnerCityFactory, ProposalFactory

    sectors = [FocusSectorFactory(slug=f"s{n}") for n in range(3)]
    for n in range(40):
        city = PartnerCityFactory(
            name=f"City {n:02d}", population=50_000 * (n % 25 + 1), is_coastal=n % 2 == 0,
            is_island=n % 3 == 0, earthquake_risk=n % 4 == 0, existing_ties="" if n % 5 else "Yes",
        )  # fmt: skip
        city.strengths.set(sectors[: n % 4])
    proposal = ProposalFactory(exploring=True, sectors=sectors[:2])

    whole = [(m.city.name, m.score) for m in rank_cities(proposal)]
    best = [(m.city.name, m.score) for m in rank_cities(proposal, best=10)]

    assert best == whole[:10]


def test_with_a_shared_cache_the_ranking_is_kept_until_a_record_changes(
    proposal, settings, django_assert_max_num_queries
):
    settings.SHARED_CACHE = True
    city("Sendai", ["education"])
    first = [m.city.name for m in rank_cities(proposal, best=5)]
    assert first == ["Sendai"]
    # Kept: only the chosen cities are read again, not every city of the country.
    with django_assert_max_num_queries(3):
        assert [m.city.name for m in rank_cities(proposal, best=5)] == first
    # A new city that fits better is ranked at once.
    city("Kitakyushu", ["cleanliness", "education", "disaster-mitigation"], is_coastal=True)
    assert [m.city.name for m in rank_cities(proposal, best=5)][0] == "Kitakyushu"


def test_without_a_shared_cache_every_ranking_is_made_afresh(proposal, settings):
    settings.SHARED_CACHE = False
    city("Sendai", ["education"])
    assert [m.city.name for m in rank_cities(proposal, best=5)] == ["Sendai"]
    PartnerCityFactory._meta.model.objects.filter(name="Sendai").update(name="Sendai City")
    assert [m.city.name for m in rank_cities(proposal, best=5)] == ["Sendai City"]
