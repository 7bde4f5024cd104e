"""Nothing is hard-deleted through the admin: records are archived (hidden everywhere, kept with
their history) and restored; places in use refuse deletion; a revert from the edit history
cannot move what only the services move."""

import pytest
from django.contrib import admin
from django.urls import reverse

from delegations.models import Commitment, Delegate, Visit, VisitDocument
from partnerships import archiving
from partnerships.models import (
    Approval,
    CandidateCity,
    Comment,
    Document,
    FocusSector,
    Proposal,
    ProposalEvent,
)
from tests.factories import (
    ApprovalFactory,
    CandidateCityFactory,
    CommentFactory,
    CommitmentFactory,
    ConsulateFactory,
    DocumentFactory,
    LiaisonFactory,
    PartnerCityFactory,
    ProposalEventFactory,
    ProposalFactory,
    VisitFactory,
)
from tests.html_forms import admin_form_data, form_on_page
from tests.lifecycle import ready_for, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ARCHIVABLE = [Proposal, ProposalEvent, CandidateCity, Approval, Document, Comment, Visit, Delegate,
              Commitment, VisitDocument]  # fmt: skip


def admin_url(obj, view):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def archive(client, obj, reason="Entered twice by mistake."):
    url = admin_url(obj, "archive")
    return client.post(url, {**form_on_page(client, url, "archive-form"), "reason": reason}, **EN)


def restore(client, obj):
    url = admin_url(obj, "restore")
    return client.post(url, form_on_page(client, url, "archive-form"), **EN)


@pytest.mark.parametrize("model", ARCHIVABLE, ids=lambda m: m.__name__)
def test_the_admin_deletes_no_record_with_history(staff_client, model):
    model_admin = admin.site._registry[model]
    request = staff_client.get(reverse("admin:index")).wsgi_request
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)


def test_the_delete_page_is_refused(staff_client):
    proposal = ProposalFactory()
    assert staff_client.post(admin_url(proposal, "delete"), {"post": "yes"}).status_code == 403
    assert Proposal.objects.filter(pk=proposal.pk).exists()


def test_inline_rows_offer_no_delete_box_and_a_posted_one_deletes_nothing(staff_client):
    proposal = ProposalFactory(offered=True)
    document = DocumentFactory(proposal=proposal)
    url = admin_url(proposal, "change")
    shown = admin_form_data(staff_client, url)
    assert not [name for name in shown if name.endswith("-DELETE")]

    staff_client.post(url, {**shown, "documents-0-DELETE": "on"})

    assert Document.objects.filter(pk=document.pk).exists()


def test_an_archived_proposal_disappears_everywhere_and_comes_back_on_restore(staff_client):
    from django.test import Client

    client = Client()  # a citizen, then a liaison, beside the staff member
    proposal = ProposalFactory(offered=True, title="Kupang–Kitakyushu")
    liaison = LiaisonFactory(consulate=proposal.consulate).user
    public_places = [
        f"/en/proposals/{proposal.slug}/",
        "/en/proposals/",
        "/en/",
        "/feeds/updates.atom",
        "/en/open-data/proposals.json",
        "/sitemap-proposals.xml",
    ]
    ProposalEventFactory(proposal=proposal, title="Offer made", is_public=True)

    response = archive(staff_client, proposal)

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_archived and proposal.archive_reason == "Entered twice by mistake."
    assert client.get(public_places[0]).status_code == 404
    assert all(
        proposal.slug not in client.get(url).getvalue().decode() for url in public_places[1:]
    )
    client.force_login(liaison)
    assert client.get(reverse("review:proposal", args=[proposal.reference])).status_code == 404
    changelist = staff_client.get(reverse("admin:partnerships_proposal_changelist"))
    archived_list = staff_client.get(
        reverse("admin:partnerships_proposal_changelist") + "?archive=archived"
    )
    assert changelist.status_code == archived_list.status_code == 200
    assert proposal.reference not in changelist.content.decode()
    assert proposal.reference in archived_list.content.decode()
    assert proposal.history.first().archived_at is not None  # the edit history has it
    note = proposal.events.get(title_en__startswith="Archived")
    assert note.is_public is False and note.note == "Entered twice by mistake."

    assert restore(staff_client, proposal).status_code == 302
    client.logout()
    assert client.get(public_places[0]).status_code == 200
    assert proposal.events.filter(title_en__startswith="Restored").exists()


