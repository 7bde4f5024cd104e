"""Migrations keep the data: a visit's documents move from partnerships to delegations with
their files and edit history, on a database loaded with the demo, and back again."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("delegations", "0009_visit_documents"), ("partnerships", "0019_roles_cover_renewals")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def head():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def row_counts(apps):
    """Every table's rows, but for the two documents tables the move changes."""
    moved = {"document", "historicaldocument", "visitdocument", "historicalvisitdocument"}
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.model_name not in moved and not model._meta.proxy
    }


def _old_document(apps, **fields):
    Document = apps.get_model("partnerships", "Document")
    History = apps.get_model("partnerships", "HistoricalDocument")
    document = Document.objects.create(
        kind="visit_report", title="Laporan", title_ind="Laporan", title_en="Report",
        title_ja="報告", is_public=True, dated=datetime.date(2023, 3, 7),
        file=ContentFile(PDF_BYTES, name="laporan.pdf"), **fields,
    )  # fmt: skip
    uploaded = timezone.make_aware(datetime.datetime(2023, 3, 9, 10, 0))
    Document.objects.filter(pk=document.pk).update(uploaded_at=uploaded)
    for number, kind in enumerate(["+", "~"]):
        History.objects.create(
            id=document.pk, title=f"Version {number}", kind="visit_report", file=document.file.name,
            is_public=True, uploaded_at=uploaded, history_type=kind,
            history_date=uploaded + datetime.timedelta(days=number), **fields,
        )  # fmt: skip
    return Document.objects.get(pk=document.pk)


@pytest.fixture
def demo_before_the_move(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    apps = migrate(BEFORE)
    yield apps
    migrate(head())


def test_visit_documents_move_with_their_files_and_history(demo_before_the_move):
    old = demo_before_the_move
    visit = old.get_model("delegations", "Visit").objects.order_by("pk").first()
    proposal = old.get_model("partnerships", "Proposal").objects.order_by("pk").first()
    only_visit = _old_document(old, visit_id=visit.pk)
    both = _old_document(old, visit_id=visit.pk, proposal_id=proposal.pk)
    before = row_counts(old)

    new = migrate(head())

    moved = new.get_model("delegations", "VisitDocument").objects.filter(visit_id=visit.pk)
    assert sorted(copy.file.name for copy in moved) == sorted(
        [only_visit.file.name, both.file.name]
    )
    for copy in moved:
        assert (copy.title_en, copy.title_ja, copy.uploaded_at) == (
            "Report", "報告", only_visit.uploaded_at)  # fmt: skip
        assert copy.file.read() == PDF_BYTES
        history = new.get_model("delegations", "HistoricalVisitDocument").objects.filter(
            id=copy.pk).order_by("history_date")  # fmt: skip
        assert [(h.title, h.history_type, h.visit_id) for h in history] == [
            ("Version 0", "+", visit.pk), ("Version 1", "~", visit.pk)]  # fmt: skip
    documents = new.get_model("partnerships", "Document").objects
    assert not documents.filter(pk=only_visit.pk).exists()
    assert documents.get(pk=both.pk).proposal_id == proposal.pk  # it stays with its proposal
    after = row_counts(new)
    assert {label: after[label] for label in before} == before


def test_going_back_puts_them_where_they_were(demo_before_the_move):
    old = demo_before_the_move
    visit = old.get_model("delegations", "Visit").objects.order_by("pk").first()
    _old_document(old, visit_id=visit.pk)
    migrate(head())

    back = migrate(BEFORE)

    restored = back.get_model("partnerships", "Document").objects.get(visit_id=visit.pk)
    assert (restored.proposal_id, restored.title_ja) == (None, "報告")
    history = back.get_model("partnerships", "HistoricalDocument").objects.filter(id=restored.pk)
    assert history.count() == 2


def test_a_document_of_a_public_proposal_and_an_unpublished_visit_stays_hidden(
    demo_before_the_move,
):
    """It was public only while both were: after the move neither copy shows it."""
    old = demo_before_the_move
    proposal = old.get_model("partnerships", "Proposal").objects.filter(
        published=True, archived_at__isnull=True).exclude(status="draft").first()  # fmt: skip
    visit = old.get_model("delegations", "Visit").objects.order_by("pk").first()
    old.get_model("delegations", "Visit").objects.filter(pk=visit.pk).update(published=False)
    both = _old_document(old, visit_id=visit.pk, proposal_id=proposal.pk)

    new = migrate(head())

    assert new.get_model("partnerships", "Document").objects.get(pk=both.pk).is_public is False
    copy = new.get_model("delegations", "VisitDocument").objects.get(visit_id=visit.pk)
    assert copy.is_public is True  # its other owner, the proposal, is public; the visit is not

    back = migrate(BEFORE)

    joined = back.get_model("partnerships", "Document").objects.get(pk=both.pk)
    assert (joined.visit_id, joined.proposal_id, joined.is_public) == (
        visit.pk, proposal.pk, True)  # fmt: skip
    assert not back.get_model("partnerships", "Document").objects.exclude(pk=both.pk).filter(
        visit_id=visit.pk).exists()  # fmt: skip
