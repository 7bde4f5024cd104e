"""City staff may read the renewals (0018) in the admin; only the lifecycle's *renew* step
writes them, so no role may add, change or delete one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("partnerships")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True  # create_permissions skips apps without it
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="City staff")
    renewals = Permission.objects.filter(
        content_type__app_label="partnerships", content_type__model="agreementrenewal"
    )
    staff.permissions.remove(*renewals.exclude(codename="view_agreementrenewal"))
    staff.permissions.add(*renewals.filter(codename="view_agreementrenewal"))


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0018_agreement_renewals")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
