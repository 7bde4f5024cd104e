"""A staff member records the whole 7 March 2023 visit, and Kupang's offer, in the admin alone."""

import pytest
from django.urls import reverse

from delegations.models import Visit
from partnerships.models import FocusSector, Proposal
from tests.factories import ConsulateFactory, ProposalFactory
from tests.html_forms import admin_form_data, with_inline_rows

pytestmark = pytest.mark.django_db


def test_staff_records_the_courtesy_visit_with_delegates_and_commitments(staff_client):
    offer = ProposalFactory(offered=True, title="Kupang offer")
    url = reverse("admin:delegations_visit_add")
    data = {
        **admin_form_data(staff_client, url),
        "title_ind": "Kunjungan kehormatan Konsul Jenderal Jepang",
        "title_en": "Courtesy visit of the Consul-General of Japan",
        "title_ja": "総領事の表敬訪問",
        "slug": "courtesy-visit-2023-03-07",
        "direction": "inbound",
        "starts_on": "2023-03-07",
        "ends_on": "2023-03-07",
        "published": "on",
        "place_ind": "Balai Kota Kupang",
        "host_ind": "Pemerintah Kota Kupang",
        "visiting_mission_ind": "Consulate-General of Japan in Denpasar",
        "highlights_ind": "- Natoni oleh murid SDN Fontein I\n- Kain tenun NTT",
        "proposals": [offer.pk],
        "sectors": [sector.pk for sector in FocusSector.objects.all()],
    }
    data = with_inline_rows(
        with_inline_rows(
            data,
            "delegates",
            {
                "side": "host",
                "order": 1,
                "name": "George M. Hadjoh",
                "title_ind": "Penjabat Wali Kota Kupang",
            },
            {
                "side": "guest",
                "order": 1,
                "name": "Katsumata Harumi",
                "title_ind": "Konsul Jenderal Jepang di Denpasar",
            },
        ),
        "commitments",
        {
            "description_ind": "Berkoordinasi dengan Tokyo",
            "owner_ind": "Konsul Jenderal",
            "proposal": offer.pk,
        },
        {"description_ind": "Mengajak Duta Besar ke Kupang", "owner_ind": "Konsul Jenderal"},
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    visit = Visit.objects.get(slug="courtesy-visit-2023-03-07")
    assert visit.title_ja == "総領事の表敬訪問"
    assert sorted(visit.delegates.values_list("name", flat=True)) == [
        "George M. Hadjoh",
        "Katsumata Harumi",
    ]
    assert visit.commitments.count() == 2
    assert list(visit.proposals.all()) == [offer]
    assert visit.sectors.count() == 4


def test_staff_records_the_offer_as_a_draft(staff_client):
    consulate = ConsulateFactory()
    url = reverse("admin:partnerships_proposal_add")
    data = {
        **admin_form_data(staff_client, url),
        "reference": "KPG-2023-001",
        "slug": "kupang-japan",
        "title_ind": "Kemitraan kota kembar Kupang dengan Jepang",
        "partner_country": "JP",
        "consulate": consulate.pk,
        "sectors": [sector.pk for sector in FocusSector.objects.all()],
        "offered_on": "2023-03-07",
    }

    response = staff_client.post(url, data)

    assert response.status_code == 302
    proposal = Proposal.objects.get(reference="KPG-2023-001")
    assert proposal.status == Proposal.Status.DRAFT
    assert proposal.sectors.count() == 4


def test_bad_input_re_renders_the_form_with_messages_and_keeps_the_input(staff_client):
    url = reverse("admin:delegations_visit_add")
    data = {
        **admin_form_data(staff_client, url),
        "title_ind": "Kunjungan tanpa tanggal yang benar",
        "slug": "bad-dates",
        "direction": "inbound",
        "starts_on": "2023-03-07",
        "ends_on": "2023-03-06",
        "place_ind": "Kupang",
        "host_ind": "Kota Kupang",
        "visiting_mission_ind": "Konsulat",
    }

    response = staff_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "A visit cannot end before it starts." in response.content.decode()
    assert not Visit.objects.filter(slug="bad-dates").exists()
    assert "Kunjungan tanpa tanggal yang benar" in response.content.decode()
    assert response.context["adminform"].form.errors


def test_staff_cannot_change_the_status_by_posting_it(staff_client):
    proposal = ProposalFactory(title="Unchanged")
    url = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    data = {**admin_form_data(staff_client, url), "status": "signed"}

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DRAFT
