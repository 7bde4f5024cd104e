"""Every file link in the admin and on the review page goes through a view that checks who may
see the file; the media folder is never linked (it is not served at all)."""

import pytest
from django.urls import reverse

from tests.factories import (
    PDF_BYTES,
    ApprovalFactory,
    DocumentFactory,
    LiaisonFactory,
    ProposalFactory,
    VisitDocumentFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    proposal = ProposalFactory(approving=True)
    visit = VisitFactory()
    return {
        "proposal": proposal,
        "approval": ApprovalFactory(proposal=proposal),
        "document": DocumentFactory(proposal=proposal, is_public=False),
        "visit": visit,
        "visit document": VisitDocumentFactory(visit=visit),
    }


def file_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_file", args=[record.pk])


def admin_pages(records):
    return [
        reverse("admin:partnerships_proposal_change", args=[records["proposal"].pk]),
        reverse("admin:partnerships_approval_change", args=[records["approval"].pk]),
        reverse("admin:partnerships_document_change", args=[records["document"].pk]),
        reverse("admin:delegations_visit_change", args=[records["visit"].pk]),
    ]


def test_admin_pages_link_files_through_checking_views_never_the_media_folder(
    staff_client, records
):
    bodies = [staff_client.get(url).content.decode() for url in admin_pages(records)]
    assert all("/media/" not in body for body in bodies)
    proposal_page, approval_page, document_page, visit_page = bodies
    assert f'href="{file_url(records["approval"])}"' in proposal_page
    assert f'href="{file_url(records["document"])}"' in proposal_page
    assert f'href="{file_url(records["approval"])}"' in approval_page
    assert f'href="{file_url(records["document"])}"' in document_page
    assert f'href="{file_url(records["visit document"])}"' in visit_page


@pytest.mark.parametrize("name", ["approval", "document", "visit document"])
def test_staff_download_the_file_through_the_link(staff_client, records, name):
    response = staff_client.get(file_url(records[name]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize("role", ["anonymous", "liaison", "citizen"])
@pytest.mark.parametrize("name", ["approval", "document"])
def test_nobody_else_gets_a_file_through_the_admin(client, records, role, name):
    if role == "liaison":
        client.force_login(LiaisonFactory(consulate=records["proposal"].consulate).user)
    elif role == "citizen":
        from tests.factories import UserFactory

        client.force_login(UserFactory())
    response = client.get(file_url(records[name]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_record_whose_file_is_gone_answers_404(staff_client, records):
    records["document"].file.delete(save=False)
    assert staff_client.get(file_url(records["document"])).status_code == 404


def test_an_approval_without_a_scan_answers_404(staff_client, records):
    approval = ApprovalFactory(proposal=records["proposal"], kind="home_affairs_facilitation",
                               document="")  # fmt: skip
    assert staff_client.get(file_url(approval)).status_code == 404


def review_scan(records):
    return reverse(
        "review:approval_document", args=[records["proposal"].reference, records["approval"].pk]
    )


def test_the_review_page_offers_the_approval_scan_to_the_handling_liaison(client, records):
    client.force_login(LiaisonFactory(consulate=records["proposal"].consulate).user)
    page = client.get(reverse("review:proposal", args=[records["proposal"].reference]))
    assert review_scan(records) in page.content.decode()
    assert "/media/" not in page.content.decode()
    response = client.get(review_scan(records))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES


def test_another_missions_liaison_never_gets_the_scan(client, records):
    client.force_login(LiaisonFactory().user)
    assert client.get(review_scan(records)).status_code == 404
