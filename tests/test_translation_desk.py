"""The translation desk lists exactly the published texts still missing in English or Japanese:
in the admin, as totals on the admin index, and from `manage.py translation_report`."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from delegations.models import Visit
from partnerships.models import Consulate, FocusSector, Proposal
from tests.factories import (
    ProposalFactory,
    StaffUserFactory,
    UserFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def sectors_translated():
    # The four sectors come with the database, named in three languages but not described.
    FocusSector.objects.update(description="", description_ind="")


@pytest.fixture
def records():
    complete = ProposalFactory(
        offered=True, title_ind="Lengkap", title_en="Complete", title_ja="完全",
        summary_ind="Ringkas", summary_en="Short", summary_ja="概要",
    )  # fmt: skip
    half = ProposalFactory(
        offered=True, title_ind="Setengah", title_en="Half", title_ja="",
        summary_ind="Hanya Indonesia", summary_en="", summary_ja="",
    )  # fmt: skip
    draft = ProposalFactory(title_ind="Draf rahasia", title_en="", title_ja="")
    visit = VisitFactory(
        title_ind="Kunjungan", title_en="Visit", title_ja="訪問", place_ind="Balai Kota",
        place_en="City Hall", place_ja="市役所", host_ind="Pemerintah Kota Kupang", host_en="",
        host_ja="クパン市役所", visiting_mission_ind="Konsulat", visiting_mission_en="Consulate",
        visiting_mission_ja="総領事館",
    )  # fmt: skip
    unpublished = VisitFactory(published=False, host_ind="Tuan rumah", host_en="", host_ja="")
    Consulate.objects.update(name_en="Consulate-General", name_ja="総領事館")
    return {"complete": complete, "half": half, "draft": draft, "visit": visit,
            "unpublished": unpublished}  # fmt: skip


def desk(client, query=""):
    client.force_login(StaffUserFactory())
    response = client.get(f"/admin/translations/{query}", **EN)
    assert response.status_code == 200
    return response.content.decode()


def rows(html):
    return re.findall(r"<tr><td>(.*?)</td>(.*?)<a class=\"button\" href=\"([^\"]+)\"", html)


def test_the_desk_lists_exactly_the_missing_published_texts(client, records):
    html = desk(client)
    listed = {name: cells for name, cells, _link in rows(html)}
    half = str(Proposal.objects.get(pk=records["half"].pk))
    assert re.search(r"<td>summary</td><td>title, summary</td>", listed[half])
    visit = str(Visit.objects.get(pk=records["visit"].pk))
    assert "host" in listed[visit]
    # Complete records, drafts and unpublished visits are not listed.
    assert str(records["complete"]) not in listed
    assert "Draf rahasia" not in html and "Tuan rumah" not in html
    assert len(listed) == 2
    # Each row links to the record, at the first field missing (the page has it).
    links = {name: link for name, _cells, link in rows(html)}
    change = f"/admin/partnerships/proposal/{records['half'].pk}/change/"
    assert links[half] == f"{change}#id_summary_en"
    assert 'id="id_summary_en"' in client.get(change).content.decode()


def test_counts_per_language_and_the_language_filter(client, records):
    html = desk(client, "?language=ja")
    assert "2 texts missing in Japanese" in html  # title and summary of the half one
    assert "English" in html and "host" not in html  # the visit lacks English only
    assert "1 text missing in English" not in html
    english = desk(client, "?language=en")
    assert "host" in english and "2 texts missing in English" not in english


def test_filling_a_text_in_takes_it_off_the_desk(client, records):
    Proposal.objects.filter(pk=records["half"].pk).update(
        title_ja="半分", summary_en="Indonesian only", summary_ja="インドネシア語のみ"
    )
    Visit.objects.filter(pk=records["visit"].pk).update(host_en="City Government of Kupang")
    assert "Nothing is missing" in desk(client)


def test_the_admin_index_shows_the_totals(client, records):
    client.force_login(StaffUserFactory())
    html = client.get("/admin/", **EN).content.decode()
    assert "Published texts still missing: 2 in English, 2 in Japanese." in html
    assert 'href="/admin/translations/"' in html


def test_only_staff_who_edit_proposals_reach_the_desk(client, records):
    client.force_login(UserFactory(is_staff=True))  # a staff flag, no role
    assert client.get("/admin/translations/", **EN).status_code == 403
    client.logout()
    assert client.get("/admin/translations/", **EN)["Location"].startswith("/admin/login/")


def test_the_command_prints_the_same_report_and_can_fail_a_build(records):
    out = io.StringIO()
    call_command("translation_report", stdout=out)
    report = out.getvalue()
    assert "[ja]: title, summary" in report and "[en]: summary" in report
    assert "[en]: host" in report
    assert "Missing published texts: 2 in en, 2 in ja." in report
    assert "Draf rahasia" not in report
    with pytest.raises(CommandError):
        call_command("translation_report", "--fail", stdout=io.StringIO())


def test_the_command_passes_when_all_is_translated():
    out = io.StringIO()
    call_command("translation_report", "--fail", stdout=out)
    assert "Missing published texts: 0 in en, 0 in ja." in out.getvalue()


def test_one_kind_of_record_is_listed_in_full_a_page_at_a_time(client, records):
    html = desk(client, "?kind=proposal")
    assert str(Proposal.objects.get(pk=records["half"].pk)) in html
    assert "host" not in html  # visits are not this kind
    assert "All kinds of record" in html


def test_what_a_partnership_produces_is_on_the_desk_when_public(client):
    import datetime

    from programmes.models import Activity

    partnership = ProposalFactory(active=True, title_ind="Kemitraan", title_en="Partnership",
                                  title_ja="提携", summary_ind="")  # fmt: skip
    dates = {"starts_on": datetime.date(2025, 3, 1), "ends_on": datetime.date(2025, 3, 1)}
    Activity.objects.create(partnership=partnership, kind="event", is_public=True,
                            title_ind="Festival budaya", title_en="Culture festival",
                            title_ja="", **dates)  # fmt: skip
    Activity.objects.create(partnership=partnership, kind="event", is_public=False,
                            title_ind="Rapat internal", **dates)  # fmt: skip
    html = desk(client, "?language=ja")
    assert "Festival budaya" in html or "Culture festival" in html
    assert "Rapat internal" not in html
    assert "1 text missing in Japanese" in html


def test_a_measured_value_is_filled_in_on_its_indicators_page(client):
    """An indicator's values are edited in the indicator's page: the desk links there (it
    answered 500 for every language but one, linking to a page that does not exist)."""
    from programmes.models import Indicator, IndicatorValue

    partnership = ProposalFactory(active=True, title_ind="Kemitraan", title_en="Partnership",
                                  title_ja="提携", summary_ind="")  # fmt: skip
    indicator = Indicator.objects.create(
        partnership=partnership, sector=FocusSector.objects.first(), name_ind="Sekolah",
        name_en="Schools", name_ja="学校", unit_ind="sekolah", unit_en="schools", unit_ja="校",
        baseline=0, baseline_year=2024, target=10,
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=indicator, year=2025, value=4, source_ind="Dinas Pendidikan", source_en=""
    )

    for query in ("", "?language=en", "?language=ja", "?kind=indicator_value"):
        html = desk(client, query)
        assert f'href="/admin/programmes/indicator/{indicator.pk}/change/#values-group"' in html
    page = client.get(f"/admin/programmes/indicator/{indicator.pk}/change/").content.decode()
    assert 'id="values-group"' in page