def test_archiving_asks_for_a_reason_and_changes_nothing_without_one(staff_client):
    proposal = ProposalFactory(offered=True)
    response = archive(staff_client, proposal, reason="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Proposal.objects.get(pk=proposal.pk).is_archived


def test_the_archive_page_says_what_archiving_does_before_anything_changes(staff_client):
    proposal = ProposalFactory(offered=True)
    body = staff_client.get(admin_url(proposal, "archive"), **EN).content.decode()
    assert "Nothing is deleted: it is kept with its edit history" in body
    assert not Proposal.objects.get(pk=proposal.pk).is_archived


def test_no_step_is_taken_on_an_archived_proposal(staff_user):
    from partnerships import services

    proposal = ready_for("explore")
    archiving.record_archive(record=proposal, by=staff_user, reason="Duplicate.")
    with pytest.raises(services.TransitionRefused) as refusal:
        take("explore", proposal, staff_user)
    assert "This proposal is archived: restore it before taking a step." in refusal.value.problems


def test_an_archived_document_is_hidden_and_no_longer_meets_its_gate(staff_client):
    from django.test import Client

    from partnerships import requirements as req

    client = Client()
    proposal = ProposalFactory(exploring=True)
    letter = DocumentFactory(
        proposal=proposal, kind="letter_of_intent", is_public=True, title="LoI with Toyama"
    )
    download = reverse("partnerships:document_download", args=[letter.pk])
    assert client.get(download).status_code == 200
    assert req.LETTER_OF_INTENT.check(proposal) is None

    archive(staff_client, letter)

    assert client.get(download).status_code == 404
    assert req.LETTER_OF_INTENT.check(Proposal.objects.get(pk=proposal.pk)) == "missing"
    page = staff_client.get(reverse("review:proposal", args=[proposal.reference])).content
    assert f">{letter.title}</a>" not in page.decode()  # no longer among the documents
    assert ProposalEvent.objects.filter(proposal=proposal, title_en__contains=letter.title).exists()


def test_an_archived_event_leaves_the_public_timeline(staff_client, client):
    proposal = ProposalFactory(offered=True)
    event = ProposalEventFactory(proposal=proposal, title="Courtesy call", is_public=True)
    archive(staff_client, event)
    assert "Courtesy call" not in client.get(f"/en/proposals/{proposal.slug}/").content.decode()


def test_a_lifecycle_step_cannot_be_archived(staff_client, staff_user):
    proposal = ready_for("explore")
    step = take("explore", proposal, staff_user)
    page = staff_client.get(admin_url(step, "archive"), **EN).content.decode()
    assert "A lifecycle step stays on the timeline" in page
    assert 'id="archive-form"' not in page
    with pytest.raises(archiving.ArchiveRefused):
        archiving.record_archive(record=step, by=staff_user, reason="Hide it")
    assert not ProposalEvent.objects.get(pk=step.pk).is_archived


def test_the_selected_city_cannot_be_archived(staff_user):
    candidate = CandidateCityFactory(state="selected")
    with pytest.raises(archiving.ArchiveRefused) as refusal:
        archiving.record_archive(record=candidate, by=staff_user, reason="Wrong city")
    assert refusal.value.problems == [
        "The selected partner city cannot be archived: set it aside first."
    ]


def test_an_archived_candidate_is_hidden_and_the_city_can_be_suggested_again(staff_user, client):
    from partnerships import candidates

    candidate = CandidateCityFactory(state="shortlisted")
    proposal = candidate.proposal
    archiving.record_archive(record=candidate, by=staff_user, reason="Suggested by mistake.")

    page = client.get(f"/en/proposals/{proposal.slug}/").content.decode()
    again, created = candidates.candidate_suggest(
        proposal=proposal, by=staff_user, city=candidate.city
    )
    assert candidate.city.name not in page
    assert created and again.pk != candidate.pk


def test_restoring_beside_a_replacement_is_refused_with_the_reason(staff_client, staff_user):
    approval = ApprovalFactory(kind="dprd_decision")
    archiving.record_archive(record=approval, by=staff_user, reason="Wrong scan.")
    ApprovalFactory(proposal=approval.proposal, kind="dprd_decision")

    response = restore(staff_client, approval)

    assert "This approval is already recorded for this proposal." in response.content.decode()
    assert Approval.objects.get(pk=approval.pk).is_archived


def test_a_second_approval_of_a_kind_is_refused_in_the_form_while_the_first_is_current(
    staff_client,
):
    approval = ApprovalFactory(kind="dprd_decision")
    url = reverse("admin:partnerships_approval_add")
    data = {**admin_form_data(staff_client, url), "proposal": approval.proposal.pk,
            "kind": "dprd_decision", "reference_number": "X/2"}  # fmt: skip
    response = staff_client.post(url, data, **EN)
    assert "This approval is already recorded for this proposal." in response.content.decode()


def test_an_archived_visit_is_gone_from_its_page_and_the_calendar(staff_client, client):
    visit = VisitFactory(title="Courtesy visit")
    archive(staff_client, visit)
    assert client.get(f"/en/visits/{visit.slug}/").status_code == 404
    assert "Courtesy visit" not in client.get("/visits.ics").getvalue().decode()


def test_an_archived_delegate_is_not_listed_on_the_visit_page(staff_client, client):
    from tests.factories import DelegateFactory

    delegate = DelegateFactory(name="Mistyped Name")
    archive(staff_client, delegate)
    page = client.get(f"/en/visits/{delegate.visit.slug}/").content.decode()
    assert "Mistyped Name" not in page


def test_an_archived_request_is_hidden_and_no_longer_waits_for_an_answer(staff_client):
    comment = CommentFactory(is_request=True, body="Posted twice")
    archive(staff_client, comment)
    review = staff_client.get(reverse("review:proposal", args=[comment.proposal.reference]))
    index = staff_client.get(reverse("admin:index"))
    assert "Posted twice" not in review.content.decode()
    assert "Posted twice" not in index.content.decode()


def test_an_archived_commitment_is_no_longer_overdue(staff_client):
    import datetime

    commitment = CommitmentFactory(description="Duplicate promise",
                                   due_on=datetime.date(2024, 1, 1))  # fmt: skip
    archive(staff_client, commitment)
    assert "Duplicate promise" not in staff_client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize(
    "make,uses",
    [
        (lambda: ProposalFactory().sectors.first(), "proposal"),
        (lambda: CandidateCityFactory().city, "candidate city"),
        (lambda: LiaisonFactory().consulate, "consulate liaison"),
    ],
    ids=["sector", "city", "consulate"],
)
def test_deleting_a_place_in_use_is_refused_naming_what_uses_it(staff_client, make, uses):
    place = make()
    response = staff_client.post(admin_url(place, "delete"), {"post": "yes"}, follow=True, **EN)
    body = response.content.decode()
    assert f"cannot be deleted: it is used by 1 {uses} (<a href=" in body
    assert type(place).objects.filter(pk=place.pk).exists()


def test_a_place_nobody_uses_can_be_deleted(staff_client):
    sector = FocusSector.objects.create(slug="tourism", name="Tourism")
    staff_client.post(admin_url(sector, "delete"), {"post": "yes"})
    assert not FocusSector.objects.filter(slug="tourism").exists()


def test_a_deleted_consulate_would_have_taken_its_proposals_so_it_is_refused(staff_client):
    consulate = ConsulateFactory()
    ProposalFactory(consulate=consulate)
    staff_client.post(admin_url(consulate, "delete"), {"post": "yes"})
    assert type(consulate).objects.filter(pk=consulate.pk).exists()


def test_every_model_staff_edit_keeps_an_edit_history():
    portal = [m for m in admin.site._registry if m._meta.app_label in {"partnerships",
                                                                       "delegations"}]  # fmt: skip
    assert [m.__name__ for m in portal if not hasattr(m, "history")] == []


def revert_to_first(client, obj):
    first = obj.history.earliest("history_date")
    opts = obj._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, first.pk]
    )
    return client.post(url, form_on_page(client, url, f"historical{opts.model_name}_form"))


