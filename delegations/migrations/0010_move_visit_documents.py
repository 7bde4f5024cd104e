"""A visit's documents move from partnerships (where a document pointed up at its visit) to
delegations' own VisitDocument, each with its file and its edit history.

A document that belonged to a proposal and a visit at once (the admin never made one, but data
could) was public only while both were public. It stays with its proposal and is copied to its
visit, and each copy stays public only if the other owner is public now: neither copy may show
what the one document hid. Going back puts every document where it was, the two copies joined
again."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Not copied: the row's own keys and owners, which differ between the two tables.
OWN_FIELDS = {"id", "proposal", "visit", "history_id"}


def _data_fields(model):
    return [f.attname for f in model._meta.concrete_fields if f.name not in OWN_FIELDS]


def _copy(record, target, **owner):
    """A row of `target` with `record`'s data; the upload time is kept as it was."""
    values = {name: getattr(record, name) for name in _data_fields(target)}
    copy = target.objects.create(**values, **owner)
    target.objects.filter(pk=copy.pk).update(uploaded_at=record.uploaded_at)
    return copy


def _copy_history(history, record_id, target_history, copy_id, owner):
    names = [n for n in _data_fields(target_history) if n != "uploaded_at"]
    for past in history.objects.filter(id=record_id).order_by("history_date", "history_id"):
        values = {name: getattr(past, name) for name in names}
        target_history.objects.create(
            id=copy_id, uploaded_at=past.uploaded_at, **values, **owner(past)
        )


def _owner_is_public(document, Proposal, Visit):
    """For a document of a proposal and a visit: is the other owner of each copy public?"""
    proposal = Proposal.objects.filter(
        pk=document.proposal_id, published=True, archived_at__isnull=True
    ).exclude(status="draft")
    visit = Visit.objects.filter(pk=document.visit_id, published=True, archived_at__isnull=True)
    return proposal.exists(), visit.exists()


def move_to_visits(apps, schema_editor):
    Document = apps.get_model("partnerships", "Document")
    HistoricalDocument = apps.get_model("partnerships", "HistoricalDocument")
    VisitDocument = apps.get_model("delegations", "VisitDocument")
    HistoricalVisitDocument = apps.get_model("delegations", "HistoricalVisitDocument")
    Proposal = apps.get_model("partnerships", "Proposal")
    Visit = apps.get_model("delegations", "Visit")
    for document in Document.objects.filter(visit__isnull=False).order_by("pk"):
        copy = _copy(document, VisitDocument, visit_id=document.visit_id)
        _copy_history(HistoricalDocument, document.pk, HistoricalVisitDocument, copy.pk,
                      owner=lambda past: {"visit_id": past.visit_id})  # fmt: skip
        if document.proposal_id is None:
            HistoricalDocument.objects.filter(id=document.pk).delete()
            document.delete()
            continue
        proposal_public, visit_public = _owner_is_public(document, Proposal, Visit)
        VisitDocument.objects.filter(pk=copy.pk).update(
            is_public=document.is_public and proposal_public
        )
        Document.objects.filter(pk=document.pk).update(
            is_public=document.is_public and visit_public
        )


def move_back(apps, schema_editor):
    Document = apps.get_model("partnerships", "Document")
    HistoricalDocument = apps.get_model("partnerships", "HistoricalDocument")
    VisitDocument = apps.get_model("delegations", "VisitDocument")
    HistoricalVisitDocument = apps.get_model("delegations", "HistoricalVisitDocument")
    for document in VisitDocument.objects.order_by("pk"):
        # The visit's copy of a document that stayed with its proposal: join them again.
        twin = Document.objects.filter(
            file=document.file.name, proposal__isnull=False, visit__isnull=True
        ).first()
        if twin is not None:
            Document.objects.filter(pk=twin.pk).update(
                visit_id=document.visit_id, is_public=twin.is_public or document.is_public
            )
        else:
            copy = _copy(document, Document, visit_id=document.visit_id)
            _copy_history(
                HistoricalVisitDocument, document.pk, HistoricalDocument, copy.pk,
                owner=lambda past: {"visit_id": past.visit_id, "proposal_id": None},
            )  # fmt: skip
        HistoricalVisitDocument.objects.filter(id=document.pk).delete()
        document.delete()


def grant_staff(apps, schema_editor):
    app_config = apps.get_app_config("delegations")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True  # create_permissions skips apps without it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="City staff")
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="delegations",
            content_type__model__in=["visitdocument", "historicalvisitdocument"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0009_visit_documents"),
        ("partnerships", "0019_roles_cover_renewals"),
    ]

    operations = [
        migrations.RunPython(move_to_visits, move_back),
        migrations.RunPython(grant_staff, migrations.RunPython.noop),
    ]
