"""Every admin change form of every portal model opens in Chromium and saves unchanged."""

import pytest
from django.contrib import admin

from delegations.models import Visit, VisitDocument
from partnerships.models import Comment, Profile, Proposal
from tests.browser.admin_pages import sign_in_to_admin
from tests.factories import CommentFactory, ProfileFactory, VisitDocumentFactory

pytestmark = pytest.mark.browser

PORTAL_APPS = {"partnerships", "delegations"}


def portal_models():
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in PORTAL_APPS),
        key=lambda model: model._meta.label,
    )


@pytest.fixture
def one_of_each(demo_story):
    """The demo story has a row of nearly every model; add the kinds it lacks."""
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(username="demo-staff")
    kupang = Proposal.objects.get(reference="KPG-2023-001")
    if not Comment.objects.exists():
        CommentFactory(proposal=kupang, author=staff, body="Ask Tokyo about Kitakyushu.")
    if not Profile.objects.exists():
        ProfileFactory(user=staff, language="en")
    if not VisitDocument.objects.exists():
        VisitDocumentFactory(visit=Visit.objects.order_by("pk").first())


def test_every_admin_change_form_saves_unchanged(live_server, page, one_of_each):
    sign_in_to_admin(page, live_server, "demo-staff", "kupang-demo-staff")
    failures = []
    for model in portal_models():
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"no {model._meta.label} to open"
        opts = model._meta
        page.goto(f"{live_server.url}/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/")
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_load_state()
        errors = page.locator(".errornote, .errorlist")
        if errors.count() or "/change/" in page.url:
            failures.append((model._meta.label, errors.all_inner_texts()))
    assert failures == []
