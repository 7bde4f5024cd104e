"""Indicators of a partnership: staff define them per sector with a baseline and a yearly
target, record a measured value per year; progress is derived, and the public page draws it."""

import re
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from partnerships.models import FocusSector
from programmes.models import Indicator, IndicatorValue
from tests.factories import StaffUserFactory
from tests.html_forms import admin_form_data, with_inline_rows

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def indicator(partnership, **fields):
    values = {
        "sector": FocusSector.objects.get(slug="education"), "name": "Schools with drills",
        "name_ind": "Sekolah dengan latihan", "name_en": "Schools with drills",
        "name_ja": "訓練を行う学校", "unit": "schools", "unit_ind": "sekolah",
        "unit_en": "schools", "unit_ja": "校", "baseline": Decimal("4"), "baseline_year": 2023,
        "target": Decimal("12"),
    }  # fmt: skip
    values.update(fields)
    return Indicator.objects.create(partnership=partnership, **values)


def measure(item, year, value):
    return IndicatorValue.objects.create(
        indicator=item, year=year, value=Decimal(value), source="BPBD", source_ind="BPBD"
    )


def test_progress_is_derived_from_baseline_target_and_value(partnership):
    item = indicator(partnership)
    assert measure(item, 2024, "8").progress == 50.0
    assert measure(item, 2025, "14").progress == 125.0  # past the target
    assert measure(item, 2026, "2").progress == -25.0  # below the baseline
    flat = indicator(partnership, baseline=Decimal("5"), target=Decimal("5"))
    assert measure(flat, 2024, "5").progress is None


def test_staff_define_an_indicator_and_its_values_from_the_rendered_form(client, partnership):
    client.force_login(StaffUserFactory())
    url = "/admin/programmes/indicator/add/"
    data = admin_form_data(client, url, **EN)
    data.update({
        "partnership": partnership.pk, "sector": partnership.sectors.first().pk,
        "name_ind": "Guru terlatih", "unit_ind": "guru", "baseline": "0", "baseline_year": "2023",
        "target": "20", "is_public": "on",
    })  # fmt: skip
    data = {k: v for k, v in data.items() if v is not None}
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    for key in [k for k in data if k.startswith(f"{prefix}-0-")]:
        data.pop(key)  # the page's empty extra row, filled below instead
    data[f"{prefix}-TOTAL_FORMS"] = "0"
    data = with_inline_rows(data, prefix, {"year": "2024", "value": "6", "source_ind": "Dinas"})
    response = client.post(url, data, **EN)
    assert response.status_code == 302, response.context["adminform"].form.errors
    (value,) = IndicatorValue.objects.all()
    assert value.progress == 30.0


def test_one_value_per_year(partnership):
    item = indicator(partnership)
    measure(item, 2024, "6")
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses a 2nd
        measure(item, 2024, "7")


def test_the_public_page_draws_each_public_indicator_with_its_figures(client, partnership):
    item = indicator(partnership)
    measure(item, 2024, "8")
    measure(item, 2025, "10")
    indicator(partnership, name_en="Internal measure", is_public=False)

    html = client.get(f"/en/proposals/{partnership.slug}/").content.decode()

    svg = re.search(r'<svg class="indicator-chart".*?</svg>', html, re.S)[0]
    assert svg.count('<rect class="bar"') == 2
    assert "baseline 4, yearly target 12" in svg  # the text alternative
    assert re.search(r"<th scope=\"row\">2025</th><td>10</td><td>75%</td>", html)
    assert "Internal measure" not in html
    japanese = client.get(f"/ja/proposals/{partnership.slug}/").content.decode()
    assert "訓練を行う学校" in japanese
    # Coordinates are written with a point in every language (Indonesian writes 12,5).
    indonesian = client.get(f"/id/proposals/{partnership.slug}/").content.decode()
    bars = re.findall(r'<rect class="bar" x="([^"]+)"', indonesian)
    assert bars and all("," not in x for x in bars)


def test_an_indicator_without_values_says_so(client, partnership):
    indicator(partnership)
    html = client.get(f"/en/proposals/{partnership.slug}/").content.decode()
    assert "No value measured yet." in html and "indicator-chart" not in html


def test_the_page_asks_no_more_queries_as_indicators_and_values_grow(client, partnership):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/proposals/{partnership.slug}/").status_code == 200
        return len(queries)

    measure(indicator(partnership), 2024, "5")
    few = count()
    for number in range(10):
        item = indicator(partnership, name_en=f"Indicator {number}")
        for year in range(2024, 2028):
            measure(item, year, str(number + year - 2020))
    assert count() == few


def test_an_indicator_measures_one_of_the_partnerships_own_sectors(client, partnership):
    partnership.sectors.set([FocusSector.objects.get(slug="education")])
    client.force_login(StaffUserFactory())
    url = "/admin/programmes/indicator/add/"
    data = {k: v for k, v in admin_form_data(client, url, **EN).items() if v is not None}
    data.update({
        "partnership": partnership.pk, "sector": FocusSector.objects.get(slug="cleanliness").pk,
        "name_ind": "Guru terlatih", "unit_ind": "guru", "baseline": "0", "baseline_year": "2023",
        "target": "20", "values-TOTAL_FORMS": "0",
    })  # fmt: skip

    refused = client.post(url, data, **EN)

    assert refused.status_code == 200 and not Indicator.objects.exists()
    assert "This partnership works in Education: choose one of them." in refused.content.decode()
    # On its own page, the menu offers only the partnership's sectors.
    item = indicator(partnership)
    page = client.get(f"/admin/programmes/indicator/{item.pk}/change/", **EN).content.decode()
    menu = re.search(r'<select name="sector".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="\d+"', menu) == [
        f'<option value="{FocusSector.objects.get(slug="education").pk}"'
    ]