def test_reverting_a_proposal_through_its_history_never_changes_its_status(staff_client):
    proposal = ProposalFactory(title="First title", title_ind="First title")
    proposal.title_ind = "Second title"
    proposal.save()
    take("offer", proposal, None)
    events_before = ProposalEvent.objects.count()

    response = revert_to_first(staff_client, Proposal.objects.get(pk=proposal.pk))

    proposal.refresh_from_db()
    assert response.status_code == 302
    assert proposal.status == "offered"  # the first version was a draft
    assert proposal.title_ind == "First title"  # what a revert is for
    assert ProposalEvent.objects.count() == events_before


def test_a_revert_that_would_unpublish_a_live_partnership_is_refused_with_the_reason(
    staff_client,
):
    proposal = ProposalFactory(offered=True, published=False, title_ind="Draft wording")
    Proposal.objects.filter(pk=proposal.pk).update(published=True)
    proposal = Proposal.objects.get(pk=proposal.pk)
    proposal.title_ind = "Published wording"
    proposal.save()

    first = proposal.history.earliest("history_date")
    url = reverse("admin:partnerships_proposal_simple_history", args=[proposal.pk, first.pk])
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    form = form_on_page(staff_client, url, "historicalproposal_form", **english)
    response = staff_client.post(url, form, **english)

    proposal.refresh_from_db()
    assert response.status_code == 200
    assert "Reverting cannot change this: it is “yes” now and would become “no”." in (
        response.content.decode()
    )
    assert proposal.published and proposal.title_ind == "Published wording"


