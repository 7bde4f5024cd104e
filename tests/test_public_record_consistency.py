"""Small untruths the public pages no longer tell: a closed proposal's stepper promises no
stages to come, an unknown filter value is said, headings go in order, and links and
breadcrumbs name things rather than cite references."""

import re

import pytest

from programmes import reports
from programmes.models import AnnualReport
from tests.factories import ProposalFactory, StaffUserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_a_declined_proposals_stepper_promises_nothing_more(client):
    proposal = ProposalFactory(declined=True)

    page = client.get(f"/en/proposals/{proposal.slug}/").content.decode()

    stepper = page[page.index('<ol class="stepper">') : page.index("</ol>", page.index("stepper"))]
    assert 'class="todo"' not in stepper
    assert stepper.count('class="never"') >= 4
    assert "(not reached: the proposal was closed)" in stepper


def test_an_unknown_filter_value_is_said_above_the_list(client):
    ProposalFactory(offered=True)

    page = client.get("/en/proposals/?sector=nonexistent").content.decode()

    assert "No sector is called “nonexistent”: the list below is not narrowed by it." in page


def headings(html):
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


@pytest.mark.parametrize("path", ["/en/proposals/", "/en/visits/", "/en/cities/", "/en/sectors/"])
def test_list_pages_never_skip_a_heading_level(client, path):
    ProposalFactory(offered=True)

    levels = headings(client.get(path).content.decode())

    assert levels and levels[0] == 1
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:], strict=False)), (
        levels
    )


def test_the_reports_breadcrumb_names_the_partnership(client, partnership):
    report = AnnualReport.objects.create(
        partnership=partnership, year=2025, assessment_ind="Baik.", recommendation="continue"
    )
    reports.report_freeze(report=report, by=StaffUserFactory())
    reports.report_publish(report=report, by=StaffUserFactory())

    page = client.get(f"/en/register/{partnership.slug}/2025/").content.decode()

    crumbs = page[page.index('<ol class="breadcrumb">') : page.index("</ol>")]
    assert partnership.title_en in crumbs and partnership.reference not in crumbs


@pytest.mark.parametrize(
    "language,score,target,share,big",
    [("id", "52,5", "10", "60%", "1.500"), ("en", "52.5", "10", "60%", "1,500"),
     ("ja", "52.5", "10", "60%", "1,500")],
)  # fmt: skip
def test_one_number_format_per_language(language, score, target, share, big):
    from decimal import Decimal

    from django.utils import translation

    from core.numbers import figure, percent

    with translation.override(language):
        assert figure(Decimal("52.50"), 1) == score
        assert figure(Decimal("10.00")) == target  # ten schools, not 10.00
        assert percent(60.0) == percent(Decimal("60.0")) == share
        assert figure(1500) == big
        assert figure(Decimal("52.50")) == score  # two places allowed, none of them a zero
        assert figure(1234.5) == big.replace("500", "234") + score[2] + "5"


def test_indonesian_dates_write_the_month_out(client):
    import datetime

    proposal = ProposalFactory(offered=True, offered_on=datetime.date(2023, 9, 1))

    page = client.get(f"/id/proposals/{proposal.slug}/").content.decode()

    assert "1 September 2023" in page and "Sep." not in page


def test_the_admin_names_the_portals_icon_and_favicon_ico_is_never_a_404(staff_client, client):
    from django.urls import reverse

    page = staff_client.get(reverse("admin:index")).content.decode()
    response = client.get("/favicon.ico")

    assert 'rel="icon"' in page and "icons/portal.svg" in page
    assert response.status_code == 301 and response["Location"].endswith("favicon-32.png")
