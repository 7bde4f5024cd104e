"""A second factor for the accounts that act for the city or a foreign mission: enrolled at the
first sign-in (an authenticator app, then ten backup codes), asked before the admin and the
review workspace, throttled, and reset only by another staff member, on record and by mail."""

import re
from base64 import b32decode

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kupang_portal.second_factor import GUARDED
from tests.factories import LiaisonFactory, StaffUserFactory, UserFactory
from tests.html_forms import read_form
from tests.test_access_matrix import NAMES, TABLE

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def required(settings):
    settings.PORTAL_REQUIRE_2FA = True
    settings.PORTAL_REQUIRE_2FA_LIAISONS = True
    settings.PORTAL_2FA_EXEMPT = ()


def sign_in(client, user):
    page = client.get("/accounts/login/").content.decode()
    data = {**read_form(page, "page-form"), "username": user.username, "password": PASSWORD}
    assert client.post("/accounts/login/", data).status_code == 302


def code_now(key):
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def enrol(client, next_page="/admin/"):
    """Set up an authenticator app from what the page shows; the backup codes it then gives."""
    page = client.get(f"/accounts/two-factor/setup/?next={next_page}").content.decode()
    assert "<svg" in page  # the QR code, drawn on the server
    key = b32decode(re.search(r'<code class="text-nowrap">([A-Z2-7 ]+)</code>', page)[1]
                    .replace(" ", ""))  # fmt: skip
    data = {**read_form(page, "page-form"), "code": code_now(key)}
    done = client.post("/accounts/two-factor/setup/", data)
    assert done.status_code == 200
    return re.findall(r"<li>([a-z0-9]{8})</li>", done.content.decode())


def guarded_addresses(world):
    """Every admin and review page of the access matrix, as a staff member reaches it."""
    for name, entry in TABLE.items():
        for build, outcomes in entry.variants.values():
            url = build(world)
            if GUARDED.match(url) and outcomes["staff"] == "ok":
                yield name, url


def test_the_matrix_names_every_page_the_gate_guards():
    assert {n for n in NAMES if n.startswith(("admin:", "review:"))} <= set(TABLE)


def test_no_admin_or_review_page_opens_to_staff_without_a_second_factor(client, required):
    from tests.test_access_matrix import World

    world = World()
    client.force_login(world.users["staff"])
    found = list(guarded_addresses(world))
    assert len(found) > 50
    for name, url in found:
        response = client.get(url)
        assert response.status_code == 302, (name, url)
        assert response["Location"].startswith("/accounts/two-factor/"), (name, url)


def test_enrol_then_sign_in_with_the_app_and_with_a_backup_code(client, required):
    staff = StaffUserFactory()
    sign_in(client, staff)
    first = client.get("/admin/")
    assert first["Location"] == "/accounts/two-factor/setup/?next=%2Fadmin%2F"
    codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=staff).confirmed

    client.logout()
    sign_in(client, staff)
    asked = client.get("/en/review/")
    assert asked["Location"] == "/accounts/two-factor/?next=%2Fen%2Freview%2F"
    page = client.get(asked["Location"]).content.decode()
    entered = client.post(
        "/accounts/two-factor/", {**read_form(page, "page-form"), "code": codes[0]}
    )
    assert entered["Location"] == "/en/review/"
    assert client.get("/en/review/").status_code == 200

    client.logout()
    sign_in(client, staff)
    page = client.get("/accounts/two-factor/").content.decode()
    again = client.post("/accounts/two-factor/", {**read_form(page, "page-form"), "code": codes[0]})
    assert again.status_code == 400 and "already used" in again.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_authenticator_apps_code_signs_in(client, required):
    staff = StaffUserFactory()
    sign_in(client, staff)
    enrol(client)
    device = TOTPDevice.objects.get(user=staff)
    client.logout()
    sign_in(client, staff)
    # The code of the next 30 seconds, which the app allows for a clock a little ahead (the
    # one used to enrol may not be used twice).
    code = f"{totp(device.bin_key, step=30, t0=0, digits=6, drift=1):06d}"
    page = client.get("/accounts/two-factor/?next=/admin/").content.decode()
    entered = client.post("/accounts/two-factor/", {**read_form(page, "page-form"), "code": code})
    assert entered["Location"] == "/admin/"