def test_a_revert_that_keeps_the_publication_as_it_is_goes_through(staff_client):
    proposal = ProposalFactory(offered=True, published=False, title_ind="Draft wording")
    Proposal.objects.filter(pk=proposal.pk).update(published=True)
    proposal = Proposal.objects.get(pk=proposal.pk)
    proposal.title_ind = "Published wording"
    proposal.save()
    first = proposal.history.earliest("history_date")
    url = reverse("admin:partnerships_proposal_simple_history", args=[proposal.pk, first.pk])

    staff_client.post(url, {**form_on_page(staff_client, url, "historicalproposal_form"),
                            "published": "on"})  # fmt: skip

    proposal.refresh_from_db()
    assert proposal.published and proposal.title_ind == "Draft wording"


def test_reverting_a_commitment_never_reopens_it(staff_client, staff_user):
    from delegations.services import commitment_close

    commitment = CommitmentFactory(owner="Konsul Jenderal", description_ind="Koordinasi")
    commitment.owner = "Consul-General"
    commitment.save()
    commitment_close(commitment=commitment, by=staff_user, state="done", note="Kept.")

    response = revert_to_first(staff_client, Commitment.objects.get(pk=commitment.pk))

    reverted = Commitment.objects.get(pk=commitment.pk)
    assert response.status_code == 302
    assert reverted.owner == "Konsul Jenderal"  # the revert happened
    assert (reverted.state, reverted.closing_note) == ("done", "Kept.")


def test_reverting_a_candidate_never_undoes_a_decision(staff_client, staff_user):
    from partnerships import candidates

    candidate = CandidateCityFactory(rationale="First reasons")
    candidate.rationale = "Second reasons"
    candidate.save()
    candidates.candidate_set_aside(candidate=candidate, by=staff_user)

    response = revert_to_first(staff_client, CandidateCity.objects.get(pk=candidate.pk))

    reverted = CandidateCity.objects.get(pk=candidate.pk)
    assert response.status_code == 302 and reverted.rationale == "First reasons"
    assert reverted.state == "set_aside"


def test_reverting_never_unarchives(staff_client, staff_user):
    document = DocumentFactory(title="First title", title_ind="First title")
    document.title_ind = "Second title"
    document.save()
    archiving.record_archive(record=document, by=staff_user, reason="Wrong file.")

    response = revert_to_first(staff_client, Document.objects.get(pk=document.pk))

    reverted = Document.objects.get(pk=document.pk)
    assert response.status_code == 302 and reverted.title_ind == "First title"
    assert reverted.is_archived


def test_the_city_page_forgets_an_archived_candidacy(client, staff_user):
    city = PartnerCityFactory(name="Toyama")
    candidate = CandidateCityFactory(city=city, state="shortlisted")
    archiving.record_archive(record=candidate, by=staff_user, reason="Mistake.")
    page = client.get(f"/en/cities/{city.slug}/").content.decode()
    assert candidate.proposal.title not in page


