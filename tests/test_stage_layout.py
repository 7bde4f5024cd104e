"""A proposal's admin page shows what its stage needs and folds the rest (<details>, which opens
without JavaScript); the add form asks only what a draft needs, then goes on to the draft's page;
a delegate is a short row."""

import re

import pytest
from django.urls import reverse

from partnerships.models import Proposal
from tests.factories import (
    ConsulateFactory,
    FocusSectorFactory,
    ProposalFactory,
    StaffUserFactory,
    VisitFactory,
)
from tests.html_forms import form_on_page
from tests.lifecycle import proposal_in

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ADD = "/admin/partnerships/proposal/add/"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffUserFactory())
    return client


def visible_names(html):
    """The names of the inputs a person can fill in (not hidden ones)."""
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
    names = set()
    for tag in tags:
        name = re.search(r'name="([^"]+)"', tag)
        shown = not re.search(r'type="(hidden|submit)"', tag)
        if name and shown and "__prefix__" not in name.group(1):
            names.add(name.group(1))
    return names


def section(html, heading):
    """The HTML of the fieldset or inline whose heading is `heading`, and whether it is folded."""
    at = re.search(rf">\s*{heading}\s*</h", html).start()
    start = html.rfind("<fieldset", 0, at)
    folded = "<details><summary>" in html[start:at] and "<details open" not in html[start:at]
    return html[start : html.index("</fieldset>", at)], folded


def test_the_add_form_asks_only_what_a_draft_needs(staff_client):
    page = staff_client.get(ADD, **EN).content.decode()
    html = re.search(r'<form [^>]*id="proposal_form".*?</form>', page, re.S).group(0)

    names = {re.sub(r"_(ind|en|ja)$", "", name) for name in visible_names(html)}
    assert names == {
        "reference", "slug", "title", "summary", "partner_country", "consulate", "sectors",
    }  # fmt: skip
    assert "-TOTAL_FORMS" not in html  # no rows to add before the draft exists


def test_a_saved_draft_goes_on_to_its_own_page(staff_client):
    consulate = ConsulateFactory()
    sector = FocusSectorFactory()
    data = form_on_page(staff_client, ADD, "proposal_form", **EN)
    data.update(
        reference="KPG-2026-009", slug="kpg-2026-009", title_ind="Kemitraan baru",
        partner_country="JP", consulate=str(consulate.pk), sectors=[str(sector.pk)],
    )  # fmt: skip

    answer = staff_client.post(ADD, data, **EN)

    draft = Proposal.objects.get(reference="KPG-2026-009")
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert answer["Location"] == reverse("admin:partnerships_proposal_change", args=[draft.pk])
    page = staff_client.get(answer["Location"], **EN).content.decode()
    assert "Record the offer…" in page  # the next step, at the top


@pytest.mark.parametrize(
    "status, agreement_folded, candidates_folded, approvals_folded",
    [
        ("draft", True, True, True),
        ("exploring", True, False, True),
        ("approving", True, True, False),
        ("active", False, True, True),
    ],
)
def test_each_stage_opens_what_it_needs_and_folds_the_rest(
    staff_client, status, agreement_folded, candidates_folded, approvals_folded
):
    proposal = proposal_in(status)
    url = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    html = staff_client.get(url, **EN).content.decode()

    assert section(html, "Agreement")[1] is agreement_folded
    assert section(html, "Candidate cities")[1] is candidates_folded
    assert section(html, "Approvals")[1] is approvals_folded
    # Folded, never removed: the signatories are on the page at every stage.
    assert re.search(r'name="city_signatory_name(_ind)?"', html)


def test_renewals_and_the_closing_reason_appear_only_where_they_can_exist(staff_client):
    draft = ProposalFactory()
    html = staff_client.get(
        reverse("admin:partnerships_proposal_change", args=[draft.pk]), **EN
    ).content.decode()
    assert 'id="renewals-group"' not in html
    assert "field-closing_reason" not in html

    active = proposal_in("active")
    html = staff_client.get(
        reverse("admin:partnerships_proposal_change", args=[active.pk]), **EN
    ).content.decode()
    assert 'id="renewals-group"' in html

    ended = proposal_in("withdrawn")
    html = staff_client.get(
        reverse("admin:partnerships_proposal_change", args=[ended.pk]), **EN
    ).content.decode()
    assert "field-closing_reason" in html


def test_a_delegate_is_a_short_row(staff_client):
    visit = VisitFactory()
    url = reverse("admin:delegations_visit_change", args=[visit.pk])
    html = staff_client.get(url, **EN).content.decode()

    row = html[html.index('id="delegates-empty"') :]
    row = row[: row.index("</tr>")]
    fields = set(re.findall(r'name="delegates-__prefix__-([^"]+)"', row))
    assert fields == {"id", "visit", "name", "title_ind", "side"}  # id and visit are hidden


def test_the_long_full_text_is_folded_and_the_linked_sections_keep_their_numbers(staff_client):
    proposal = proposal_in("offered")
    url = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    html = staff_client.get(url, **EN).content.decode()

    full_text, folded = section(html, "Full text")
    assert folded and 'name="body_ind"' in full_text
    # The checklist and the index link to these by their numbers (requirements.py, index.html).
    assert re.search(r'id="fieldset-0-1-heading"[^>]*>Partner<', html)
    assert re.search(r'id="fieldset-0-3-heading"[^>]*>Agreement<', html)
