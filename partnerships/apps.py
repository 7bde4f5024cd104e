from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from django.db.models.signals import post_save

        from . import checked_texts
        from .follows import step_recorded
        from .models import ProposalEvent

        checked_texts.register()
        # Each public step is mailed to the proposal's email followers (see follows.py).
        post_save.connect(step_recorded, sender=ProposalEvent, dispatch_uid="follows_step")
