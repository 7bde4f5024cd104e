"""The demo's activities: the fictional active sample partnership's first two years of work.
`load_demo` calls `load()` after the story; like the samples, they are marked as fictional."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from partnerships.models import FocusSector, Proposal
from programmes import reports
from programmes.models import Activity, ActivityFile, AnnualReport, Indicator, IndicatorValue

SAMPLE_PARTNERSHIP = "DEMO-2023-003"
MARK = {"ind": "[Contoh fiktif] ", "en": "[Fictional sample] ", "ja": "［架空のサンプル］"}

ACTIVITIES = [
    {
        "title": {"ind": "Latihan evakuasi tsunami bersama", "en": "Joint tsunami evacuation drill",
                  "ja": "津波避難合同訓練"},
        "kind": Activity.Kind.TRAINING, "sectors": ["disaster-mitigation"],
        "dates": (datetime.date(2024, 6, 10), datetime.date(2024, 6, 12)),
        "place": {"ind": "Pantai Lasiana, Kupang", "en": "Lasiana Beach, Kupang",
                  "ja": "クパン市ラシアナ海岸"},
        "participants": (48, 41, 3, 4), "budget": (75_000_000, Activity.BudgetSource.CITY),
        "outcome": {"ind": "Tiga sekolah pesisir kini punya rute evakuasi yang ditandai.",
                    "en": "Three coastal schools now have marked evacuation routes.",
                    "ja": "沿岸の3校に避難経路の表示が整備された。"},
        "state": Activity.State.DONE,
        "photo": {"ind": "Rambu rute evakuasi baru", "en": "A new evacuation route sign",
                  "ja": "新しい避難経路の標識"},
    },
    {
        "title": {"ind": "Pertukaran guru sains", "en": "Science teacher exchange",
                  "ja": "理科教員の交流"},
        "kind": Activity.Kind.EXCHANGE, "sectors": ["education"],
        "dates": (datetime.date(2024, 11, 4), datetime.date(2024, 11, 15)),
        "place": {"ind": "Yamabe (kota fiktif)", "en": "Yamabe (fictional city)",
                  "ja": "山辺市（架空）"},
        "participants": (4, 2, 0, 0), "budget": (120_000_000, Activity.BudgetSource.PARTNER),
        "outcome": {"ind": "Enam guru membawa pulang modul praktikum gempa.",
                    "en": "Six teachers brought home an earthquake lab module.",
                    "ja": "教員6人が地震の実験教材を持ち帰った。"},
        "state": Activity.State.DONE,
    },
    {
        "title": {"ind": "Pelatihan sistem peringatan dini", "en": "Early-warning system training",
                  "ja": "早期警報システム研修"},
        "kind": Activity.Kind.TECHNICAL_ASSISTANCE, "sectors": ["disaster-mitigation"],
        "dates": (datetime.date(2025, 8, 18), datetime.date(2025, 8, 22)),
        "place": {"ind": "BPBD Kota Kupang", "en": "Kupang disaster management office",
                  "ja": "クパン市防災局"},
        "participants": (9, 14, 1, 2), "budget": (60_000_000, Activity.BudgetSource.NATIONAL),
        "outcome": {"ind": "Sirene peringatan dini di dua kelurahan pesisir diuji setiap bulan.",
                    "en": "Early-warning sirens in two coastal wards are now tested monthly.",
                    "ja": "沿岸の2地区で早期警報サイレンの毎月の点検が始まった。"},
        "state": Activity.State.DONE,
    },
]  # fmt: skip


INDICATORS = [
    {
        "sector": "disaster-mitigation",
        "name": {"ind": "Sekolah pesisir dengan rute evakuasi",
                 "en": "Coastal schools with evacuation routes", "ja": "避難経路のある沿岸の学校"},
        "unit": {"ind": "sekolah", "en": "schools", "ja": "校"},
        "baseline": (2, 2023), "target": 12,
        "values": [(2024, 5), (2025, 9)],
    },
    {
        "sector": "education",
        "name": {"ind": "Guru yang mengikuti pertukaran",
                 "en": "Teachers who took part in exchanges", "ja": "交流に参加した教員"},
        "unit": {"ind": "guru", "en": "teachers", "ja": "人"},
        "baseline": (0, 2023), "target": 10,
        "values": [(2024, 6), (2025, 6)],
    },
]  # fmt: skip
SOURCE = {"ind": "Catatan BPBD dan Dinas Pendidikan Kota Kupang (contoh fiktif)",
          "en": "Kupang disaster and education offices' records (fictional sample)",
          "ja": "クパン市防災局・教育局の記録（架空のサンプル）"}  # fmt: skip


def sample_photo():
    """A drawn picture (a real PNG, made here): a green evacuation sign above the sea."""
    image = Image.new("RGB", (480, 300), "#9fd3f0")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 200, 480, 300], fill="#1d6fa3")  # the sea
    draw.rectangle([0, 180, 480, 205], fill="#e8d49a")  # the beach
    draw.rectangle([228, 60, 236, 190], fill="#555555")  # the post
    draw.rectangle([150, 40, 320, 110], fill="#12814a")  # the sign
    draw.polygon([(175, 75), (235, 55), (235, 65), (290, 65), (290, 85), (235, 85), (235, 95)],
                 fill="white")  # fmt: skip
    encoded = io.BytesIO()
    image.save(encoded, "PNG")
    return encoded.getvalue()


def _columns(field, texts, mark=False):
    values = {f"{field}_{code}": (MARK[code] if mark else "") + text
              for code, text in texts.items()}  # fmt: skip
    values[field] = values[f"{field}_ind"]
    return values


def _add_activity(partnership, spec):
    home_women, home_men, partner_women, partner_men = spec["participants"]
    activity = Activity(
        partnership=partnership, kind=spec["kind"], state=spec["state"], is_public=True,
        starts_on=spec["dates"][0], ends_on=spec["dates"][1],
        home_women=home_women, home_men=home_men,
        partner_women=partner_women, partner_men=partner_men,
        budget_idr=spec["budget"][0], budget_source=spec["budget"][1],
        **_columns("title", spec["title"], mark=True), **_columns("place", spec["place"]),
        **_columns("outcome", spec["outcome"]),
    )  # fmt: skip
    activity.full_clean()  # the same rules as the admin's form
    activity.save()
    activity.sectors.set(FocusSector.objects.filter(slug__in=spec["sectors"]))
    if spec.get("photo"):
        photo = ActivityFile(
            activity=activity, kind=ActivityFile.Kind.PHOTO, is_public=True,
            file=ContentFile(sample_photo(), name="drill.png"),
            **_columns("title", spec["photo"], mark=True),
        )  # fmt: skip
        photo.full_clean()
        photo.save()


def _add_indicator(partnership, spec):
    indicator = Indicator(
        partnership=partnership, sector=FocusSector.objects.get(slug=spec["sector"]),
        baseline=spec["baseline"][0], baseline_year=spec["baseline"][1],
        target=spec["target"], **_columns("name", spec["name"]),
        **_columns("unit", spec["unit"]),
    )  # fmt: skip
    indicator.full_clean()
    indicator.save()
    for year, value in spec["values"]:
        IndicatorValue.objects.create(
            indicator=indicator, year=year, value=value, **_columns("source", SOURCE)
        )


def load():
    """Create the sample partnership's activities and indicators once; return
    how many activities were made."""
    partnership = Proposal.objects.filter(reference=SAMPLE_PARTNERSHIP).first()
    if partnership is None or partnership.activities.exists():
        return 0
    for spec in ACTIVITIES:
        _add_activity(partnership, spec)
    for spec in INDICATORS:
        _add_indicator(partnership, spec)
    _annual_reports(partnership)
    return len(ACTIVITIES)


ASSESSMENT_2024 = {
    "ind": "Tahun pertama berjalan sesuai rencana: dua kegiatan selesai, dan sekolah pesisir "
           "dengan rute evakuasi naik dari 2 menjadi 5. Target 12 sekolah per tahun terlalu "
           "tinggi untuk anggaran kota; pertukaran guru perlu dilanjutkan.",
    "en": "The first year went as planned: two activities were completed, and coastal schools "
          "with evacuation routes rose from 2 to 5. The target of 12 schools a year is too high "
          "for the city's budget; the teacher exchange should continue.",
    "ja": "初年度は計画どおりに進んだ。2件の活動が完了し、避難経路のある沿岸の学校は2校から5校に"
          "増えた。年12校という目標は市の予算に対して高すぎる。教員交流は継続すべきである。",
}  # fmt: skip


def _annual_reports(partnership):
    """The 2024 report, frozen and published by the demo's staff member through the same
    services as the admin; and the next year's, still a draft, for staff to try."""
    staff = get_user_model().objects.filter(username="demo-staff").first()
    report = AnnualReport(
        partnership=partnership, year=2024,
        recommendation=AnnualReport.Recommendation.CONTINUE,
        **_columns("assessment", ASSESSMENT_2024, mark=True),
    )  # fmt: skip
    report.full_clean()
    report.save()
    frozen_at = timezone.make_aware(datetime.datetime(2025, 1, 20, 10, 0))
    reports.report_freeze(report=report, by=staff, when=frozen_at)
    reports.report_publish(report=report, by=staff, when=frozen_at + datetime.timedelta(days=3))
    AnnualReport.objects.create(partnership=partnership, year=2025)
