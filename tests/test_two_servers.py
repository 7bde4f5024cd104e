"""The portal as a bigger deployment runs it: two server processes (as on two hosts) behind a proxy,
on one PostgreSQL and one Redis for the cache and the sessions. A change made through one server is
seen at once through the other, even though both keep the pages they served in the shared cache.

The servers are real gunicorn processes with production settings (`DJANGO_DEBUG=0`); the test
speaks HTTP to them as the proxy would (`X-Forwarded-Proto: https`), signs in through the rendered
sign-in form and saves through the rendered admin form. CI runs it on PostgreSQL.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django_otp.plugins.otp_static.models import StaticDevice

from partnerships.models import PartnerCity, Proposal

from .factories import PartnerCityFactory, ProposalFactory, StaffUserFactory
from .html_forms import admin_form_id, read_form

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
PASSWORD = "a-long-test-password"
BACKUP_CODE = "twoservers1"
PUBLIC_HOST = "portal.example.org"


@pytest.fixture
def shared_redis():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"needs Redis at {REDIS_URL}")
    client.flushdb()
    yield
    client.flushdb()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}{password}@{host}/{db['NAME']}"


class Server:
    """One gunicorn process, and a browser-like client for it that keeps its own cookies."""

    def __init__(self, tmp_path, name):
        self.port = free_port()
        self.cookies = {}
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_CACHE_URL": REDIS_URL,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "two-servers-share-one-secret-key-" + "x" * 32,
            "DJANGO_ALLOWED_HOSTS": f"{PUBLIC_HOST},127.0.0.1",
            "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "DJANGO_MEDIA_ROOT": str(tmp_path / "shared-media"),
        }
        self.log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603 - the project's own server
            [str(Path(sys.executable).parent / "gunicorn"), "kupang_portal.wsgi",
             "--workers", "2", "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self._wait_until_healthy()

    def _wait_until_healthy(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"the server on port {self.port} did not start")

    def request(self, method, path, form=None, *, referer=None):
        origin = f"https://{PUBLIC_HOST}"
        headers = {
            # What the proxy in front of every host passes on.
            "Host": PUBLIC_HOST,
            "X-Forwarded-Proto": "https",
            "Accept-Language": "en",
            "Referer": referer or origin + path,
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = origin
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            client.request(method, path, body=body, headers=headers)
            response = client.getresponse()
            for value in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode(), response.headers
        finally:
            client.close()

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, form_id=None, *, to=None, **changes):
        """Submit the form that the page at `path` shows (to `to`, its action, when not the
        page itself), with `changes`; a change to None leaves the field out."""
        status, page, _ = self.get(path)
        assert status == 200, (path, status)
        data = {**read_form(page, form_id), **changes}
        data = {name: value for name, value in data.items() if value is not None}
        return self.request("POST", to or path, data, referer=f"https://{PUBLIC_HOST}{path}")

    def sign_in(self, username):
        """With the password, then a backup code: production asks staff for a second factor."""
        status, page, _ = self.post_form("/accounts/login/", username=username, password=PASSWORD)
        assert status == 302, page
        status, page, _ = self.post_form("/accounts/two-factor/", "page-form", code=BACKUP_CODE)
        assert status == 302, page

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


def staff_account(username):
    # Hashed as production hashes it: the servers do not know the tests' fast hasher.
    user = StaffUserFactory(username=username)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    device = StaticDevice.objects.create(user=user, name="Backup codes")
    device.token_set.create(token=BACKUP_CODE)
    return user


@pytest.fixture
def two_servers(on_postgresql, reference_data, shared_redis, tmp_path):
    servers = [Server(tmp_path, "first"), Server(tmp_path, "second")]
    yield servers
    for server in servers:
        server.stop()


def test_a_change_through_one_server_is_seen_at_once_through_the_other(two_servers):
    first, second = two_servers
    city = PartnerCityFactory(name_ind="Kitakyushu", name_en="Kitakyushu", slug="kitakyushu")
    proposal = ProposalFactory(
        active=True, slug="waste", title_ind="Bank sampah", title_en="Waste banks",
        partner_city=city,
    )  # fmt: skip
    staff_account("staff")

    status, page, _ = first.get("/en/proposals/waste/")
    assert status == 200
    assert "Waste banks" in page
    # A change that tells no cache (a queryset update sends no signal): the second server still
    # answers with the page the first one kept in the shared cache.
    Proposal.objects.filter(pk=proposal.pk).update(title_en="Quietly renamed")
    for server in (second, first):
        assert "Waste banks" in server.get("/en/proposals/waste/")[1]

    # Staff rename the partner city through the first server...
    first.sign_in("staff")
    change = f"/admin/partnerships/partnercity/{city.pk}/change/"
    status, _, _ = first.post_form(
        change, admin_form_id(change), name_en="Kitakyushu City", _save="Save"
    )
    assert status == 302
    assert PartnerCity.objects.get(pk=city.pk).name_en == "Kitakyushu City"
    # ...and the second server shows it on the next request, built afresh.
    page = second.get("/en/proposals/waste/")[1]
    assert "Kitakyushu City" in page
    assert "Quietly renamed" in page

    # Unpublishing through the first server takes the page off the second at once.
    change = f"/admin/partnerships/proposal/{proposal.pk}/change/"
    status, _, _ = first.post_form(change, admin_form_id(change), published=None, _save="Save")
    assert status == 302
    assert Proposal.objects.get(pk=proposal.pk).published is False
    assert second.get("/en/proposals/waste/")[0] == 404
    assert "Waste banks" not in second.get("/en/proposals/")[1]


def test_a_session_started_on_one_server_is_known_to_the_other(two_servers):
    first, second = two_servers
    staff_account("staff")
    first.sign_in("staff")
    second.cookies = dict(first.cookies)
    status, page, _ = second.get("/admin/")
    assert status == 200, status
    assert "Sign out" in page or "Log out" in page

    # Signing out on the second server signs the person out on the first.
    assert second.post_form("/admin/", "logout-form", to="/admin/logout/")[0] in (200, 302)
    assert first.get("/admin/")[0] == 302


def test_each_server_reports_its_parts_separately(two_servers):
    for server in two_servers:
        status, body, _ = server.get("/healthz/components")
        assert status == 200, body
        for part in ('"database"', '"cache"', '"tasks"'):
            assert part in body
        assert server.get("/healthz")[1].strip() == "ok"
