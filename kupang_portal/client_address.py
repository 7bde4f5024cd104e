"""Who is asking: the client's network address, as far as the portal can trust it.

Behind a reverse proxy every request comes from the proxy's address, and the client's own is in
`X-Forwarded-For`, a header anyone can write. So the header is read only when the request came
from a proxy named in `DJANGO_TRUSTED_PROXIES`, and only as far back as the chain of trusted
proxies goes: the first address a trusted proxy did not add itself is the client.
"""

import ipaddress

from django.conf import settings


def _networks():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.PORTAL_TRUSTED_PROXIES]


def _parsed(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, networks):
    return address is not None and any(address in network for network in networks)


def client_address(request):
    peer = request.META.get("REMOTE_ADDR", "")
    networks = _networks()
    if not networks or not _trusted(_parsed(peer), networks):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parsed(hop)
        if address is None:
            # A malformed entry cannot be followed further back: the proxy that passed it on is
            # the last address known to be real.
            return peer
        if not _trusted(address, networks):
            return str(address)
        peer = str(address)
    return peer
