from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView, TemplateView

from delegations.map import MapView
from delegations.views import visits_ics
from partnerships.feeds import LanguageUpdatesFeed, UpdatesFeed
from partnerships.language_choice import choose_language

from .accounts import SignInView, ThrottledPasswordResetView
from .api import read_only_urls
from .health import components, healthz
from .privacy import PrivacyView
from .second_factor_views import backup_codes, second_factor, second_factor_setup
from .security_txt import security_txt
from .sitemaps import SITEMAPS

handler400 = "kupang_portal.errors.bad_request"
handler404 = "kupang_portal.errors.page_not_found"
handler500 = "kupang_portal.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/components", components, name="healthz_components"),
    path("admin/", admin.site.urls),
    path("api/v1/", read_only_urls()),
    path("i18n/", include("django.conf.urls.i18n")),
    # The portal's own sign-in and password-reset views first; Django's serve the rest.
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/language/", choose_language, name="choose_language"),
    path("accounts/two-factor/", second_factor, name="second_factor"),
    path("accounts/two-factor/setup/", second_factor_setup, name="second_factor_setup"),
    path("accounts/two-factor/backup-codes/", backup_codes, name="second_factor_codes"),
    path("accounts/passkeys/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
    path("accounts/password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("feeds/updates.atom", require_safe(UpdatesFeed()), name="updates_feed"),
    # Before there were languages: kept, in Indonesian, for their subscribers.
    path("visits.ics", visits_ics, {"language": "id"}, name="visits_ics"),
    path(
        "sitemap.xml",
        require_safe(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemap_section.xml"},
        name="sitemap_section",
    ),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Browsers ask for it where a page names no icon (a PDF, a feed): the portal's, not a 404.
    path(
        "favicon.ico",
        # Lazy: the address is looked up per request (the static manifest may not exist yet).
        require_safe(
            RedirectView.as_view(url=lazy(static, str)("icons/favicon-32.png"), permanent=True)
        ),  # fmt: skip
        name="favicon",
    ),
]

# Every public page lives under /id/, /en/ or /ja/; "/" redirects to the visitor's language.
# Uploaded files are never served from the media folder: public documents go through
# partnerships:document_download, which checks that they are public.
urlpatterns += i18n_patterns(
    path(
        "feeds/updates.atom",
        require_safe(LanguageUpdatesFeed()),
        name="updates_feed_in_language",
    ),
    path("visits.ics", visits_ics, name="visits_ics_in_language"),
    path("map/", MapView.as_view(), name="map"),
    path("privacy/", PrivacyView.as_view(), name="privacy"),
    path("", include("partnerships.urls")),
    path("visits/", include("delegations.urls")),
    path("register/", include("programmes.urls")),
    path("review/", include("partnerships.review_urls")),
)
