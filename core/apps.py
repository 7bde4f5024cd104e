from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from . import change_dates, retention

        # A deploy migrates: its release is dated then, and pages need not write it when served.
        post_migrate.connect(change_dates.date_this_release, sender=self)
        retention.register_held(retention.ACCOUNTS_HELD)
