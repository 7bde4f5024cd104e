"""`manage.py send_reminders`: run daily (cron or a scheduler) to mail what is overdue or
waiting (see programmes/reminders.py)."""

import datetime

from django.core.management.base import BaseCommand

from programmes.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Mail reminders of overdue commitments, unanswered requests for information, suggestions "
        "waiting for a decision, annual reports due (in January) and agreements ending within "
        "six months; each person hears of an item at most once a week."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent; send and record nothing.",
        )
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None,
            help="Run as on this day (YYYY-MM-DD), e.g. to catch up a missed run.",
        )  # fmt: skip

    def handle(self, *args, dry_run, today, **options):
        sent = send_reminders(today=today, dry_run=dry_run)
        for item, user in sent:
            self.stdout.write(f"{item.key} → {user.get_username()}")
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} reminder(s) {verb}."))
