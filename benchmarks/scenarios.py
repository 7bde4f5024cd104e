"""Runs that ask for pages as people do, beside the one-page runs of run.py: spread over the whole
record, a few popular pages and many rare ones, pages read while staff change something, and
searches. Each is measured against the bare view of the same moment, like every page, and
reports the page cache's hit rate."""

import json
import random
from pathlib import Path

# (page type, address; "{proposal}" and "{reference}" are filled from the data, "review" pages
# are read as a liaison of the mission that handles every benchmark proposal)
PAGES = [
    ("home", "/en/"),
    ("proposal list", "/en/proposals/"),
    ("list, page 400", "/en/proposals/?page=400"),
    ("list, sector and search", "/en/proposals/?sector=education&q=Kemitraan"),
    ("proposal page", "/en/proposals/{proposal}/"),
    ("sector page", "/en/sectors/education/"),
    ("city page", "/en/cities/bench-city-2/"),
    ("visit list", "/en/visits/"),
    ("Atom feed", "/feeds/updates.atom"),
    ("visits.ics", "/visits.ics"),
    ("proposals.csv", "/en/open-data/proposals.csv"),
    ("proposals.json", "/en/open-data/proposals.json"),
    ("sitemap index", "/sitemap.xml"),
    ("agreement register", "/en/register/"),
    ("sitemap page", "/sitemap-proposals.xml?p=5"),
    ("API, proposals", "/api/v1/proposals/"),
    ("API, a proposal", "/api/v1/proposals/{reference}/"),
    ("review queue", "/en/review/"),
    ("review page", "/en/review/{reference}/"),
]

LANGUAGES = ("id", "en", "ja")
# Words in every benchmark proposal's title or summary, and words in only one.
COMMON_WORDS = ("Kemitraan", "Partnership", "Fictional", "portal", "Usulan")

# Every public address a crawler or a citizen may ask for: proposal, city and visit pages.
ADDRESSES = """
from partnerships.models import PartnerCity, Proposal
from delegations.models import Visit
proposals = list(Proposal.objects.public().values_list("slug", "reference"))
cities = PartnerCity.objects.filter(slug__startswith="bench-city-").values_list("slug", flat=True)
visits = Visit.objects.public().values_list("slug", flat=True)
print(json.dumps({"proposals": proposals, "cities": list(cities), "visits": list(visits)}))
"""

# Staff changing one public record a second (a proposal's summary), for ARGUMENT seconds.
WRITER = """
import random, time
from partnerships.models import Proposal
chosen = list(Proposal.objects.public().values_list("pk", flat=True))
random.seed(7)
writes, end = 0, time.monotonic() + ARGUMENT
while time.monotonic() < end:
    proposal = Proposal.objects.get(pk=random.choice(chosen))
    proposal.summary_en = f"Fictional proposal, edited {writes} times."
    proposal.save()
    writes += 1
    time.sleep(1)
print(json.dumps({"writes": writes}))
"""


def addresses(listed):
    """Every address of the record, in three languages, in a fixed random order (so that Zipf's
    popular few are a mix of kinds and languages)."""
    paths = [
        f"/{language}/{kind}/{slug}/"
        for language in LANGUAGES
        for kind, slugs in (
            ("proposals", [slug for slug, _reference in listed["proposals"]]),
            ("cities", listed["cities"]),
            ("visits", listed["visits"]),
        )
        for slug in slugs
    ]
    random.Random(23).shuffle(paths)  # noqa: S311 (an order, not a secret)
    return paths


def searches(listed):
    references = [reference for _slug, reference in listed["proposals"]]
    rare = random.Random(5).sample(references, min(50, len(references)))  # noqa: S311
    return (
        [f"/en/proposals/?q={word}" for word in COMMON_WORDS],
        [f"/en/proposals/?q={reference}" for reference in rare],
    )


def scenarios(listed, proposal_path):
    """(name, order, addresses, with a writer)."""
    record = addresses(listed)
    common, rare = searches(listed)
    return [
        ("spread over the record", "random", record, False),
        ("Zipf over the record", "zipf", record, False),
        ("Zipf, one write a second", "zipf", record, True),
        ("home, one write a second", "each", ["/en/"], True),
        ("list, one write a second", "each", ["/en/proposals/"], True),
        ("proposal page, one write a second", "each", [proposal_path], True),
        ("search, common words", "random", common, False),
        ("search, rare words", "random", rare, False),
    ]


def write_paths(folder, name, paths):
    listed = Path(folder) / f"paths-{abs(hash(name))}.txt"
    listed.write_text("\n".join(paths))
    return str(listed)


def hit_rate(hits_file):
    try:
        counts = json.loads(Path(hits_file).read_text())
    except (OSError, ValueError):
        return None
    answered = counts["hit"] + counts["miss"]
    return counts["hit"] / answered if answered else None
