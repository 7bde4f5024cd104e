"""Who is asking: the client's network address, as far as the portal can trust it.

Behind a reverse proxy every request comes from the proxy's address, and the client's own is in
`X-Forwarded-For`, a header anyone can write. So the header is read only when the request came
from a proxy named in `DJANGO_TRUSTED_PROXIES`, and only as far back as the chain of trusted
proxies goes: the first address a trusted proxy did not add itself is the client.

The limits on sign-ins and password resets count per address. An IPv6 address counts for its
whole /64 network, which one household or one server is usually given: stepping through its
addresses does not escape a limit.
"""

import ipaddress
import logging
import re

from django.conf import settings

logger = logging.getLogger(__name__)

# "203.0.113.9:5555" and "[2001:db8::1]:443": an address with the port the proxy saw.
WITH_PORT = re.compile(r"^\[(?P<v6>[^\]]+)\](?::\d+)?$|^(?P<v4>[\d.]+):\d+$")


def _networks():
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.PORTAL_TRUSTED_PROXIES]


def _parsed(text):
    text = (text or "").strip()
    if match := WITH_PORT.match(text):
        text = match["v6"] or match["v4"]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # A server listening on IPv6 reports IPv4 peers as ::ffff:a.b.c.d.
    return address.ipv4_mapped or address if address.version == 6 else address


def _trusted(address, networks):
    return address is not None and any(address in network for network in networks)


def _as_key(address):
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def client_address(request):
    """The address the limits count for: the client's own, or its IPv6 /64 network."""
    raw_peer = request.META.get("REMOTE_ADDR", "")
    peer = _parsed(raw_peer)
    networks = _networks()
    # A proxy on the same machine may connect through a unix socket, which has no address.
    from_proxy = networks and (_trusted(peer, networks) or not raw_peer)
    if not from_proxy:
        return _as_key(peer) if peer is not None else raw_peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parsed(hop)
        if address is None:
            # Only a misconfigured proxy writes this; the last address known to be real is all
            # there is, and every client behind it now shares one count.
            logger.warning("Unreadable X-Forwarded-For entry %r from a trusted proxy", hop)
            break
        if not _trusted(address, networks):
            return _as_key(address)
        peer = address
    return _as_key(peer) if peer is not None else raw_peer