def test_wrong_codes_are_throttled_like_sign_ins(client, required, settings):
    settings.AXES_FAILURE_LIMIT = 3
    staff = StaffUserFactory()
    sign_in(client, staff)
    codes = enrol(client)
    client.logout()
    sign_in(client, staff)
    page = client.get("/accounts/two-factor/").content.decode()
    for _n in range(3):
        client.post("/accounts/two-factor/", {**read_form(page, "page-form"), "code": "00000000"})
    refused = client.post(
        "/accounts/two-factor/", {**read_form(page, "page-form"), "code": codes[1]}
    )
    assert "Too many wrong codes" in refused.content.decode()
    assert client.get("/admin/").status_code == 302


def test_liaisons_need_it_once_the_setting_is_on(client, required, settings):
    liaison = LiaisonFactory().user
    client.force_login(liaison)
    assert client.get("/en/review/")["Location"].startswith("/accounts/two-factor/setup/")
    settings.PORTAL_REQUIRE_2FA_LIAISONS = False
    assert client.get("/en/review/").status_code == 200


def test_citizens_pages_ask_nothing(client, required):
    client.force_login(StaffUserFactory())
    assert client.get("/en/").status_code == 200
    assert client.get("/accounts/password_change/").status_code == 200


def test_another_staff_member_resets_a_lost_factor_on_record_and_by_mail(client, required):
    owner = StaffUserFactory(email="owner@example.org")
    sign_in(client, owner)
    enrol(client)
    client.logout()
    colleague = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, colleague)
    enrol(client)

    url = reverse("admin:reset_second_factor", args=[owner.pk])
    change = client.get(reverse("admin:auth_user_change", args=[owner.pk])).content.decode()
    assert url in change
    page = client.get(url).content.decode()
    done = client.post(url, read_form(page, "confirm-form"))
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert not StaticDevice.objects.filter(user=owner).exists()
    entry = LogEntry.objects.get(object_id=str(owner.pk))
    assert colleague.username in entry.get_change_message()
    assert mail.outbox[-1].to == ["owner@example.org"]
    assert colleague.username in mail.outbox[-1].body

    # Nobody resets their own.
    own = reverse("admin:reset_second_factor", args=[colleague.pk])
    assert client.get(own).status_code == 403


def test_the_demo_users_are_exempt_in_development_only():
    from tests.test_settings import run_manage

    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60,
                  "DJANGO_ALLOWED_HOSTS": "portal.example.org"}  # fmt: skip
    shown = run_manage("shell", "-c", "from django.conf import settings; "
                       "print(list(settings.PORTAL_2FA_EXEMPT))", **production)  # fmt: skip
    assert shown.stdout.strip().splitlines()[-1] == "[]", shown.stderr
    shown = run_manage("shell", "-c", "from django.conf import settings; "
                       "print(list(settings.PORTAL_2FA_EXEMPT))")  # fmt: skip
    assert "demo-staff" in shown.stdout


def test_a_key_seen_by_someone_with_the_password_is_not_the_one_the_owner_confirms(required):
    from django.test import Client

    owner = StaffUserFactory()
    intruder, own = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(intruder, owner)
    seen = intruder.get("/accounts/two-factor/setup/").content.decode()
    sign_in(own, owner)
    shown = own.get("/accounts/two-factor/setup/").content.decode()
    key_of = re.compile(r'<code class="text-nowrap">([A-Z2-7 ]+)</code>')
    assert key_of.search(seen)[1] != key_of.search(shown)[1]
    # The key the intruder saw is gone: a code from it confirms nothing.
    stale = b32decode(key_of.search(seen)[1].replace(" ", ""))
    tried = intruder.post("/accounts/two-factor/setup/",
                          {**read_form(seen, "page-form"), "code": code_now(stale)})  # fmt: skip
    assert tried.status_code == 302 and not TOTPDevice.objects.filter(confirmed=True).exists()
    codes = enrol(own)
    assert len(codes) == 10 and TOTPDevice.objects.filter(user=owner).count() == 1
