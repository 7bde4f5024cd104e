"""From here on the roles are one table, core/roles.py; this makes the groups match it (as
`manage.py sync_roles` does). It changes nothing the earlier migrations granted; visit
documents (delegations 0009) are covered by the table like every other record."""

from django.db import migrations

from core.roles import sync_roles


def sync(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0010_partnership_menus_offer_signed_ones"),
        ("partnerships", "0020_documents_belong_to_proposals"),
        ("delegations", "0010_move_visit_documents"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
