"""The admin speaks the language a staff member chose in its header, keeps it in their profile,
and the portal's mail follows it; staff and liaisons are asked once, at their first sign-in."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from partnerships.models import Profile
from tests.factories import LiaisonFactory, ProfileFactory, StaffUserFactory
from tests.html_forms import read_form
from tests.lifecycle import ready_for, take

pytestmark = pytest.mark.django_db

QUESTION = re.compile(r'<form class="language-question[^"]*"')


def page_language(response):
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


def press(client, response, language):
    """Press one of the header's language buttons, as rendered (the form's hidden fields plus
    the pressed button's name and value)."""
    html = response.content.decode()
    form = re.search(r'<form class="language-switch[^"]*".*?</form>', html, re.S).group(0)
    assert f'name="language" value="{language}"' in form
    data = read_form(form.replace("<form ", '<form method="post" ', 1))
    return client.post(reverse("choose_language"), {**data, "language": language})


@pytest.fixture
def staff_client(client):
    staff = StaffUserFactory(username="wulan")
    client.force_login(staff)
    return client, staff


def test_the_admin_follows_the_browser_until_someone_chooses(staff_client):
    client, staff = staff_client
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert page_language(page) == "en"
    assert QUESTION.search(page.content.decode())  # asked, without blocking the page
    assert 'id="content"' in page.content.decode()


def test_the_header_switch_keeps_the_choice_in_the_profile(staff_client):
    client, staff = staff_client
    page = client.get(reverse("admin:partnerships_proposal_changelist"), HTTP_ACCEPT_LANGUAGE="en")

    answer = press(client, page, "ja")

    assert answer.status_code == 302
    assert answer["Location"] == reverse("admin:partnerships_proposal_changelist")
    profile = Profile.objects.get(user=staff)
    assert (profile.language, profile.language_chosen_at is not None) == ("ja", True)
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja"
    # The profile wins over a browser that asks for another language, on every admin page.
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    again = client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert page_language(again) == "ja"
    assert "ログアウト" in again.content.decode()  # Django's own "Log out", in Japanese
    assert not QUESTION.search(again.content.decode())  # answered: no longer asked


def test_the_question_answered_keeps_the_language_and_stops_asking(staff_client):
    client, staff = staff_client
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    form = re.search(r'<form class="language-question.*?</form>', html, re.S).group(0)
    data = read_form(form.replace("<form ", '<form method="post" ', 1))
    # Preselected: the language the portal writes in now (the profile's default), so that one
    # click never changes it by surprise.
    assert data["language"] == "id"

    answer = client.post(reverse("choose_language"), {**data, "language": "en"})

    assert Profile.objects.get(user=staff).language == "en"
    assert not QUESTION.search(client.get(answer["Location"]).content.decode())


def test_the_switch_carries_into_mail(client, django_capture_on_commit_callbacks):
    proposal = ready_for("explore", reference="KPG-2023-001")
    liaison = LiaisonFactory(consulate=proposal.consulate, user__email="liaison@example.org")
    ProfileFactory(user=liaison.user, language="id")
    client.force_login(liaison.user)
    review = client.get(reverse("review:queue"))  # /id/review/: the address's language
    assert page_language(review) == "id"

    answer = press(client, review, "ja")

    assert answer["Location"] == "/ja/review/"
    with django_capture_on_commit_callbacks(execute=True):
        take("explore", proposal, StaffUserFactory())
    (message,) = [m for m in mail.outbox if m.to == ["liaison@example.org"]]
    assert message.subject == "[KPG-2023-001] 状態：検討中"


def test_a_liaison_starts_in_the_language_their_browser_asked_for(client):
    liaison = LiaisonFactory(user__username="sato", user__password="a-long-passphrase-1")
    client.get(reverse("login"))
    client.post(
        reverse("login"),
        {"username": "sato", "password": "a-long-passphrase-1"},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    profile = Profile.objects.get(user=liaison.user)
    assert (profile.language, profile.language_chosen_at) == ("ja", None)  # still asked
    queue = client.get("/ja/review/", HTTP_ACCEPT_LANGUAGE="ja")
    assert QUESTION.search(queue.content.decode())
    assert re.search(r'value="ja" id="question-language-ja" checked', queue.content.decode())


def test_a_staff_members_profile_is_not_changed_by_their_browser(client):
    staff = StaffUserFactory(username="ani", password="a-long-passphrase-1")
    ProfileFactory(user=staff, language="id")
    client.post(
        reverse("admin:login"),
        {"username": "ani", "password": "a-long-passphrase-1"},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert Profile.objects.get(user=staff).language == "id"


@pytest.mark.parametrize("language", ["", "fr", "xx-long-code"])
def test_an_unknown_language_is_refused_and_nothing_changes(staff_client, language):
    client, staff = staff_client
    answer = client.post(reverse("choose_language"), {"language": language, "next": "/admin/"})
    assert answer.status_code == 400
    assert not Profile.objects.filter(user=staff, language_chosen_at__isnull=False).exists()


def test_choosing_needs_a_signed_in_person_and_a_post(client, staff_client):
    anonymous = type(client)()
    assert anonymous.post(reverse("choose_language"), {"language": "ja"}).status_code == 302
    signed_in, _staff = staff_client
    assert signed_in.get(reverse("choose_language")).status_code == 405


def test_the_way_back_never_leaves_the_portal(staff_client):
    client, _staff = staff_client
    answer = client.post(
        reverse("choose_language"), {"language": "en", "next": "https://elsewhere.example/"}
    )
    assert answer["Location"] == reverse("admin:index")


def test_djangos_own_indonesian_admin_strings_are_corrected(staff_client):
    client, _staff = staff_client
    catalogue = client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Ketik di kotak ini untuk menyaring daftar %s yang dipilih." in catalogue
    for wrong in ("utnuk", "daftar dar ", "Pindahkan%s", 'tombol panah \\"Choose\\"'):
        assert wrong not in catalogue


def test_a_liaisons_profile_set_by_staff_is_never_changed_by_a_browser(client):
    liaison = LiaisonFactory(user__username="kenji", user__password="a-long-passphrase-1")
    ProfileFactory(user=liaison.user, language="ja")
    client.post(
        reverse("login"),
        {"username": "kenji", "password": "a-long-passphrase-1"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert Profile.objects.get(user=liaison.user).language == "ja"
    queue = client.get("/en/review/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.search(r'value="ja" id="question-language-ja" checked', queue)


def test_profiles_kept_before_the_question_count_as_chosen():
    from importlib import import_module

    from django.apps import apps

    staff = StaffUserFactory()
    ProfileFactory(user=staff, language="en")
    migration = import_module("partnerships.migrations.0024_profiles_kept_before_the_question")
    migration.mark_chosen(apps, None)
    assert Profile.objects.get(user=staff).language_chosen_at is not None
