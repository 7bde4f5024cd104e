"""`manage.py flag_dormant`: run daily (cron or a scheduler) to mark idle partnerships dormant."""

from django.conf import settings
from django.core.management.base import BaseCommand

from partnerships.dormancy import flag_dormant


class Command(BaseCommand):
    help = "Mark active partnerships with no activity for PORTAL_DORMANT_AFTER_DAYS as dormant."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PORTAL_DORMANT_AFTER_DAYS,
            help="Days without activity before a partnership is dormant.",
        )

    def handle(self, *args, days, **options):
        marked = flag_dormant(after_days=days)
        for proposal in marked:
            self.stdout.write(f"Dormant: {proposal.reference}")
        self.stdout.write(self.style.SUCCESS(f"{len(marked)} partnership(s) marked dormant."))
