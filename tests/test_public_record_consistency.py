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
