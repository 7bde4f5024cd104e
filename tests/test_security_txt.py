"""/.well-known/security.txt as RFC 9116 has it: a Contact and an Expires less than a year ahead,
from settings, each field on its own line; and the deployment check that asks for its date."""

import datetime

import pytest

from kupang_portal.security_txt import security_txt_expiry

pytestmark = pytest.mark.django_db


def fields(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    parsed = {}
    for line in response.content.decode().splitlines():
        name, _sep, value = line.partition(": ")
        assert name and value, line
        parsed[name] = value
    return parsed


def test_security_txt_parses_with_the_fields_it_must_have(client, settings):
    settings.PORTAL_SECURITY_CONTACT = "mailto:security@example.org"
    settings.PORTAL_SECURITY_TXT_EXPIRES = "2099-01-31"
    found = fields(client)
    assert found["Contact"] == "mailto:security@example.org"
    assert found["Expires"] == "2099-01-31T00:00:00Z"
    assert found["Canonical"] == "http://testserver/.well-known/security.txt"
    assert found["Preferred-Languages"] == "id, en, ja"


def test_unset_the_file_holds_for_less_than_a_year(client, settings):
    settings.PORTAL_SECURITY_TXT_EXPIRES = ""
    expires = datetime.datetime.fromisoformat(fields(client)["Expires"].replace("Z", "+00:00"))
    ahead = expires - datetime.datetime.now(datetime.UTC)
    assert datetime.timedelta(days=300) < ahead < datetime.timedelta(days=365)


def test_the_deployment_check_asks_for_a_date_and_warns_before_it(settings):
    settings.PORTAL_SECURITY_TXT_EXPIRES = ""
    assert [w.id for w in security_txt_expiry(None)] == ["portal.W003"]
    soon = datetime.date.today() + datetime.timedelta(days=10)
    settings.PORTAL_SECURITY_TXT_EXPIRES = soon.isoformat()
    assert [w.id for w in security_txt_expiry(None)] == ["portal.W003"]
    settings.PORTAL_SECURITY_TXT_EXPIRES = (soon + datetime.timedelta(days=200)).isoformat()
    assert security_txt_expiry(None) == []


def test_only_reading_is_allowed(client):
    assert client.head("/.well-known/security.txt").status_code == 200
    assert client.post("/.well-known/security.txt").status_code == 405
