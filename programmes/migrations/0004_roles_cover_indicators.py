"""Give the roles their permissions on the indicators added in 0003 (the grant of 0002, again)."""

from importlib import import_module

from django.db import migrations

roles = import_module("programmes.migrations.0002_roles")


class Migration(migrations.Migration):
    dependencies = [("programmes", "0003_indicators")]

    operations = [migrations.RunPython(roles.grant, migrations.RunPython.noop)]
