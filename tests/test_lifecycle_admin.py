"""Staff carry a proposal through the lifecycle in the admin and are told what is missing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Proposal
from tests.factories import StaffUserFactory
from tests.html_forms import admin_form_data, form_on_page
from tests.lifecycle import ready_for

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def change_url(proposal):
    return reverse("admin:partnerships_proposal_change", args=[proposal.pk])


def step_url(proposal, verb):
    return reverse("admin:partnerships_proposal_step", args=[proposal.pk, verb])


def step_form(client, proposal, verb, **fields):
    """The step page's form as shown, with `fields` filled in by the person."""
    return {**form_on_page(client, step_url(proposal, verb), "step-form"), **fields}


def test_change_page_lists_the_next_steps_with_what_is_missing(staff_client):
    proposal = ready_for("seek_approvals", status="approving")  # approving, nothing recorded

    body = staff_client.get(change_url(proposal), **EN).content.decode()

    assert "Record the signing" in body  # the next step, named as something to do
    fix_approvals = f'<a href="{change_url(proposal)}#approvals-group">DPRD decision</a>: missing'
    assert fix_approvals in body
    assert f'<a href="{change_url(proposal)}#documents-group">Signed agreement</a>: missing' in body
    assert step_url(proposal, "withdraw") in body  # nothing blocks withdrawing
    assert step_url(proposal, "sign") not in body  # blocked: no button


def test_staff_takes_a_step_with_a_note(staff_client, staff_user):
    proposal = ready_for("explore")

    response = staff_client.post(
        step_url(proposal, "explore"),
        step_form(staff_client, proposal, "explore", note_en="Tokyo is consulted."),
        **EN,
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.EXPLORING
    event = proposal.events.get()
    assert (event.actor, event.note_en, event.is_public) == (
        staff_user,
        "Tokyo is consulted.",
        True,
    )


def test_a_step_can_be_kept_off_the_public_timeline(staff_client):
    proposal = ready_for("explore")
    form = step_form(staff_client, proposal, "explore", note_ind="Internal only.")
    del form["public"]  # the box unticked
    staff_client.post(step_url(proposal, "explore"), form)
    assert proposal.events.get().is_public is False


def test_a_blocked_step_explains_itself_and_changes_nothing(staff_client):
    proposal = ready_for("seek_approvals", status="approving")

    form = step_form(staff_client, proposal, "sign", note_ind="Signed!")
    response = staff_client.post(step_url(proposal, "sign"), form, follow=True, **EN)

    body = response.content.decode()
    assert "DPRD decision: missing" in body
    assert "Foreign Affairs full powers: missing" in body
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.APPROVING
    assert not proposal.events.exists()


def test_withdrawing_asks_for_a_reason_and_keeps_the_form(staff_client):
    proposal = ready_for("withdraw")

    response = staff_client.post(
        step_url(proposal, "withdraw"), step_form(staff_client, proposal, "withdraw"), **EN
    )

    assert response.status_code == 200
    assert response.context["form"].errors["reason_ind"]
    assert Proposal.objects.get(pk=proposal.pk).status == proposal.status


def test_unknown_step_is_refused(staff_client):
    proposal = ready_for("explore")
    assert staff_client.get(step_url(proposal, "teleport")).status_code == 403


def test_liaison_cannot_reach_the_admin_step_page(liaison_client, liaison):
    proposal = ready_for("explore", consulate=liaison.consulate)
    response = liaison_client.post(step_url(proposal, "explore"), {"note": "x"})
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.OFFERED


def test_stale_edit_is_refused_and_keeps_the_input(client, staff_client):
    proposal = ready_for("explore", title="Original title")
    form_data = admin_form_data(staff_client, change_url(proposal))  # opened at version N

    colleague = StaffUserFactory(username="colleague")
    client.force_login(colleague)
    client.post(change_url(proposal), {**admin_form_data(client, change_url(proposal)),
                                       "title_ind": "Colleague's title"})  # fmt: skip

    response = staff_client.post(
        change_url(proposal), {**form_data, "title_ind": "My late title"}, **EN
    )

    assert response.status_code == 200
    assert "Someone else changed this proposal after you opened it" in response.content.decode()
    assert "My late title" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).title_ind == "Colleague's title"


def test_fresh_edit_is_saved_and_recorded_in_history(staff_client, staff_user):
    proposal = ready_for("explore", title="Original title")
    form_data = admin_form_data(staff_client, change_url(proposal))

    response = staff_client.post(change_url(proposal), {**form_data, "title_ind": "New title"})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title_ind == "New title"
    record = proposal.history.first()
    assert (record.title_ind, record.history_user) == ("New title", staff_user)
    history_page = staff_client.get(
        reverse("admin:partnerships_proposal_history", args=[proposal.pk])
    )
    assert history_page.status_code == 200
    assert staff_user.username in history_page.content.decode()


def test_a_step_after_opening_the_form_makes_the_form_stale(staff_client):
    proposal = ready_for("explore", title="Original title")
    form_data = admin_form_data(staff_client, change_url(proposal))
    staff_client.post(
        step_url(proposal, "explore"), step_form(staff_client, proposal, "explore", note_ind="On")
    )

    response = staff_client.post(change_url(proposal), {**form_data, "title_ind": "Late"}, **EN)

    assert response.status_code == 200
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.EXPLORING


