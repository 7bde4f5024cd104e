"""Clearly fictional sample proposals that show the rest of the lifecycle beside Kupang's real
offer. Each history is made by the real lifecycle services, step by step, on the dates given."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from demo.sample_signing import record_sample_signing
from partnerships import candidates, services
from partnerships.models import (
    Approval,
    CandidateCity,
    Consulate,
    Document,
    FocusSector,
    PartnerCity,
    Proposal,
)

SAMPLE_MARK = {"ind": "[Contoh fiktif] ", "en": "[Fictional sample] ", "ja": "［架空のサンプル］"}
SAMPLE_REASON = {
    "id": "Contoh fiktif: kota memilih jalan lain.",
    "en": "Fictional sample: the city chose another route.",
    "ja": "架空のサンプル：市は別の道を選んだ。",
}

MADE_UP = {
    "facts_source_ind": "Rekaan untuk contoh-contoh portal; tidak ada angka nyata.",
    "facts_source_en": "Made up for the portal's samples; no real figures.",
    "facts_source_ja": "ポータルのサンプル用の架空の都市で、実際の数値はない。",
}

# The samples' partners are made-up cities: a sample must never put a real city's name on a
# partnership that does not exist.
SAMPLE_CITIES = [
    {
        "slug": "sample-umihama",
        "native_name": "海浜市",
        "name_ind": "Umihama (kota fiktif)",
        "name_en": "Umihama (fictional city)",
        "name_ja": "海浜市（架空）",
        "region_ind": "Prefektur Minami (fiktif)",
        "region_en": "Minami Prefecture (fictional)",
        "region_ja": "南県（架空）",
        "summary_ind": "Kota pesisir rekaan untuk contoh-contoh portal.",
        "summary_en": "A made-up coastal city for the portal's samples.",
        "summary_ja": "ポータルのサンプル用の架空の沿岸都市。",
        "is_coastal": True,
        # Made up like the city, on Shikoku's south coast, so that the map shows it.
        "latitude": "33.450000",
        "longitude": "133.600000",
        "strengths": ["cleanliness", "infrastructure"],
    },
    {
        "slug": "sample-yamabe",
        "native_name": "山辺市",
        "name_ind": "Yamabe (kota fiktif)",
        "name_en": "Yamabe (fictional city)",
        "name_ja": "山辺市（架空）",
        "region_ind": "Prefektur Kita (fiktif)",
        "region_en": "Kita Prefecture (fictional)",
        "region_ja": "北県（架空）",
        "summary_ind": "Kota rekaan yang rawan gempa untuk contoh-contoh portal.",
        "summary_en": "A made-up city used to earthquakes, for the portal's samples.",
        "summary_ja": "ポータルのサンプル用の、地震の多い架空の都市。",
        "is_coastal": True,
        "earthquake_risk": True,
        "latitude": "39.300000",  # made up, in the hills of northern Honshu
        "longitude": "141.300000",
        "strengths": ["disaster-mitigation", "education"],
    },
]


def sample_pdf(title):
    """A small, valid one-page PDF, so that sample documents are real files."""
    text = title.encode("ascii", "replace")
    stream = b"BT /F1 14 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def add_document(proposal, kind, dated):
    titles = {}
    for code, column in (("id", "title_ind"), ("en", "title_en"), ("ja", "title_ja")):
        with translation.override(code):
            titles[column] = f"{Document.Kind(kind).label} — {proposal.reference}"
    title = titles["title_en"]
    Document.objects.create(
        proposal=proposal,
        kind=kind,
        **{"title": titles["title_ind"], **titles},
        dated=dated,
        file=ContentFile(sample_pdf(f"{title} (fictional sample)"), name=f"{kind}.pdf"),
    )


def add_all_approvals(proposal, issued_on, kinds=tuple(Approval.Kind)):
    for number, kind in enumerate(kinds, start=1):
        Approval.objects.create(
            proposal=proposal,
            kind=kind,
            reference_number=f"DEMO/{number:03d}/{issued_on.year}",
            issued_on=issued_on,
            document=ContentFile(sample_pdf(f"{kind} (fictional sample)"), name=f"{kind}.pdf"),
        )


def select_candidate(proposal, city_slug, day):
    candidate, _created = candidates.candidate_suggest(
        proposal=proposal,
        by=None,
        city=PartnerCity.objects.get(slug=city_slug),
        rationale="Fictional sample: a made-up city, strong in the proposal's sectors.",
    )
    CandidateCity.objects.filter(pk=candidate.pk).update(suggested_at=at(day))
    candidates.candidate_select(candidate=candidate, by=None, when=at(day))


def new_sample(spec):
    fields = {"title": spec["title"]["ind"], "summary": spec["summary"]["ind"]}
    for lang in ("ind", "en", "ja"):
        fields[f"title_{lang}"] = SAMPLE_MARK[lang] + spec["title"][lang]
        fields[f"summary_{lang}"] = spec["summary"][lang]
    fields["title"] = fields["title_ind"]
    proposal = Proposal.objects.create(
        is_sample=True,
        reference=spec["reference"],
        slug=spec["slug"],
        partner_country="JP",
        consulate=Consulate.objects.get(slug="consulate-general-of-japan-denpasar"),
        **fields,
    )
    proposal.sectors.set(FocusSector.objects.filter(slug__in=spec["sectors"]))
    return proposal


def walk(proposal, steps):
    """Take each (day, verb, extra) step through the services, preparing what its gate needs."""
    for day, verb, prepare in steps:
        if prepare:
            prepare(proposal, day)
        kwargs = {"reason": SAMPLE_REASON} if services.TRANSITIONS[verb].needs_reason else {}
        services.STEP_FUNCTIONS[verb](proposal=proposal, by=None, when=at(day), **kwargs)


def d(year, month, day):
    return datetime.date(year, month, day)


def _loi(city):
    def prepare(proposal, day):
        select_candidate(proposal, city, day)
        add_document(proposal, Document.Kind.LETTER_OF_INTENT, day)

    return prepare


def _plan(proposal, day):
    add_document(proposal, Document.Kind.PLAN_OF_ACTION, day)


def _first_approval(proposal, day):
    add_all_approvals(proposal, day, kinds=[Approval.Kind.DPRD_DECISION])


def _approvals_and_agreement(proposal, day):
    add_all_approvals(proposal, day - datetime.timedelta(days=30))
    add_document(proposal, Document.Kind.AGREEMENT, day)
    record_sample_signing(proposal)


SAMPLES = [
    {
        "reference": "DEMO-2024-001",
        "slug": "sample-school-exchange",
        "sectors": ["education"],
        "title": {
            "ind": "Pertukaran sekolah dengan kota pulau",
            "en": "School exchange with an island city",
            "ja": "島しょ都市との学校交流",
        },
        "summary": {
            "ind": "Contoh fiktif pada tahap penjajakan.",
            "en": "A fictional sample at the exploring stage.",
            "ja": "検討段階にある架空のサンプル。",
        },
        "steps": [(d(2024, 1, 15), "offer", None), (d(2024, 2, 20), "explore", None)],
    },
    {
        "reference": "DEMO-2024-002",
        "slug": "sample-waste-management",
        "sectors": ["cleanliness"],
        "title": {
            "ind": "Kemitraan pengelolaan sampah",
            "en": "Waste-management partnership",
            "ja": "廃棄物管理の提携",
        },
        "summary": {
            "ind": "Contoh fiktif yang menunggu persetujuan.",
            "en": "A fictional sample awaiting its approvals.",
            "ja": "承認手続き中の架空のサンプル。",
        },
        "steps": [
            (d(2024, 2, 1), "offer", None),
            (d(2024, 3, 1), "explore", None),
            (d(2024, 6, 10), "sign_loi", _loi("sample-umihama")),
            (d(2024, 8, 5), "seek_approvals", _plan),
        ],
        "after": _first_approval,
    },
    {
        "reference": "DEMO-2023-003",
        "slug": "sample-disaster-mitigation",
        "sectors": ["disaster-mitigation", "education"],
        "title": {
            "ind": "Kemitraan mitigasi bencana",
            "en": "Disaster-mitigation partnership",
            "ja": "防災の提携",
        },
        "summary": {
            "ind": "Contoh fiktif yang sudah aktif.",
            "en": "A fictional sample that is active.",
            "ja": "活動中の架空のサンプル。",
        },
        "steps": [
            (d(2023, 5, 2), "offer", None),
            (d(2023, 6, 1), "explore", None),
            (d(2023, 9, 1), "sign_loi", _loi("sample-yamabe")),
            (d(2023, 10, 2), "seek_approvals", _plan),
            (d(2024, 3, 1), "sign", _approvals_and_agreement),
            (d(2024, 3, 15), "activate", None),
        ],
    },
    {
        "reference": "DEMO-2024-004",
        "slug": "sample-withdrawn-offer",
        "sectors": ["infrastructure"],
        "title": {
            "ind": "Tawaran infrastruktur yang ditarik",
            "en": "Withdrawn infrastructure offer",
            "ja": "撤回されたインフラ提案",
        },
        "summary": {
            "ind": "Contoh fiktif yang ditarik.",
            "en": "A fictional sample that was withdrawn.",
            "ja": "撤回された架空のサンプル。",
        },
        "steps": [(d(2024, 4, 1), "offer", None), (d(2024, 5, 10), "withdraw", None)],
    },
]


def load_sample_cities():
    for spec in SAMPLE_CITIES:
        fields = {k: v for k, v in spec.items() if k not in ("slug", "strengths")}
        city, created = PartnerCity.objects.get_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name_ind"], "region": spec["region_ind"],
                      "summary": spec["summary_ind"], "facts_source": MADE_UP["facts_source_ind"],
                      "country": "JP", "is_sample": True, **MADE_UP, **fields},
        )  # fmt: skip
        if created:
            city.strengths.set(FocusSector.objects.filter(slug__in=spec["strengths"]))


def load_samples():
    """Create the samples that do not exist yet; return how many were made."""
    load_sample_cities()
    made = 0
    for spec in SAMPLES:
        if Proposal.objects.filter(reference=spec["reference"]).exists():
            continue
        proposal = new_sample(spec)
        walk(proposal, spec["steps"])
        if spec.get("after"):
            spec["after"](proposal, spec["steps"][-1][0])
        proposal.refresh_from_db()
        proposal.published = True
        proposal.save(update_fields=["published"])
        made += 1
    return made
