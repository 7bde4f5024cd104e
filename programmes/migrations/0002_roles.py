"""City staff manage activities; consulate liaisons may read them (the partnership's record)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LIAISON_READS = ["view_activity", "view_indicator", "view_indicatorvalue"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("programmes")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True  # create_permissions skips apps without it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    own = Permission.objects.filter(content_type__app_label="programmes")
    staff, _ = Group.objects.get_or_create(name="City staff")
    staff.permissions.add(*own)
    liaison, _ = Group.objects.get_or_create(name="Consulate liaison")
    liaison.permissions.add(*own.filter(codename__in=LIAISON_READS))


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0001_activities"),
        ("partnerships", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
