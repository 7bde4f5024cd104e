"""Give the roles their permissions on the models the lifecycle added (profiles, edit history).
The role definitions are those of 0003_roles, applied again."""

from importlib import import_module

from django.db import migrations

roles = import_module("partnerships.migrations.0003_roles")


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0004_lifecycle"),
        ("delegations", "0003_lifecycle"),
    ]

    operations = [migrations.RunPython(roles.create_groups, migrations.RunPython.noop)]
