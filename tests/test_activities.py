"""Exchange activities of a signed partnership: recorded by staff in the admin, shown on the
partnership's public page when public, and counted by the dormancy watchdog."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from partnerships.dormancy import flag_dormant
from partnerships.models import FocusSector, Proposal
from programmes.models import Activity
from tests.factories import ProposalEventFactory, ProposalFactory, StaffUserFactory
from tests.html_forms import admin_form_data

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ADD = "/admin/programmes/activity/add/"


def activity(partnership, **fields):
    values = {
        "title": "Waste-bank training", "title_ind": "Pelatihan bank sampah",
        "title_en": "Waste-bank training", "title_ja": "ごみバンク研修",
        "kind": Activity.Kind.TRAINING, "starts_on": datetime.date(2025, 5, 5),
        "ends_on": datetime.date(2025, 5, 9), "state": Activity.State.DONE, "is_public": True,
    }  # fmt: skip
    values.update(fields)
    return Activity.objects.create(partnership=partnership, **values)


def add_in_admin(client, **filled):
    """Fill in the admin's add form as the page renders it, and send it."""
    client.force_login(StaffUserFactory())
    data = admin_form_data(client, ADD, **EN)
    data.update(filled)
    return client.post(ADD, {k: v for k, v in data.items() if v is not None}, **EN)


def filled(partnership, **changes):
    values = {
        "partnership": partnership.pk, "title_ind": "Latihan evakuasi tsunami",
        "kind": "training", "starts_on": "2025-06-01", "ends_on": "2025-06-02",
        "state": "done", "home_women": "12", "home_men": "9",
    }  # fmt: skip
    values.update(changes)
    return values


def test_staff_record_an_activity_from_the_rendered_form(client, partnership):
    response = add_in_admin(client, **filled(partnership, budget_idr="25000000",
                                             budget_source="city"))  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    recorded = Activity.objects.get()
    assert recorded.partnership == partnership and recorded.participants == 21
    assert recorded.title_ind == "Latihan evakuasi tsunami"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_on": "2025-05-31"}, None, "The activity cannot end before it starts."),
        ({"budget_idr": "1000", "budget_source": ""}, "budget_source",
         "Say where the budget comes from."),
    ],
)  # fmt: skip
def test_bad_input_is_sent_back_with_a_clear_error(client, partnership, changes, field, message):
    response = add_in_admin(client, **filled(partnership, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="Latihan evakuasi tsunami"' in response.content.decode()  # nothing lost
    assert not Activity.objects.exists()


def test_an_unsigned_proposal_has_no_activities(client):
    offered = ProposalFactory(offered=True)
    activity_form = Activity(partnership=offered, title="x", kind="event",
                             starts_on=datetime.date(2025, 1, 1),
                             ends_on=datetime.date(2025, 1, 1))  # fmt: skip
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        activity_form.full_clean()
    assert "signed partnerships" in str(refused.value)


def test_public_activities_show_on_the_partnership_page_in_each_language(client, partnership):
    activity(partnership, home_women=3, home_men=2)
    activity(partnership, title_ind="Rapat internal", title_en="Internal meeting",
             is_public=False)  # fmt: skip
    archived = activity(partnership, title_ind="Diarsipkan", title_en="Archived one")
    Activity.objects.filter(pk=archived.pk).update(archived_at=timezone.now())

    english = client.get(f"/en/proposals/{partnership.slug}/").content.decode()
    japanese = client.get(f"/ja/proposals/{partnership.slug}/").content.decode()

    assert "Waste-bank training" in english and "5 participants (3 women, 2 men)" in english
    assert "ごみバンク研修" in japanese
    assert "Internal meeting" not in english and "Archived one" not in english


def test_a_partnership_without_public_activities_shows_no_empty_section(client, partnership):
    html = client.get(f"/en/proposals/{partnership.slug}/").content.decode()
    assert 'id="activities-heading"' not in html


def test_activities_of_an_unpublished_partnership_show_nowhere(client, partnership):
    activity(partnership, title_en="Hidden training")
    Proposal.objects.filter(pk=partnership.pk).update(published=False)
    assert not Activity.objects.public().exists()


def test_the_page_asks_no_more_queries_as_activities_grow(client, partnership):
    sectors = list(FocusSector.objects.all())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/proposals/{partnership.slug}/").status_code == 200
        return len(queries)

    activity(partnership).sectors.set(sectors)
    few = count()
    for number in range(20):
        activity(partnership, title_en=f"Activity {number}").sectors.set(sectors)
    assert count() == few


def test_an_activity_by_its_dates_keeps_a_partnership_from_dormancy():
    now = timezone.now()
    today = timezone.localdate(now)
    idle, working, running, planned = (ProposalFactory(active=True) for _ in range(4))
    for proposal in (idle, working, running, planned):
        ProposalEventFactory(proposal=proposal, occurred_at=now - datetime.timedelta(days=400))
    # Recorded just now, but it took place two years ago: saving is not activity.
    activity(idle, starts_on=today - datetime.timedelta(days=730),
             ends_on=today - datetime.timedelta(days=729))  # fmt: skip
    activity(working, is_public=False, starts_on=today - datetime.timedelta(days=20),
             ends_on=today - datetime.timedelta(days=18))  # fmt: skip
    # Running since long ago, until next year: it is happening now.
    activity(running, state=Activity.State.RUNNING, starts_on=today - datetime.timedelta(days=700),
             ends_on=today + datetime.timedelta(days=300))  # fmt: skip
    activity(planned, state=Activity.State.PLANNED, starts_on=today - datetime.timedelta(days=5),
             ends_on=today + datetime.timedelta(days=5))  # fmt: skip

    marked = flag_dormant(now=now)

    assert sorted(p.pk for p in marked) == sorted([idle.pk, planned.pk])
    assert Proposal.objects.get(pk=working.pk).status == Proposal.Status.ACTIVE
    assert Proposal.objects.get(pk=running.pk).status == Proposal.Status.ACTIVE


def test_the_demo_gives_the_sample_partnership_its_activities(client):
    from django.core.management import call_command

    call_command("load_demo", stdout=None)
    sample = Proposal.objects.get(reference="DEMO-2023-003")
    assert sample.activities.count() == 3
    html = client.get(f"/en/proposals/{sample.slug}/").content.decode()
    assert "Joint tsunami evacuation drill" in html and "[Fictional sample]" in html
    call_command("load_demo", stdout=None)  # twice changes nothing
    assert sample.activities.count() == 3


def test_a_partnership_with_recent_public_activities_is_not_called_quiet(client, partnership):
    long_ago = timezone.now() - datetime.timedelta(days=700)
    ProposalEventFactory(proposal=partnership, occurred_at=long_ago)
    html = client.get(f"/en/proposals/{partnership.slug}/").content.decode()
    assert "No public step for" in html  # quiet: only an old step
    activity(partnership)  # recorded now, public
    html = client.get(f"/en/proposals/{partnership.slug}/").content.decode()
    assert "No public step for" not in html
    today = timezone.localdate()
    assert f'Last public update: <time datetime="{today:%Y-%m-%d}">' in html


def test_the_partnership_search_offers_signed_partnerships_only(client, partnership):
    offered = ProposalFactory(offered=True, title="Still an offer")
    client.force_login(StaffUserFactory())
    for model in ("activity", "indicator", "annualreport"):
        found = client.get(
            "/admin/autocomplete/",
            {"app_label": "programmes", "model_name": model, "field_name": "partnership"},
        ).json()["results"]
        assert {row["id"] for row in found} == {str(partnership.pk)}, model
        assert str(offered.pk) not in {row["id"] for row in found}
