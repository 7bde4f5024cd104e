"""`manage.py forget_personal_data`: run daily (cron or a scheduler) to erase the personal data
whose time is up (see core/retention.py and each app's retention rules)."""

from django.core.management.base import BaseCommand
from django.utils import timezone, translation

from core.retention import forget_due


class Command(BaseCommand):
    help = (
        "Erase personal data kept past its time: follow requests never confirmed, and the email "
        "and phone of the delegates of visits that ended long ago (names and offices stay)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; erase nothing."
        )

    def handle(self, *args, dry_run, **options):
        verb = "would be erased" if dry_run else "erased"
        done = forget_due(timezone.now(), dry_run=dry_run)
        with translation.override("en"):  # for the operator's log, as the other commands
            for rule, count in done:
                self.stdout.write(f"{rule.name}: {count} {verb}")
