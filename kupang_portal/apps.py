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
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import accounts  # noqa: F401 - counts failed sign-ins per address
        from .deploy_checks import shared_cache_for_limits
        from .page_cache import record_changed

        # Any saved, deleted or re-linked record of the portal's applications empties the
        # public page cache (translations are columns of the same rows).
        post_save.connect(record_changed, dispatch_uid="page_cache_post_save")
        post_delete.connect(record_changed, dispatch_uid="page_cache_post_delete")
        m2m_changed.connect(record_changed, dispatch_uid="page_cache_m2m_changed")
        checks.register(shared_cache_for_limits, checks.Tags.security, deploy=True)
