from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.core import checks


class PortalAdminConfig(AdminConfig):
    default_site = "kupang_portal.admin_site.PortalAdminSite"


class PortalConfig(AppConfig):
    """The portal as a whole: its sign-in limits, its page cache and its own deployment checks."""

    name = "kupang_portal"
    verbose_name = "Kupang Sister-City Portal"

    def ready(self):
        from . import accounts  # noqa: F401 - counts failed sign-ins per address
        from .deploy_checks import shared_cache_for_limits
        from .page_cache import connect_signals

        # Any saved, deleted or re-linked record of the portal's applications empties the
        # public page cache (translations are columns of the same rows).
        connect_signals()
        checks.register(shared_cache_for_limits, checks.Tags.security, deploy=True)
