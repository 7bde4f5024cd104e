"""`manage.py sync_roles`: make the role groups hold exactly what core/roles.py gives them."""

from django.apps import apps
from django.core.management.base import BaseCommand

from core.roles import ROLES, sync_roles


class Command(BaseCommand):
    help = "Make each role's group hold exactly the permissions of the roles table."

    def handle(self, *args, **options):
        sync_roles(apps)
        for role in ROLES:
            self.stdout.write(f"{role.name}: in step with the roles table.")
