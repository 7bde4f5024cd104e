"""Signing in and out, passwords, and the throttle on failed sign-ins."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from tests.factories import LiaisonFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PASSWORD = "a-long-test-password"


@pytest.fixture
def liaison_user():
    return LiaisonFactory(user__username="aiko", user__email="aiko@consulate.example").user


def sign_in(client, username="aiko", password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password}, **EN)


def test_login_page_is_styled_and_translated(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "form-control" in page  # crispy's Bootstrap rendering
    assert "サインイン" in page
    assert '<html lang="ja">' in page


def test_liaison_signs_in_and_lands_on_the_review_queue(client, liaison_user):
    response = sign_in(client)
    assert response.status_code == 302
    follow = client.get(response["Location"], **EN)
    assert follow.status_code == 302 and follow["Location"] == "/en/review/"
    assert client.get("/en/review/").status_code == 200


def test_wrong_password_is_refused_with_a_message(client, liaison_user):
    response = sign_in(client, password="wrong-password-here")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_sign_out_needs_a_post_and_ends_the_session(client, liaison_user):
    client.force_login(liaison_user)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/en/review/").status_code == 302


def test_throttle_answers_429_after_the_limit_even_with_the_right_password(
    client, liaison_user, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong-password-here")

    locked = sign_in(client)

    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_throttle_is_lifted_after_the_cool_off(client, liaison_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong-password-here")
    assert sign_in(client).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )

    assert sign_in(client).status_code == 302


def test_throttle_counts_per_user(client, liaison_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username="someone-else", password="wrong-password-here")
    assert sign_in(client).status_code == 302


def test_password_change_enforces_the_validators(client, liaison_user):
    client.force_login(liaison_user)
    short = client.post("/accounts/password_change/", {
        "old_password": PASSWORD, "new_password1": "short", "new_password2": "short",
    }, **EN)  # fmt: skip
    common = client.post("/accounts/password_change/", {
        "old_password": PASSWORD, "new_password1": "password1234", "new_password2": "password1234",
    }, **EN)  # fmt: skip
    assert "at least 12 characters" in short.content.decode()
    assert "too common" in common.content.decode()

    good = client.post("/accounts/password_change/", {
        "old_password": PASSWORD, "new_password1": "kupang-timor-sunrise-2026",
        "new_password2": "kupang-timor-sunrise-2026",
    })  # fmt: skip
    assert good.status_code == 302
    liaison_user.refresh_from_db()
    assert liaison_user.check_password("kupang-timor-sunrise-2026")


def test_password_reset_by_email(client, liaison_user):
    client.post("/accounts/password_reset/", {"email": "aiko@consulate.example"})

    (message,) = mail.outbox
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "kupang-timor-sunrise-2026", "new_password2": "kupang-timor-sunrise-2026",
    })  # fmt: skip
    assert (
        get_user_model().objects.get(pk=liaison_user.pk).check_password("kupang-timor-sunrise-2026")
    )


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
