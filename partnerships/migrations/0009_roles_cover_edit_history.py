"""Give the roles their permissions on the edit history added in 0008 and delegations 0006.
The role definitions are those of 0003_roles, applied again."""

from importlib import import_module

from django.db import migrations

roles = import_module("partnerships.migrations.0003_roles")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0008_archive_and_edit_history"),
        ("delegations", "0006_archive_and_edit_history"),
    ]

    operations = [migrations.RunPython(roles.create_groups, migrations.RunPython.noop)]
