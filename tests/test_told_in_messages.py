"""Every success message says what changed and who was mailed about it, by name; buttons say what
they do; and the page after an action opens at its top, where the message is."""

import re
from html import unescape

import pytest
from django.utils import timezone

from tests.factories import LiaisonFactory, StaffUserFactory, UserFactory
from tests.html_forms import form_on_page
from tests.lifecycle import ready_for
from tests.test_lifecycle_admin import change_url, step_url

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def success_message(page):
    found = re.search(r'<li class="success">(.*?)</li>', page.content.decode(), re.S)
    return unescape(found.group(1)) if found else ""


@pytest.fixture
def staff(client):
    member = StaffUserFactory(username="wulan", first_name="Wulan", last_name="Ndun")
    client.force_login(member)
    return member


def take(client, proposal, verb):
    data = form_on_page(client, step_url(proposal, verb), "step-form", **EN)
    answer = client.post(step_url(proposal, verb), data, **EN)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert answer["Location"] == change_url(proposal)  # the top of the page: the message
    return client.get(answer["Location"], **EN)


def test_a_step_names_the_people_mailed(client, staff, django_capture_on_commit_callbacks):
    proposal = ready_for("explore")
    LiaisonFactory(consulate=proposal.consulate, user__first_name="Aiko",
                   user__last_name="Sato")  # fmt: skip
    follower = UserFactory(username="rini", first_name="Rini", last_name="Ratu", is_staff=True)
    proposal.followers.add(follower)

    page = take(client, proposal, "explore")

    said = success_message(page)
    assert said.startswith("Exploration started: the proposal is now “Exploring”.")
    assert said.endswith("Mailed to Aiko Sato, Rini Ratu.")


def test_a_step_nobody_hears_of_says_so(client, staff):
    proposal = ready_for("explore")

    said = success_message(take(client, proposal, "explore"))

    assert said.endswith("Nobody is mailed about it.")


def test_a_long_list_of_people_is_shortened(client, staff):
    proposal = ready_for("explore")
    for number in range(7):
        LiaisonFactory(consulate=proposal.consulate, user__username=f"liaison{number}")

    said = success_message(take(client, proposal, "explore"))

    assert said.endswith("and 2 others.")
    assert said.count("liaison") == 5


def test_the_step_buttons_say_what_they_do(client, staff):
    proposal = ready_for("offer")

    page = client.get(change_url(proposal), **EN).content.decode()
    assert f'href="{step_url(proposal, "offer")}">Record the offer…</a>' in page
    confirm = client.get(step_url(proposal, "offer"), **EN).content.decode()
    assert re.search(r'<input type="submit"[^>]*value="Record the offer"', confirm) or (
        ">Record the offer</button>" in confirm
    )
    assert "Confirm: Offer made" not in confirm


def test_citizens_following_by_email_are_counted_never_named(client, staff):
    from partnerships.models import Follower

    proposal = ready_for("explore")
    LiaisonFactory(consulate=proposal.consulate, user__first_name="Aiko", user__last_name="Sato")
    for number in range(2):
        Follower.objects.create(proposal=proposal, email=f"citizen{number}@example.org",
                                language="en", confirmed_at=timezone.now())  # fmt: skip
    Follower.objects.create(proposal=proposal, email="unconfirmed@example.org", language="en")

    said = success_message(take(client, proposal, "explore"))

    assert said.endswith("Mailed to Aiko Sato; 2 people following it by email.")
    assert "example.org" not in said


def test_a_step_the_public_does_not_see_tells_no_citizen(client, staff):
    from partnerships.models import Follower

    proposal = ready_for("explore", published=False)
    Follower.objects.create(proposal=proposal, email="citizen@example.org", language="en",
                            confirmed_at=timezone.now())  # fmt: skip

    said = success_message(take(client, proposal, "explore"))

    assert said.endswith("Nobody is mailed about it.")
