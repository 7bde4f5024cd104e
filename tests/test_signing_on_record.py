"""Signing records the agreement: who signed for each side and for how long, asked for by the
sign step's form, and one signing date (the agreement's) on the stepper, the timeline and the
register. Agreements signed before the portal asked for this are listed for staff to complete."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Proposal
from tests.factories import ProposalFactory
from tests.html_forms import form_on_page
from tests.lifecycle import ready_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SIGNED_ON = datetime.date(2024, 6, 1)  # the agreement document's date (tests.lifecycle)


def sign_page(proposal):
    return reverse("admin:partnerships_proposal_step", args=[proposal.pk, "sign"])


def ready_to_sign():
    """Approving, with the approvals and the dated agreement, but nobody recorded as signing."""
    proposal = ready_for("sign")
    Proposal.objects.filter(pk=proposal.pk).update(
        term_years=None, **{f"{f}_{s}": "" for f in ("city_signatory_name", "city_signatory_office",
                            "partner_signatory_name", "partner_signatory_office")
                            for s in ("ind", "en", "ja")}
    )  # fmt: skip
    return proposal


def test_the_sign_step_refuses_without_signatories_or_term_and_keeps_what_was_typed(staff_client):
    proposal = ready_to_sign()
    url = sign_page(proposal)
    page = staff_client.get(url, **EN).content.decode()
    assert "Name of Kupang&#x27;s signatory — English" in page and "Term (years)" in page
    assert 'name="occurred_on"' not in page  # the agreement's date is the signing date

    typed = {**form_on_page(staff_client, url, "step-form"), "city_signatory_name_en": "Maria Ndun"}
    response = staff_client.post(url, typed, **EN)

    text = response.content.decode()
    assert (
        "Signatories of both sides: not recorded: the office of Kupang&#x27;s signatory, "
        "the name of the partner city&#x27;s signatory"
    ) in text
    assert "Term of the agreement: give the term in years" in text
    assert 'value="Maria Ndun"' in text  # nothing typed is lost
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.APPROVING


def signed_through_the_form(staff_client, **term):
    proposal = ready_to_sign()
    url = sign_page(proposal)
    form = {
        **form_on_page(staff_client, url, "step-form"),
        "city_signatory_name_en": "Maria Ndun", "city_signatory_office_en": "Mayor of Kupang",
        "partner_signatory_name_ja": "國島芳明", "partner_signatory_office_ja": "高山市長",
        **term,
    }  # fmt: skip
    response = staff_client.post(url, form, **EN)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Proposal.objects.get(pk=proposal.pk)


def test_one_signing_date_on_the_stepper_the_timeline_and_the_register(staff_client, client):
    proposal = signed_through_the_form(staff_client, term_years="5")
    Proposal.objects.filter(pk=proposal.pk).update(published=True)

    assert proposal.signed_on == SIGNED_ON and proposal.term_years == 5
    event = proposal.events.get(to_status="signed")
    assert timezone.localdate(event.occurred_at) == SIGNED_ON
    page = client.get(f"/en/proposals/{proposal.slug}/").content.decode()
    stepper = page[page.index('class="stepper') : page.index("</ol>", page.index('class="stepper'))]
    timeline = page[page.index('<ol class="timeline">') :]
    assert "June 1, 2024" in stepper and "June 1, 2024" in timeline
    assert "Dec." not in timeline.split("Agreement signed")[0][-200:]
    assert "Maria Ndun" in page and "國島芳明" in page
    register = client.get("/en/register/").content.decode()
    assert '<time datetime="2024-06-01">June 1, 2024</time>' in register


def test_an_agreement_with_no_end_date_says_so_on_the_register(staff_client, client):
    proposal = signed_through_the_form(staff_client, term_indefinite="on")
    Proposal.objects.filter(pk=proposal.pk).update(published=True)

    register = client.get("/en/register/").content.decode()
    response = client.get(reverse("partnerships:open_data_csv", args=["agreements"]))
    csv = b"".join(response.streaming_content).decode()

    assert proposal.term_indefinite and proposal.expires_on is None
    assert "no end date" in register and "term not recorded" not in register
    assert '"Maria Ndun, Mayor of Kupang"' in csv and ',"true",' in csv


def test_years_and_no_end_date_together_are_refused(staff_client):
    proposal = ready_to_sign()
    url = sign_page(proposal)
    form = {**form_on_page(staff_client, url, "step-form"), "term_years": "5",
            "term_indefinite": "on", "city_signatory_name_en": "A", "city_signatory_office_en": "B",
            "partner_signatory_name_en": "C", "partner_signatory_office_en": "D"}  # fmt: skip

    text = staff_client.post(url, form, **EN).content.decode()

    assert "give either the term in years or no end date, not both" in text
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.APPROVING


def test_agreements_signed_without_them_are_listed_for_staff_to_complete(staff_client):
    incomplete = ProposalFactory(active=True, title="Kupang–Takayama")
    complete = ProposalFactory(
        active=True, title="Kupang–Oita", term_indefinite=True, city_signatory_name_ind="A",
        city_signatory_office_ind="B", partner_signatory_name_ja="C",
        partner_signatory_office_ja="D",
    )  # fmt: skip

    index = staff_client.get(reverse("admin:index"), **EN).content.decode()

    panel = index[index.index("Signed agreements to complete") :]
    assert "Kupang–Takayama" in panel and "Kupang–Oita" not in panel
    assert list(Proposal.objects.agreement_incomplete()) == [incomplete]
    assert complete.pk


def test_an_agreement_dated_before_the_last_step_is_refused_naming_the_document():
    from partnerships import services
    from tests.factories import ProposalEventFactory, StaffUserFactory

    proposal = ready_for("sign")  # its agreement is dated 1 June 2024
    stepped = timezone.make_aware(datetime.datetime(2024, 7, 1, 12))
    ProposalEventFactory(proposal=proposal, from_status="loi_signed", to_status="approving",
                         occurred_at=stepped)  # fmt: skip

    with pytest.raises(services.TransitionRefused) as refusal:
        services.proposal_sign(proposal=proposal, by=StaffUserFactory())

    assert refusal.value.problems == [
        "Signed agreement: dated June 1, 2024, before the last recorded step (July 1, 2024): "
        "check its date"
    ]
