"""The privacy notice (UU 27/2022): what personal data the portal keeps, why, for how long, who
sees it and how to ask, in the reader's language. How long comes from the retention rules that
forget it (core/retention.py), so the notice cannot promise other than what is done."""

from django.conf import settings
from django.views.generic import TemplateView

from core.retention import RULES


class PrivacyView(TemplateView):
    template_name = "privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            contact=settings.PORTAL_PRIVACY_CONTACT,
            kept_for={rule.key: rule.kept_for() for rule in RULES},
        )
