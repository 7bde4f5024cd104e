"""The four sectors of Kupang's 7 March 2023 offer, named in Indonesian, English and Japanese."""

from django.db import migrations

SECTORS = [
    ("cleanliness", 10, "Kebersihan dan pengelolaan sampah", "Cleanliness and waste management",
     "清掃・廃棄物管理"),
    ("education", 20, "Pendidikan", "Education", "教育"),
    ("disaster-mitigation", 30, "Mitigasi bencana", "Disaster mitigation", "防災"),
    ("infrastructure", 40, "Infrastruktur", "Infrastructure", "インフラ整備"),
]


def create_sectors(apps, schema_editor):
    FocusSector = apps.get_model("partnerships", "FocusSector")
    for slug, order, name_ind, name_en, name_ja in SECTORS:
        FocusSector.objects.update_or_create(
            slug=slug,
            defaults={
                "order": order,
                "name": name_ind,
                "name_ind": name_ind,
                "name_en": name_en,
                "name_ja": name_ja,
            },
        )


def remove_sectors(apps, schema_editor):
    FocusSector = apps.get_model("partnerships", "FocusSector")
    FocusSector.objects.filter(slug__in=[slug for slug, *_ in SECTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(create_sectors, remove_sectors)]