def test_staff_carries_a_proposal_from_draft_to_active_entirely_in_the_admin(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from partnerships.models import Approval, FocusSector
    from tests.factories import PDF_BYTES, ConsulateFactory, PartnerCityFactory

    def pdf(name):
        return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")

    def add(model, data):
        url = reverse(f"admin:partnerships_{model}_add")
        response = staff_client.post(
            url, {**admin_form_data(staff_client, url, **EN), **data}, **EN
        )
        assert response.status_code == 302, response.context["adminform"].form.errors

    def step(verb, **data):
        form = step_form(staff_client, proposal, verb, **data)
        response = staff_client.post(step_url(proposal, verb), form, **EN)
        assert response.status_code == 302, (verb, response.context["checklist"])

    consulate, city = ConsulateFactory(), PartnerCityFactory(name="Kitakyushu")
    add("proposal", {
        **admin_form_data(staff_client, reverse("admin:partnerships_proposal_add")),
        "reference": "KPG-2025-001", "slug": "kupang-kitakyushu", "title_ind": "Kupang–Kitakyushu",
        "partner_country": "JP", "consulate": consulate.pk, "offered_on": "2025-03-01",
        "sectors": [FocusSector.objects.get(slug="cleanliness").pk],
    })  # fmt: skip
    proposal = Proposal.objects.get(reference="KPG-2025-001")

    step("offer", note_en="Offered to the Consul-General.", occurred_on="2025-03-01")
    step("explore", note_en="Tokyo consulted.", occurred_on="2025-04-01")
    add("candidatecity", {"proposal": proposal.pk, "city": city.pk})
    decide = reverse("admin:partnerships_candidatecity_decide",
                     args=[proposal.candidates.get().pk, "select"])  # fmt: skip
    staff_client.post(
        decide, {**form_on_page(staff_client, decide, "decision-form"), "occurred_on": "2025-05-01"}
    )
    add("document", {"proposal": proposal.pk, "kind": "letter_of_intent", "title_ind": "LoI",
                     "dated": "2025-06-01", "file": pdf("loi.pdf")})  # fmt: skip
    step("sign_loi", occurred_on="2025-06-01")
    add("document", {"proposal": proposal.pk, "kind": "plan_of_action", "title_ind": "ToR",
                     "dated": "2025-07-01", "file": pdf("tor.pdf")})  # fmt: skip
    step("seek_approvals", occurred_on="2025-07-01")
    for number, kind in enumerate(Approval.Kind):
        add("approval", {"proposal": proposal.pk, "kind": kind, "reference_number": f"N/{number}",
                         "issued_on": "2025-09-01", "document": pdf(f"{kind}.pdf")})  # fmt: skip
    add("document", {"proposal": proposal.pk, "kind": "agreement", "title_ind": "MoU",
                     "dated": "2025-10-01", "file": pdf("mou.pdf")})  # fmt: skip
    step("sign", city_signatory_name_en="Maria Ndun", city_signatory_office_en="Mayor of Kupang",
         partner_signatory_name_ja="北橋健治", partner_signatory_office_ja="北九州市長",
         term_years="5")  # fmt: skip
    step("activate")

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACTIVE
    assert proposal.partner_city == city
    assert str(proposal.signed_on) == "2025-10-01"
    assert (proposal.term_years, proposal.partner_signatory_office_ja) == (5, "北九州市長")
    signed = proposal.events.get(to_status="signed")
    assert str(timezone.localdate(signed.occurred_at)) == "2025-10-01"
    assert list(proposal.events.values_list("to_status", flat=True)) == [
        "offered",
        "exploring",
        "",  # Kitakyushu selected: an event, not a status change
        "loi_signed",
        "approving",
        "signed",
        "active",
    ]
    assert all(e.actor is not None for e in proposal.events.all())


def test_publishing_a_draft_is_refused_with_a_message(staff_client):
    proposal = ready_for("offer")  # a draft
    url = change_url(proposal)
    data = {**admin_form_data(staff_client, url), "published": "on"}

    response = staff_client.post(url, data, **EN)

    assert response.status_code == 200
    assert "A draft cannot be published: make the offer first." in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).published is False


def test_a_new_proposal_cannot_start_published(staff_client):
    from tests.factories import ConsulateFactory

    url = reverse("admin:partnerships_proposal_add")
    data = {
        **admin_form_data(staff_client, url),
        "reference": "KPG-2025-009", "slug": "new-one", "title_ind": "Baru",
        "consulate": ConsulateFactory().pk, "published": "on",
    }  # fmt: skip
    # The add form asks only what a draft needs: it has no "published" box, and a box sent
    # anyway is not read.
    assert 'name="published"' not in staff_client.get(url, **EN).content.decode()
    response = staff_client.post(url, data, **EN)
    assert response.status_code == 302
    assert Proposal.objects.get(reference="KPG-2025-009").published is False
