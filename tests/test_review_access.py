"""The access matrix of the review workspace: every URL and action, for every role.

A liaison of another consulate gets 404 (the proposal does not exist for them), a signed-in user
without a role gets 403, an anonymous visitor is sent to sign in."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    CandidateCityFactory,
    CommentFactory,
    DocumentFactory,
    LiaisonFactory,
    PartnerCityFactory,
    ProposalFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def workspace():
    here = LiaisonFactory(user__username="liaison-here")
    proposal = ProposalFactory(offered=True, reference="KPG-2023-001", consulate=here.consulate)
    return {
        "proposal": proposal,
        "liaison_here": here.user,
        "liaison_elsewhere": LiaisonFactory(user__username="liaison-elsewhere").user,
        "staff": StaffUserFactory(username="staff-member"),
        "citizen": UserFactory(username="citizen"),
        "draft": ProposalFactory(reference="KPG-2023-002", consulate=here.consulate),
        "request": CommentFactory(proposal=proposal, author=here.user, is_request=True),
        "candidate": CandidateCityFactory(proposal=proposal),
        "city": PartnerCityFactory(country="JP"),
        "document": DocumentFactory(proposal=proposal, is_public=False),
    }


def url_for(name, w):
    ref = w["proposal"].reference
    urls = {
        "queue": reverse("review:queue"),
        "detail": reverse("review:proposal", args=[ref]),
        "draft detail": reverse("review:proposal", args=[w["draft"].reference]),
        "mistyped detail": reverse("review:proposal", args=["KPG-2023-0O1"]),
        "comment": reverse("review:comment", args=[ref]),
        "answer": reverse("review:answer", args=[ref, w["request"].pk]),
        "suggest": reverse("review:suggest", args=[ref]),
        "suggest match": reverse("review:suggest_match", args=[ref, w["city"].pk]),
        "shortlist": reverse("review:decide", args=[ref, w["candidate"].pk, "shortlist"]),
        "set aside": reverse("review:decide", args=[ref, w["candidate"].pk, "set_aside"]),
        "explore": reverse("review:step", args=[ref, "explore"]),
        "decline": reverse("review:step", args=[ref, "decline"]),
        "withdraw": reverse("review:step", args=[ref, "withdraw"]),
        "document": reverse("review:document", args=[ref, w["document"].pk]),
    }
    return urls[name]


def post_data(name, w):
    today = timezone.localdate().isoformat()
    return {
        "comment": {"body": "A question", "form_token": "0b7b6d0e-3f1a-4d8e-9a4b-2f3c4d5e6f70"},
        "answer": {"body": "An answer", "form_token": "1b7b6d0e-3f1a-4d8e-9a4b-2f3c4d5e6f70"},
        "suggest": {"city": w["city"].pk, "rationale": "Strong in waste management."},
        "explore": {"note_en": "Acknowledged", "public": "on", "occurred_on": today},
        "decline": {"reason_en": "Not now", "occurred_on": today},
        "withdraw": {"reason_en": "Not now", "occurred_on": today},
        "shortlist": {"occurred_on": today},
        "set aside": {"occurred_on": today},
    }.get(name, {})


ROLES = ["anonymous", "citizen", "liaison_here", "liaison_elsewhere", "staff"]
LOGIN = "login"
# (url, method, expected status for each role in ROLES order)
MATRIX = [
    ("queue", "get", [LOGIN, 403, 200, 200, 200]),
    ("detail", "get", [LOGIN, 403, 200, 404, 200]),
    ("draft detail", "get", [LOGIN, 403, 404, 404, 200]),
    ("mistyped detail", "get", [LOGIN, 403, 404, 404, 404]),
    ("document", "get", [LOGIN, 403, 200, 404, 200]),
    ("comment", "post", [LOGIN, 403, 302, 404, 302]),
    ("answer", "post", [LOGIN, 403, 403, 404, 302]),
    ("suggest", "post", [LOGIN, 403, 302, 404, 302]),
    ("suggest match", "post", [LOGIN, 403, 302, 404, 302]),
    ("shortlist", "post", [LOGIN, 403, 302, 404, 302]),
    ("set aside", "post", [LOGIN, 403, 302, 404, 302]),
    ("explore", "post", [LOGIN, 403, 302, 404, 302]),
    ("decline", "post", [LOGIN, 403, 302, 404, 302]),
    ("withdraw", "post", [LOGIN, 403, 404, 404, 302]),
    # A step's confirmation page.
    ("explore", "get", [LOGIN, 403, 200, 404, 200]),
    ("decline", "get", [LOGIN, 403, 200, 404, 200]),
    ("withdraw", "get", [LOGIN, 403, 404, 404, 200]),
    # A candidate decision's confirmation page.
    ("shortlist", "get", [LOGIN, 403, 200, 404, 200]),
    # Actions answer POST only; pages answer GET only.
    ("comment", "get", [LOGIN, 405, 405, 405, 405]),
    ("detail", "post", [LOGIN, 405, 405, 405, 405]),
]
CASES = [
    (name, method, role, expected)
    for name, method, outcomes in MATRIX
    for role, expected in zip(ROLES, outcomes, strict=True)
]


@pytest.mark.parametrize("name,method,role,expected", CASES)
def test_access_matrix(client, workspace, name, method, role, expected):
    if role != "anonymous":
        client.force_login(workspace[role])
    url = url_for(name, workspace)

    response = getattr(client, method)(url, post_data(name, workspace))

    if expected == LOGIN:
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("name", [n for n, method, _ in MATRIX if method == "post"])
def test_refused_actions_change_nothing(client, workspace, name):
    from partnerships.models import CandidateCity, Comment, Proposal

    def snapshot():
        return (
            Comment.objects.count(),
            sorted(CandidateCity.objects.values_list("pk", "state")),
            Proposal.objects.get(pk=workspace["proposal"].pk).status,
        )

    before = snapshot()
    client.force_login(workspace["liaison_elsewhere"])
    client.post(url_for(name, workspace), post_data(name, workspace))
    assert snapshot() == before


@pytest.mark.parametrize("name", [n for n, method, _ in MATRIX if method == "post"])
def test_every_post_needs_a_csrf_token(workspace, name):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(workspace["staff"])
    response = client.post(url_for(name, workspace), post_data(name, workspace))
    assert response.status_code == 403


def test_csrf_protected_form_works_with_its_token(workspace):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(workspace["liaison_here"])
    url = url_for("detail", workspace)
    client.get(url)
    token = client.cookies["csrftoken"].value
    response = client.post(
        url_for("comment", workspace),
        {**post_data("comment", workspace), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_liaison_queue_lists_only_their_consulates_proposals(client, workspace):
    other = ProposalFactory(offered=True, title="Another mission's offer")
    client.force_login(workspace["liaison_here"])
    body = client.get(reverse("review:queue")).content.decode()
    assert workspace["proposal"].reference in body
    assert other.reference not in body and "Another mission's offer" not in body
    assert workspace["draft"].reference not in body


def test_staff_queue_lists_every_consulate(client, workspace):
    other = ProposalFactory(offered=True)
    client.force_login(workspace["staff"])
    body = client.get(reverse("review:queue")).content.decode()
    assert workspace["proposal"].reference in body and other.reference in body
