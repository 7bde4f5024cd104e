"""Profiles that exist before the first sign-in's question was asked hold a language someone set
on purpose (in the admin's profile page): they count as chosen, so that neither the question nor
a browser changes them."""

from django.db import migrations
from django.db.models.functions import Now


def mark_chosen(apps, schema_editor):
    Profile = apps.get_model("partnerships", "Profile")
    Profile.objects.filter(language_chosen_at__isnull=True).update(language_chosen_at=Now())


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0023_profile_language_chosen_and_work_seen")]

    operations = [migrations.RunPython(mark_chosen, migrations.RunPython.noop)]
