"""Limits on what a stranger can do by repetition: lock out someone else, spray passwords across
usernames, flood a mailbox with reset mail. The portal sits behind a reverse proxy in
production, so each limit is tested as the proxy delivers requests: from the proxy's address,
with the client's in `X-Forwarded-For`."""

import pytest
from django.contrib.sessions.models import Session
from django.core import mail

from core.client_address import client_address
from tests.factories import LiaisonFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PASSWORD = "a-long-test-password"
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.9"
COLLEAGUE = "198.51.100.7"


@pytest.fixture
def behind_proxy(settings):
    settings.PORTAL_TRUSTED_PROXIES = ["10.0.0.0/24"]


@pytest.fixture
def aiko():
    return LiaisonFactory(user__username="aiko", user__email="aiko@consulate.example").user


def via_proxy(client_ip, forwarded=None):
    """Headers of a request the proxy passes on; it appends the peer it saw to the chain."""
    chain = f"{forwarded}, {client_ip}" if forwarded else client_ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain, **EN}


def sign_in(client, username="aiko", password=PASSWORD, **headers):
    return client.post("/accounts/login/", {"username": username, "password": password}, **headers)


class FakeRequest:
    def __init__(self, **meta):
        self.META = meta


@pytest.mark.parametrize(
    "meta,expected",
    [
        # No proxy trusted: the header is whatever the client wrote, and is ignored.
        ({"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, ATTACKER),
        # From the trusted proxy: the address it saw.
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ATTACKER}, ATTACKER),
        # The client forged an entry; the proxy appended the real one, which is what counts.
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"1.2.3.4, {ATTACKER}"}, ATTACKER),
        # Two trusted proxies in a row.
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{ATTACKER}, 10.0.0.3"}, ATTACKER),
        # The forms servers and proxies really write: an IPv4 peer seen by an IPv6 listener,
        # addresses with ports, a proxy on a unix socket (no peer address at all).
        ({"REMOTE_ADDR": f"::ffff:{PROXY}", "HTTP_X_FORWARDED_FOR": ATTACKER}, ATTACKER),
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{ATTACKER}:5555"}, ATTACKER),
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"::ffff:{ATTACKER}"}, ATTACKER),
        ({"REMOTE_ADDR": "", "HTTP_X_FORWARDED_FOR": ATTACKER}, ATTACKER),
        # An IPv6 client counts for its /64: stepping through its addresses escapes nothing.
        (
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "[2001:db8:1:2::99]:443"},
            "2001:db8:1:2::",
        ),
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "2001:db8:1:2:ffff::1"}, "2001:db8:1:2::"),
        ({"REMOTE_ADDR": "2001:db8:9:9::5"}, "2001:db8:9:9::"),
        # Only a misconfigured proxy writes garbage: the walk stops at the last real address.
        ({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address"}, PROXY),
        ({"REMOTE_ADDR": PROXY}, PROXY),
    ],
)
def test_the_client_address_is_read_only_through_trusted_proxies(behind_proxy, meta, expected):
    assert client_address(FakeRequest(**meta)) == expected


def test_without_trusted_proxies_a_forged_header_changes_nothing(client, aiko, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"9.9.9.{n}")
    assert sign_in(client, REMOTE_ADDR=ATTACKER).status_code == 429