def test_reverting_after_the_letter_of_intent_keeps_what_the_steps_set(staff_client, staff_user):
    proposal = ready_for("sign_loi", title="First title", title_ind="First title")
    Proposal.objects.filter(pk=proposal.pk).update(offered_on="2025-03-01")
    take("sign_loi", Proposal.objects.get(pk=proposal.pk), staff_user)
    signed = Proposal.objects.get(pk=proposal.pk)
    assert signed.partner_city is not None

    response = revert_to_first(staff_client, signed)

    reverted = Proposal.objects.get(pk=proposal.pk)
    assert response.status_code == 302
    assert (reverted.status, reverted.partner_city, reverted.offered_on) == (
        "loi_signed", signed.partner_city, signed.offered_on,
    )  # fmt: skip


def test_the_partner_city_and_signing_date_are_not_form_fields(staff_client):
    proposal = ProposalFactory(signed=True)
    shown = admin_form_data(staff_client, admin_url(proposal, "change"))
    assert "partner_city" not in shown and "signed_on" not in shown and "offered_on" not in shown
    draft_form = admin_form_data(staff_client, admin_url(ProposalFactory(), "change"))
    assert "offered_on" in draft_form  # a draft may carry the planned date of its offer


def test_a_step_event_stays_on_its_proposal_and_its_moment(staff_client, staff_user):
    proposal = ready_for("explore")
    step = take("explore", proposal, staff_user)
    other = ProposalFactory(offered=True)
    url = admin_url(step, "change")
    shown = admin_form_data(staff_client, url)
    assert "proposal" not in shown and "occurred_at_0" not in shown

    response = staff_client.post(url, {**shown, "proposal": other.pk, "note_ind": "Edited."})

    step.refresh_from_db()
    assert response.status_code == 302
    assert (step.proposal_id, step.note_ind) == (proposal.pk, "Edited.")


def test_an_event_cannot_be_dated_in_the_future(staff_client):
    import datetime

    event = ProposalEventFactory(title="Courtesy call")
    url = admin_url(event, "change")
    later = (timezone_now() + datetime.timedelta(days=10)).strftime("%Y-%m-%d")
    response = staff_client.post(url, {**admin_form_data(staff_client, url, **EN),
                                       "occurred_at_0": later}, **EN)  # fmt: skip
    assert "An event cannot be dated in the future." in response.content.decode()


def timezone_now():
    from django.utils import timezone

    return timezone.now()


def test_an_archived_request_cannot_be_answered_from_the_admin(staff_client, staff_user):
    comment = CommentFactory(is_request=True)
    archiving.record_archive(record=comment, by=staff_user, reason="Posted twice.")
    url = reverse("admin:partnerships_comment_answer", args=[comment.pk])
    assert staff_client.get(url).status_code == 404


def test_history_lists_what_a_person_changed_not_the_columns_the_portal_keeps(staff_client):
    proposal = ProposalFactory(title="Judul", title_ind="Judul")
    url = admin_url(proposal, "change")
    staff_client.post(url, admin_form_data(staff_client, url, **EN), **EN)  # unchanged, in English

    model_admin = admin.site._registry[Proposal]
    records = list(proposal.history.all())
    model_admin.set_history_delta_changes(None, records)

    changed = [change["field"] for change in records[0].history_delta_changes]
    assert changed == []


@pytest.mark.parametrize("lang,expected,not_expected", [("ja", "変更者", "Diubah oleh")])
def test_the_history_page_speaks_japanese(staff_client, lang, expected, not_expected):
    proposal = ProposalFactory()
    body = staff_client.get(admin_url(proposal, "history"), HTTP_ACCEPT_LANGUAGE=lang)
    assert expected in body.content.decode() and not_expected not in body.content.decode()


def test_an_archived_records_page_says_so_quietly_not_as_an_error(staff_client, staff_user):
    proposal = ProposalFactory()
    archiving.record_archive(record=proposal, by=staff_user, reason="Entered twice.")

    page = staff_client.get(admin_url(proposal, "change"), **EN).content.decode()

    note = page[page.index('class="archived-note"') - 3 :]
    assert note.startswith('<p class="archived-note" role="status">')
    assert "Entered twice." in note[:600] and "errornote" not in note[:100]
