"""City staff get their permissions on the activity files added in 0008 (the grant of 0002)."""

from importlib import import_module

from django.db import migrations

roles = import_module("programmes.migrations.0002_roles")


class Migration(migrations.Migration):
    dependencies = [("programmes", "0008_activity_files")]

    operations = [migrations.RunPython(roles.grant, migrations.RunPython.noop)]
