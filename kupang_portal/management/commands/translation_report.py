"""`manage.py translation_report`: the translation desk as text, for CI or a cron mail."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core import translation_desk as desk


class Command(BaseCommand):
    help = (
        "List every published text still missing in English or Japanese, per record and field. "
        "With --fail, exit with status 1 when anything is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=desk.TARGET_LANGUAGES,
                            help="Only this language (default: both).")  # fmt: skip
        parser.add_argument("--fail", action="store_true",
                            help="Exit with status 1 when a text is missing.")  # fmt: skip

    def handle(self, *args, language=None, fail=False, **options):
        languages = (language,) if language else desk.TARGET_LANGUAGES
        with translation.override("en"):
            overall, per_kind = desk.totals()
            for checked, counts in per_kind:
                if not sum(counts[code] for code in languages):
                    continue
                self.stdout.write(f"\n{str(checked.label).capitalize()}")
                for gap in desk.gaps(checked, languages):
                    for code, fields in gap.fields.items():
                        self.stdout.write(f"  {gap.name} [{code}]: {', '.join(fields)}")
            summary = ", ".join(f"{overall[code]} in {code}" for code in languages)
        missing = sum(overall[code] for code in languages)
        self.stdout.write(f"\nMissing published texts: {summary}.")
        if fail and missing:
            raise CommandError(f"{missing} published texts are not translated.", returncode=1)
