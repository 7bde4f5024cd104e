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
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice
        from django_otp_webauthn.models import WebAuthnCredential

        # A factor holds a secret: nobody sees or edits one in the admin. A lost one is reset
        # (second_factor_reset.py) and its owner enrols anew.
        for device in (TOTPDevice, StaticDevice, WebAuthnCredential):
            if admin.site.is_registered(device):
                admin.site.unregister(device)
        from core import page_cache

        from . import accounts  # noqa: F401 - counts failed sign-ins per address
        from .deploy_checks import embedded_japanese_font, shared_cache_for_limits
        from .security_txt import security_txt_expiry

        # The project's own pages in the public page cache (each app registers its own).
        page_cache.register_cached_views(
            "updates_feed",
            "updates_feed_in_language",
            "map",
            "privacy",
            "visits_ics",
            "visits_ics_in_language",
            "sitemap",
            "sitemap_section",
            "robots",
        )
        from .api import CACHED, PARAMETERS

        page_cache.register_cached_views(*(f"api:{name}" for name in CACHED), parameters=PARAMETERS)
        checks.register(shared_cache_for_limits, checks.Tags.security, deploy=True)
        checks.register(security_txt_expiry, checks.Tags.security, deploy=True)
        checks.register(embedded_japanese_font)
