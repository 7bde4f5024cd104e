"""Personal data as UU 27/2022 expects: a follower sees, downloads and erases what is kept about
their address through the links in their mail; unconfirmed requests and old delegate contacts
are forgotten by the daily command (with a dry run); staff see counts, never the data; and the
privacy notice says all of it in three languages."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from delegations.models import Delegate
from partnerships.follower_data import data_token
from partnerships.models import Follower
from tests.factories import DelegateFactory, ProposalFactory, VisitFactory
from tests.html_forms import read_form
from tests.test_follow_by_email import ask, confirm, path_of, public_step

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def data_link_in(message):
    return path_of(re.search(r"https?://\S+/follow/data/\S+/", message.body)[0])


def test_a_follower_sees_takes_and_erases_their_data_through_a_mail(
    client, django_capture_on_commit_callbacks
):
    offer = ProposalFactory(offered=True, reference="KPG-2023-001", title_en="Kupang's offer")
    other = ProposalFactory(offered=True, reference="KPG-2023-002")
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, offer, "citizen@example.org")
        ask(client, other, "citizen@example.org", language="ja")
        ask(client, other, "neighbour@example.org")
    confirm(client, mail.outbox[0])
    step = public_step(offer, django_capture_on_commit_callbacks)
    step_mail = [m for m in mail.outbox if step.title in m.body][0]

    page = client.get(data_link_in(step_mail)).content.decode()
    assert "citizen@example.org" in page and "neighbour@example.org" not in page
    assert "KPG-2023-001" in page and "KPG-2023-002" in page and "not confirmed" in page

    download = re.search(r'href="([^"]+my-data\.json)"', page)[1]
    record = json.loads(client.get(download).content)
    assert record["email"] == "citizen@example.org"
    assert {(f["proposal"], f["language"], f["confirmed_at"] is not None)
            for f in record["follows"]} == {("KPG-2023-001", "en", True),
                                            ("KPG-2023-002", "ja", False)}  # fmt: skip

    erase = re.search(r'href="([^"]+/erase/)"', page)[1]
    asked = client.get(erase).content.decode()
    assert "2 follows" in asked
    assert Follower.objects.filter(email="citizen@example.org").count() == 2  # a GET erases nothing
    done = client.post(erase, read_form(asked))
    assert done.status_code == 200
    assert not Follower.objects.filter(email="citizen@example.org").exists()
    assert Follower.objects.filter(email="neighbour@example.org").exists()
    assert "Nothing is kept" in client.get(data_link_in(step_mail)).content.decode()


def test_the_confirmation_mail_already_links_to_the_data(
    client, django_capture_on_commit_callbacks
):
    offer = ProposalFactory(offered=True)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, offer, "Someone@Example.org")
    assert data_link_in(mail.outbox[0]) == f"/en/follow/data/{data_token('someone@example.org')}/"


@pytest.mark.parametrize("end", ["", "my-data.json", "erase/"])
def test_a_forged_data_link_shows_nothing(client, end):
    Follower.objects.create(proposal=ProposalFactory(offered=True), email="a@example.org")
    forged = data_token("a@example.org")[:-3] + "xyz"
    response = client.get(f"/en/follow/data/{forged}/{end}")
    assert response.status_code == 400 and b"a@example.org" not in response.content


def test_the_data_pages_are_never_kept_by_a_browser_or_a_proxy(client):
    response = client.get(f"/en/follow/data/{data_token('a@example.org')}/")
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def aged(days, **fields):
    follower = Follower.objects.create(
        proposal=ProposalFactory(offered=True), email=f"{days}-{len(fields)}@example.org", **fields
    )
    Follower.objects.filter(pk=follower.pk).update(
        asked_at=timezone.now() - datetime.timedelta(days=days)
    )
    return follower


def delegate_of_visit_ended(days_ago, name):
    ended = timezone.localdate() - datetime.timedelta(days=days_ago)
    visit = VisitFactory(starts_on=ended, ends_on=ended)
    delegate = DelegateFactory(visit=visit, name=name, email=f"{name}@example.org", phone="+62 1")
    delegate.title = "Consul"
    delegate.save()  # a second version in the edit history, with the contact details
    return delegate


def forget(*args):
    out = StringIO()
    call_command("forget_personal_data", *args, stdout=out)
    return out.getvalue()


def test_the_daily_command_forgets_what_is_due_and_a_dry_run_only_counts():
    old_request, young_request = aged(8), aged(6)
    confirmed_long_ago = aged(400, confirmed_at=timezone.now())
    old = delegate_of_visit_ended(3 * 365, "Old")
    recent = delegate_of_visit_ended(365, "Recent")

    said = forget("--dry-run")
    assert "Follow requests never confirmed: 1 would be erased" in said
    assert "Email and phone of delegates of past visits: 1 would be erased" in said
    assert Follower.objects.filter(pk=old_request.pk).exists()
    assert Delegate.objects.get(pk=old.pk).email

    said = forget()
    assert "Follow requests never confirmed: 1 erased" in said
    assert set(Follower.objects.values_list("pk", flat=True)) == {
        young_request.pk, confirmed_long_ago.pk}  # fmt: skip
    old.refresh_from_db()
    assert (old.name, old.title, old.email, old.phone) == ("Old", "Consul", "", "")
    assert set(old.history.values_list("email", "phone")) == {("", "")}
    assert Delegate.objects.get(pk=recent.pk).email == "Recent@example.org"
    assert "0 erased" in forget().splitlines()[0]  # nothing left to do


def test_the_retention_follows_the_settings(settings):
    settings.PORTAL_UNCONFIRMED_FOLLOW_DAYS = 10
    aged(8)
    assert "Follow requests never confirmed: 0 would be erased" in forget("--dry-run")


def test_staff_see_counts_and_the_oldest_date_never_an_address(client, settings):
    from tests.factories import StaffUserFactory

    aged(3)
    delegate_of_visit_ended(10, "Someone")
    staff = StaffUserFactory()
    client.force_login(staff)
    page = client.get("/admin/personal-data/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "@example.org" not in page
    row = page.split("Follow requests not yet confirmed", 1)[1].split("</tr>", 1)[0]
    assert "<td>1</td>" in row
    assert "2 years after the visit" in page and "7 days" in page


@pytest.mark.parametrize(("lang", "days", "years"), [
    ("en", "7 days", "2 years after the visit"), ("id", "7 hari", "2 tahun setelah kunjungan"),
    ("ja", "7日", "訪問終了の2年後"),
])  # fmt: skip
def test_the_privacy_notice_says_how_long_in_each_language(client, lang, days, years):
    page = client.get(f"/{lang}/privacy/").content.decode()
    assert days in page and years in page
    assert "portal@kupangkota.go.id" in page
    home = client.get(f"/{lang}/").content.decode()
    assert f'href="/{lang}/privacy/"' in home  # in the footer of every page


def test_every_form_that_takes_personal_data_links_the_notice(client):
    proposal = ProposalFactory(offered=True)
    for path in (f"/en/proposals/{proposal.slug}/follow/", "/accounts/login/"):
        page = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        form = page.split("<form", 1)[1].split("</form>", 1)[0]
        assert 'href="/en/privacy/"' in form, path


def test_the_delegate_form_says_how_long_contacts_are_kept(client):
    from tests.factories import StaffUserFactory

    delegate = delegate_of_visit_ended(10, "Someone")
    client.force_login(StaffUserFactory(is_superuser=True))
    page = client.get(f"/admin/delegations/delegate/{delegate.pk}/change/",
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()  # fmt: skip
    assert "erased 2 years after the visit ends" in page
    assert 'href="/en/privacy/"' in page


def test_contacts_left_in_the_edit_history_are_forgotten_too():
    cleared = delegate_of_visit_ended(3 * 365, "Cleared")
    cleared.email, cleared.phone = "", ""
    cleared.save()  # the record no longer holds them; older versions still do
    gone = delegate_of_visit_ended(3 * 365, "Gone")
    Delegate.objects.filter(pk=gone.pk).delete()  # its versions, and its deletion, hold them
    forget()
    for pk in (cleared.pk, gone.pk):
        assert set(Delegate.history.filter(id=pk).values_list("email", "phone")) == {("", "")}
