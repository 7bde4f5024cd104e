"""`load_demo` tells the Kupang story, and telling it twice changes nothing."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from core import content_version
from core.roles import CITY_STAFF, CONSULATE_LIAISON
from delegations.models import Commitment, Delegate, Visit
from partnerships.models import (
    Consulate,
    FocusSector,
    Liaison,
    PartnerCity,
    Proposal,
    ProposalEvent,
    Province,
)

pytestmark = pytest.mark.django_db

STORY_MODELS = [
    Province,
    Consulate,
    PartnerCity,
    Proposal,
    ProposalEvent,
    Visit,
    Delegate,
    Commitment,
    Liaison,
    get_user_model(),
]


def load_demo():
    out, err = io.StringIO(), io.StringIO()
    call_command("load_demo", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    """Every row of every model the story touches, as plain values."""
    return {
        model.__name__: sorted(tuple(str(v) for v in row) for row in model.objects.values_list())
        for model in STORY_MODELS
    }


def test_loads_kupangs_offer_to_japan():
    load_demo()

    offer = Proposal.objects.get(reference="KPG-2023-001")
    assert offer.status == Proposal.Status.OFFERED
    assert offer.offered_on == datetime.date(2023, 3, 7)
    assert offer.published
    assert offer.partner_country == "JP"
    assert offer.consulate.name_en == "Consulate-General of Japan in Denpasar"
    assert set(offer.sectors.values_list("slug", flat=True)) == {
        "cleanliness",
        "education",
        "disaster-mitigation",
        "infrastructure",
    }
    assert offer.events.filter(to_status="offered", is_public=True).count() == 1


def test_the_consulate_covers_bali_ntb_and_ntt():
    load_demo()

    consulate = Consulate.objects.get(slug="consulate-general-of-japan-denpasar")
    assert set(consulate.jurisdiction.values_list("code", flat=True)) == {"BALI", "NTB", "NTT"}


def test_loads_the_courtesy_visit_with_delegates_highlights_and_commitments():
    load_demo()

    visit = Visit.objects.get(starts_on=datetime.date(2023, 3, 7))
    names = set(visit.delegates.values_list("name", flat=True))
    assert {"George M. Hadjoh", "Katsumata Harumi", "Fahrensy P. Funay"} <= names
    assert visit.delegates.filter(title_en__startswith="Head of the Education").exists()
    assert visit.delegates.get(name="Katsumata Harumi").side == Delegate.Side.GUEST
    assert "natoni" in visit.highlights_en and "SDN Fontein I" in visit.highlights_en
    assert "woven cloth" in visit.highlights_en
    commitments = list(visit.commitments.values_list("description_en", flat=True))
    assert len(commitments) == 2
    assert any("Tokyo" in c for c in commitments)
    assert any("Ambassador" in c for c in commitments)
    assert list(visit.proposals.values_list("reference", flat=True)) == ["KPG-2023-001"]


def test_story_content_exists_in_three_languages():
    load_demo()

    offer = Proposal.objects.get(reference="KPG-2023-001")
    visit = Visit.objects.get()
    for obj, field in [(offer, "title"), (offer, "summary"), (visit, "title")]:
        for lang in ["ind", "en", "ja"]:
            assert getattr(obj, f"{field}_{lang}"), f"{field}_{lang}"


def test_candidate_cities_name_the_source_of_their_figures():
    load_demo()

    cities = PartnerCity.objects.all()
    assert cities.count() >= 4
    assert "kitakyushu" in cities.values_list("slug", flat=True)
    for city in cities:
        assert city.facts_source, city.slug
        assert city.native_name and city.strengths.exists(), city.slug


def test_loading_twice_changes_nothing(settings):
    settings.DEBUG = True
    load_demo()
    first = snapshot()

    load_demo()

    assert snapshot() == first


def test_loading_again_keeps_what_staff_edited():
    load_demo()
    Proposal.objects.filter(reference="KPG-2023-001").update(title_en="Edited by staff")
    Visit.objects.update(published=False)

    load_demo()

    assert Proposal.objects.get(reference="KPG-2023-001").title_en == "Edited by staff"
    assert not Visit.objects.get().published


def test_creates_demo_users_in_development_and_prints_their_logins(settings):
    settings.DEBUG = True

    out, _ = load_demo()

    staff = get_user_model().objects.get(username="demo-staff")
    liaison = get_user_model().objects.get(username="demo-liaison")
    assert staff.is_staff and staff.groups.filter(name=CITY_STAFF).exists()
    assert not liaison.is_staff and liaison.groups.filter(name=CONSULATE_LIAISON).exists()
    assert liaison.liaison.consulate.slug == "consulate-general-of-japan-denpasar"
    assert staff.check_password("kupang-demo-staff")
    assert "demo-staff / kupang-demo-staff" in out
    assert "demo-liaison / kupang-demo-liaison" in out


def test_refuses_demo_users_in_production(settings):
    settings.DEBUG = False

    out, err = load_demo()

    assert not get_user_model().objects.exists()
    assert "Demo users are not created when DJANGO_DEBUG=0" in err
    assert "Demo login" not in out
    assert Proposal.objects.filter(reference="KPG-2023-001").exists()


def test_focus_sectors_come_from_the_migration_in_three_languages():
    names = {s.slug: (s.name_ind, s.name_en, s.name_ja) for s in FocusSector.objects.all()}
    assert names["education"] == ("Pendidikan", "Education", "教育")
    assert names["disaster-mitigation"][2] == "防災"
    assert len(names) == 4
    assert all(all(n) for n in names.values())


def test_snapshot_covers_real_rows(settings):
    # Guards the idempotency test: an empty snapshot would make it pass vacuously.
    settings.DEBUG = True
    load_demo()
    assert all(rows for rows in snapshot().values())


def test_kupangs_offer_is_made_through_the_lifecycle_on_7_march_2023():
    load_demo()
    event = Proposal.objects.get(reference="KPG-2023-001").events.get()
    assert (event.from_status, event.to_status) == ("draft", "offered")
    assert timezone.localtime(event.occurred_at).date() == datetime.date(2023, 3, 7)


def test_fictional_samples_show_the_other_stages_with_consistent_histories():
    load_demo()

    samples = Proposal.objects.filter(reference__startswith="DEMO-")
    assert set(samples.values_list("status", flat=True)) >= {
        "exploring",
        "approving",
        "active",
        "withdrawn",
    }
    for sample in samples:
        assert sample.title_en.startswith("[Fictional sample]")
        steps = sample.events.exclude(to_status="").order_by("occurred_at", "pk")
        chain = list(steps.values_list("from_status", "to_status"))
        assert chain[0][0] == "draft"
        assert all(a[1] == b[0] for a, b in zip(chain, chain[1:], strict=False))
        assert chain[-1][1] == sample.status


def test_active_sample_has_its_gates_on_record():
    load_demo()
    active = Proposal.objects.get(status="active", reference__startswith="DEMO-")
    assert active.partner_city is not None
    selected = active.events.get(title_en__startswith="Partner city selected")
    assert active.partner_city.name_en in selected.title_en and selected.is_public
    assert active.approvals.count() == 4
    assert active.documents.filter(kind="agreement", dated=active.signed_on).exists()
    assert active.documents.get(kind="agreement").file.read(5) == b"%PDF-"


def test_without_samples_loads_only_the_real_story():
    call_command("load_demo", "--without-samples", stdout=io.StringIO(), stderr=io.StringIO())
    assert list(Proposal.objects.values_list("reference", flat=True)) == ["KPG-2023-001"]


def test_loading_the_story_mails_nobody(settings, django_capture_on_commit_callbacks):
    from django.core import mail

    settings.DEBUG = True  # with the demo users, who would otherwise hear of every sample step
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load_demo()
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()  # a second load, now that the users exist

    # Only the public pages are told that the content changed.
    assert [c for c in callbacks if c is not content_version._move_pending] == []
    assert mail.outbox == []
    assert ProposalEvent.objects.count() > 10  # the sample histories were made all the same


def test_make_run_links_mail_to_the_port_it_serves():
    import os
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    # As a newcomer would run it: no variables of ours, and not from inside another make.
    ours = {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "PORTAL_BASE_URL", "PORT", "HOST"}
    env = {name: value for name, value in os.environ.items() if name not in ours}
    dry_run = subprocess.run(  # noqa: S603 - a fixed command line, no shell
        ["make", "--no-print-directory", "-n", "run", "PORT=8123"],  # noqa: S607
        cwd=root, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    serve = next(line for line in dry_run.stdout.splitlines() if "runserver" in line)
    assert "PORTAL_BASE_URL=http://127.0.0.1:8123 " in serve
    assert serve.endswith("runserver 127.0.0.1:8123")
