"""Renewing a signed agreement: a lifecycle step with its guards and its own event, which
extends the term; the history is kept and shown on the partnership's page and the register."""

import datetime

import pytest

from partnerships import services
from partnerships.models import AgreementRenewal, Document, Proposal, ProposalEvent
from tests.factories import DocumentFactory, ProfileFactory, ProposalFactory, StaffUserFactory
from tests.html_forms import form_on_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def renewal_document(proposal, dated=datetime.date(2029, 5, 1)):
    return DocumentFactory(proposal=proposal, kind=Document.Kind.RENEWAL, dated=dated,
                           title="Renewal agreement", is_public=True)  # fmt: skip


def renew(proposal, years=5, **kwargs):
    return services.proposal_renew(proposal=proposal, by=StaffUserFactory(), years=years, **kwargs)


def test_renewing_extends_the_term_and_records_its_own_event(partnership):
    document = renewal_document(partnership)
    event = renew(partnership, years=3, note="Renewed at the council's request.")
    partnership.refresh_from_db()
    assert partnership.term_years == 8
    assert partnership.expires_on == datetime.date(2032, 6, 1)
    assert partnership.status == Proposal.Status.ACTIVE
    assert event.title_en == "Agreement renewed" and event.title_ja
    renewal = AgreementRenewal.objects.get()
    assert (renewal.event, renewal.document, renewal.years) == (event, document, 3)
    assert (renewal.previous_end, renewal.new_end) == (datetime.date(2029, 6, 1),
                                                        datetime.date(2032, 6, 1))  # fmt: skip


def refusal(proposal, **kwargs):
    with pytest.raises(services.TransitionRefused) as refused:
        renew(proposal, **kwargs)
    return " ".join(refused.value.problems)


def test_renewal_needs_a_renewal_agreement_with_its_date(partnership):
    assert "Renewal agreement: missing" in refusal(partnership)
    DocumentFactory(proposal=partnership, kind=Document.Kind.RENEWAL, dated=None)
    assert "its date is not recorded" in refusal(partnership)
    assert not ProposalEvent.objects.filter(proposal=partnership).exists()


def test_one_renewal_agreement_renews_once(partnership):
    renewal_document(partnership)
    renew(partnership)
    assert "used by an earlier renewal" in refusal(partnership)
    renewal_document(partnership, dated=datetime.date(2033, 5, 1))
    renew(partnership)
    assert Proposal.objects.get(pk=partnership.pk).term_years == 15


def test_renewal_needs_a_recorded_term(partnership):
    Proposal.objects.filter(pk=partnership.pk).update(term_years=None)
    renewal_document(partnership)
    assert "Agreement term: the signing date or the term in years is not recorded" in refusal(
        Proposal.objects.get(pk=partnership.pk)
    )


@pytest.mark.parametrize("years", [0, None, 31])
def test_renewal_needs_a_sensible_number_of_years(partnership, years):
    renewal_document(partnership)
    assert "Years added: give a number from 1 to 30" in refusal(partnership, years=years)
    assert Proposal.objects.get(pk=partnership.pk).term_years == 5


def test_a_dormant_partnership_renewed_is_active_again():
    proposal = ProposalFactory(dormant=True, term_years=5)
    renewal_document(proposal)
    renew(proposal)
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.ACTIVE


def test_the_staff_mail_of_a_renewal_names_the_step_not_a_change_of_status(partnership):
    from partnerships.notifications import message_for

    renewal_document(partnership)
    event = renew(partnership)
    reader = StaffUserFactory()
    ProfileFactory(user=reader, language="en")
    message = message_for("event", event, reader)
    assert "Agreement renewed" in message.subject and "Status" not in message.subject
    assert "From:" not in message.body


@pytest.mark.parametrize("state", ["signed", "ended"])
def test_only_an_active_or_dormant_partnership_is_renewed(state):
    proposal = ProposalFactory(**{state: True}, term_years=5)
    renewal_document(proposal)
    assert "Not possible from" in refusal(proposal)


def test_a_renewal_agreement_dated_before_the_signing_is_refused(partnership):
    renewal_document(partnership, dated=datetime.date(2020, 1, 1))
    assert "before the signing" in refusal(partnership)


def test_staff_renew_from_the_rendered_step_page(client, partnership):
    renewal_document(partnership)
    client.force_login(StaffUserFactory())
    url = f"/admin/partnerships/proposal/{partnership.pk}/step/renew/"
    data = form_on_page(client, url, "step-form", **EN)
    assert data["years"] == "5"  # the first term, offered again
    data["years"] = "4"
    response = client.post(url, data, **EN)
    assert response.status_code == 302
    assert Proposal.objects.get(pk=partnership.pk).term_years == 9
    # Once renewed, the term is no longer a field staff type into.
    change = client.get(f"/admin/partnerships/proposal/{partnership.pk}/change/", **EN)
    assert 'name="term_years"' not in change.content.decode()


def test_the_renewal_is_shown_in_public(client, partnership):
    renewal_document(partnership)
    renew(partnership, years=5)
    page = client.get("/en/proposals/kupang-yamabe/").content.decode()
    assert "for 5 more years" in page and "Agreement renewed" in page
    register = client.get("/en/register/").content.decode()
    assert "renewed once" in register and "June 1, 2034" in register
    rows = b"".join(client.get("/en/open-data/agreements.csv").streaming_content).decode()
    assert '"kupang-yamabe"' not in rows  # references, not slugs
    assert f'"{partnership.reference}"' in rows and '"10","false","1","2034-06-01"' in rows


def test_a_renewal_kept_off_the_public_timeline_stays_off_the_public_pages(client, partnership):
    renewal_document(partnership)
    renew(partnership, public=False)
    page = client.get("/en/proposals/kupang-yamabe/").content.decode()
    assert "more years" not in page
    assert "renewed once" not in client.get("/en/register/").content.decode()