def test_behind_the_proxy_a_stranger_cannot_lock_a_colleague_out(
    client, aiko, behind_proxy, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong-password", **via_proxy(ATTACKER))

    assert sign_in(client, **via_proxy(ATTACKER)).status_code == 429
    # Aiko, at her own desk, comes through the same proxy from another address.
    assert sign_in(client, **via_proxy(COLLEAGUE)).status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lockout(
    client, aiko, behind_proxy, settings
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong-password", **via_proxy(ATTACKER, forwarded=f"9.9.9.{n}"))

    assert sign_in(client, **via_proxy(ATTACKER, forwarded="8.8.8.8")).status_code == 429


def test_password_spraying_across_usernames_pauses_the_address(client, behind_proxy, settings):
    settings.PORTAL_SIGN_IN_FAILURES_PER_ADDRESS = 6
    victim = LiaisonFactory(user__username="budi").user
    for n in range(6):  # one guess per username: the per-user lockout never triggers
        response = sign_in(
            client, username=f"guess{n}", password="Summer2026!", **via_proxy(ATTACKER)
        )
        assert response.status_code == 200

    paused = sign_in(client, username=victim.username, **via_proxy(ATTACKER))

    assert paused.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address behind the same proxy signs in as usual.
    assert sign_in(client, username=victim.username, **via_proxy(COLLEAGUE)).status_code == 302


def reset(client, email, ip=ATTACKER):
    return client.post("/accounts/password_reset/", {"email": email}, **via_proxy(ip))


def test_password_reset_mail_is_limited_per_account(client, aiko, behind_proxy, settings):
    limit = settings.PORTAL_PASSWORD_RESETS_PER_ACCOUNT
    for n in range(limit + 3):
        # From many addresses, so the per-address limit is not what stops it.
        response = reset(client, "aiko@consulate.example", ip=f"198.51.100.{n + 10}")
        # The visitor always sees the same page: it tells nothing about the account.
        assert response.status_code == 302
        assert response["Location"] == "/accounts/password_reset/done/"

    assert len(mail.outbox) == limit


def test_other_spellings_of_the_address_share_the_accounts_limit(client, settings):
    # PostgreSQL's case-insensitive match is looser than lower-casing (it takes "ſ" for "s"):
    # the count follows the account the address reaches, whatever its spelling.
    UserFactory(username="sari", email="sari@kupangkota.go.id")
    limit = settings.PORTAL_PASSWORD_RESETS_PER_ACCOUNT
    spellings = ["sari@kupangkota.go.id", "ſari@kupangkota.go.id", "SARI@Kupangkota.go.id"]
    for n in range(limit + 3):
        reset(client, spellings[n % len(spellings)], ip=f"198.51.100.{n + 10}")

    assert len(mail.outbox) == limit


def test_an_ipv6_client_stepping_through_its_network_is_still_one_address(
    client, aiko, behind_proxy, settings
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, password="wrong-password", **via_proxy(f"2001:db8:7:7::{n + 1:x}"))

    assert sign_in(client, **via_proxy("2001:db8:7:7::abcd")).status_code == 429
    assert sign_in(client, **via_proxy("2001:db8:7:8::1")).status_code == 302


def test_password_reset_is_limited_per_address(client, behind_proxy, settings):
    limit = settings.PORTAL_PASSWORD_RESETS_PER_ADDRESS
    users = [UserFactory(email=f"person{n}@example.org") for n in range(limit + 1)]
    for user in users[:limit]:
        assert reset(client, user.email).status_code == 302

    refused = reset(client, users[-1].email)

    assert refused.status_code == 429
    assert "Too many password-reset requests" in refused.content.decode()
    assert len(mail.outbox) == limit
    # Someone else, elsewhere, is not held back.
    assert reset(client, users[-1].email, ip=COLLEAGUE).status_code == 302
    assert len(mail.outbox) == limit + 1


def test_the_session_id_changes_at_sign_in(client, aiko):
    client.get("/accounts/login/", **EN)
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key

    assert sign_in(client, **EN).status_code == 302

    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_sign_out_ends_the_session_on_the_server(client, aiko):
    assert sign_in(client, **EN).status_code == 302
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()

    client.post("/accounts/logout/")

    assert not Session.objects.filter(session_key=key).exists()
    # A copy of the old cookie opens nothing.
    client.cookies["sessionid"] = key
    assert client.get("/en/review/").status_code == 302


def test_a_deactivated_account_loses_access_on_its_next_request(client, aiko):
    client.force_login(aiko)
    assert client.get("/en/review/").status_code == 200

    aiko.is_active = False
    aiko.save()

    response = client.get("/en/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_limits_count_in_a_shared_redis_cache(settings):
    """What production runs with several workers: the counts live in Redis, one for all."""
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/15"}}  # fmt: skip
    from django.core.cache import cache

    from core.throttle import Throttle

    cache.clear()
    try:
        attempts = Throttle("test-redis", 3, 60)
        counts = [attempts.record("203.0.113.9") for _ in range(4)]
        assert counts == [1, 2, 3, 4]
        assert attempts.exceeded("203.0.113.9")
        assert not attempts.exceeded("198.51.100.7")
    finally:
        cache.clear()
