from django.db import migrations, models
from django.utils import timezone


def date_what_came_before(apps, schema_editor):
    # Every change before the first one dated is dated now: the shared version covers them all.
    RecordChange = apps.get_model("core", "RecordChange")
    RecordChange.objects.create(tag="shared", changed_at=timezone.now())


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="RecordChange",
            fields=[
                ("tag", models.CharField(max_length=100, primary_key=True, serialize=False,
                                         verbose_name="record version")),
                ("changed_at", models.DateTimeField(verbose_name="changed")),
            ],
            options={"verbose_name": "record change", "verbose_name_plural": "record changes"},
        ),
        migrations.RunPython(date_what_came_before, migrations.RunPython.noop),
    ]
