"""Publishing is never forgotten: activating an unpublished partnership asks, on its page,
whether to publish it now; any step on an unpublished proposal says the public will not see it;
the admin index lists the active partnerships the public cannot see."""

import pytest
from django.urls import reverse

from partnerships.models import Proposal
from tests.html_forms import form_on_page
from tests.lifecycle import ready_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def step_page(proposal, verb):
    return reverse("admin:partnerships_proposal_step", args=[proposal.pk, verb])


def unpublished_ready_to_activate():
    proposal = ready_for("activate")
    Proposal.objects.filter(pk=proposal.pk).update(published=False)
    return Proposal.objects.get(pk=proposal.pk)


def test_activation_publishes_the_partnership_as_the_page_proposes(staff_client, client):
    proposal = unpublished_ready_to_activate()
    url = step_page(proposal, "activate")
    page = staff_client.get(url, **EN).content.decode()
    assert "Publish the partnership now" in page
    assert "The partnership is not published" in page

    staff_client.post(url, form_on_page(staff_client, url, "step-form", **EN), **EN)

    proposal.refresh_from_db()
    assert (proposal.status, proposal.published) == ("active", True)
    assert client.get(f"/en/proposals/{proposal.slug}/").status_code == 200


def test_left_unpublished_it_is_listed_on_the_admin_index(staff_client, client):
    proposal = unpublished_ready_to_activate()
    url = step_page(proposal, "activate")
    form = form_on_page(staff_client, url, "step-form", **EN)
    form.pop("publish")  # the box unticked

    staff_client.post(url, form, **EN)

    proposal.refresh_from_db()
    assert (proposal.status, proposal.published) == ("active", False)
    assert client.get(f"/en/proposals/{proposal.slug}/").status_code == 404
    index = staff_client.get(reverse("admin:index"), **EN).content.decode()
    panel = index[index.index("Active partnerships the public cannot see") :]
    assert proposal.title in panel[: panel.index("</section>")]


def test_a_step_on_an_unpublished_proposal_says_the_public_will_not_see_it(staff_client):
    proposal = ready_for("explore")
    Proposal.objects.filter(pk=proposal.pk).update(published=False)

    page = staff_client.get(step_page(proposal, "explore"), **EN).content.decode()

    assert "This proposal is not published: the public will not see this step" in page
    assert "Publish the partnership now" not in page


def test_a_published_partnerships_activation_asks_nothing_more(staff_client):
    proposal = ready_for("activate")
    assert proposal.published

    page = staff_client.get(step_page(proposal, "activate"), **EN).content.decode()

    assert "Publish the partnership now" not in page
    assert "published with its note on the proposal&#x27;s public timeline" in page
