"""Passkeys (WebAuthn, through django-otp-webauthn) as the first choice of second factor. The
portal is its own relying party: the host a person signs in at (which ALLOWED_HOSTS has already
checked), so a passkey made at the portal's address works there only."""

from django_otp_webauthn.helpers import WebAuthnHelper


def relying_party(request):
    """The host without its port."""
    return request.get_host().rsplit(":", 1)[0]


class PortalWebAuthnHelper(WebAuthnHelper):
    def get_allowed_origins(self):
        return [f"{self.request.scheme}://{self.request.get_host()}"]
