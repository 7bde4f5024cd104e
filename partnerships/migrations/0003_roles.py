"""The two roles as groups. City staff run the admin; consulate liaisons never enter it, and
their permissions are checked by the review workspace together with their consulate."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CITY_STAFF = "City staff"
CONSULATE_LIAISON = "Consulate liaison"

DOMAIN_APPS = ["partnerships", "delegations"]

LIAISON_PERMISSIONS = [
    ("partnerships", "view_proposal"),
    ("partnerships", "view_proposalevent"),
    ("partnerships", "view_candidatecity"),
    ("partnerships", "add_candidatecity"),
    ("partnerships", "change_candidatecity"),
    ("partnerships", "view_comment"),
    ("partnerships", "add_comment"),
    ("partnerships", "view_approval"),
    ("partnerships", "view_document"),
    ("partnerships", "view_partnercity"),
    ("partnerships", "view_focussector"),
    ("partnerships", "view_consulate"),
    ("delegations", "view_visit"),
    ("delegations", "view_commitment"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True  # create_permissions skips apps without it
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    staff, _ = Group.objects.get_or_create(name=CITY_STAFF)
    # Staff manage every domain record; they may look users up (to attach a liaison) but not
    # edit accounts, which would let them grant themselves more rights.
    # Never the email followers' addresses (partnerships 0016): staff see a count only.
    staff.permissions.set(
        Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS).exclude(
            content_type__model__in=["follower", "historicalfollower"]
        )
        | Permission.objects.filter(content_type__app_label="auth", codename="view_user")
    )

    liaison, _ = Group.objects.get_or_create(name=CONSULATE_LIAISON)
    liaison.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in LIAISON_PERMISSIONS
        ]
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[CITY_STAFF, CONSULATE_LIAISON]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_focus_sectors"),
        ("delegations", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
