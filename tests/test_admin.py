"""City staff run the portal from the admin; nobody else gets in."""

import pytest
from django.contrib import admin
from django.urls import reverse

from delegations.models import Commitment, Delegate, Visit, VisitDocument
from partnerships.models import (
    Approval,
    CandidateCity,
    Comment,
    Consulate,
    Document,
    FocusSector,
    Liaison,
    PartnerCity,
    Profile,
    Proposal,
    ProposalEvent,
    Province,
)
from tests import factories

FACTORY_FOR = {
    FocusSector: factories.FocusSectorFactory,
    Province: factories.ProvinceFactory,
    PartnerCity: factories.PartnerCityFactory,
    Consulate: factories.ConsulateFactory,
    Liaison: factories.LiaisonFactory,
    Profile: factories.ProfileFactory,
    Proposal: factories.ProposalFactory,
    ProposalEvent: factories.ProposalEventFactory,
    CandidateCity: factories.CandidateCityFactory,
    Approval: factories.ApprovalFactory,
    Document: factories.DocumentFactory,
    Comment: factories.CommentFactory,
    Visit: factories.VisitFactory,
    Delegate: factories.DelegateFactory,
    Commitment: factories.CommitmentFactory,
    VisitDocument: factories.VisitDocumentFactory,
}
DOMAIN_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"partnerships", "delegations"}
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_domain_model_is_in_the_admin():
    assert set(DOMAIN_MODELS) == set(FACTORY_FOR)


@pytest.mark.django_db
@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m.__name__)
def test_staff_can_open_changelist_add_and_change_pages(staff_client, model):
    obj = FACTORY_FOR[model]()

    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "changelist") + "?q=a",
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ]:
        response = staff_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m.__name__)
def test_anonymous_is_sent_to_the_admin_login(client, model):
    obj = FACTORY_FOR[model]()

    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


@pytest.mark.django_db
@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m.__name__)
def test_liaison_cannot_open_the_admin(liaison_client, model):
    obj = FACTORY_FOR[model]()

    for url in [reverse("admin:index"), admin_url(model, "change", obj.pk)]:
        response = liaison_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


@pytest.mark.django_db
def test_citizen_account_cannot_open_the_admin(citizen_client):
    response = citizen_client.get(reverse("admin:index"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_staff_without_the_city_staff_group_sees_no_domain_models(client):
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.get(admin_url(Proposal, "changelist")).status_code == 403


@pytest.mark.django_db
def test_staff_cannot_edit_user_accounts(staff_client, staff_user):
    from django.contrib.auth import get_user_model

    response = staff_client.get(admin_url(get_user_model(), "change", staff_user.pk))
    # They may look a user up (to attach a liaison) but not change one.
    assert response.status_code == 200
    assert b'name="is_superuser"' not in response.content


@pytest.mark.django_db
def test_status_is_read_only_in_the_admin(staff_client):
    proposal = factories.ProposalFactory(offered=True)
    response = staff_client.get(
        admin_url(Proposal, "change", proposal.pk), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert b'name="status"' not in response.content
    assert "Offered" in response.content.decode()
