"""Who is asking: the client's address, as every rate limit of Sanad counts it.

Behind a reverse proxy, REMOTE_ADDR is the proxy, the same for every visitor: a limit
keyed on it lets anyone lock everyone out. Each trusted proxy appends the address it
was talked to from to X-Forwarded-For, so with N proxies the client is the Nth address
from the right; everything to the left of it came from the client and may be forged.
`SANAD_TRUSTED_PROXY_COUNT` is N. allauth's log-in limits ask the account adapter,
which answers with `client_address` too, so all limits agree by construction.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str | None:
    """The client's IP address, or None when not even REMOTE_ADDR holds one.

    With N trusted proxies: the Nth address from the right of X-Forwarded-For. With no
    proxy, or a header too short or not an address there (a request that did not come
    through the proxies, or a proxy count set too high), REMOTE_ADDR: never an address
    the client chose.
    """
    proxies = settings.SANAD_TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = request.headers.get("x-forwarded-for", "").split(",")
        if len(hops) >= proxies:
            address = _clean(hops[-proxies])
            if address:
                return address
    return _clean(request.META.get("REMOTE_ADDR", ""))


def rate_limit_source(request) -> str:
    """What a rate limit counts: the client's address, an IPv6 one cut to its network
    prefix (/64 unless ALLAUTH_RATE_LIMIT_IPV6_PREFIX says otherwise), as allauth does,
    since one household or phone is given a whole /64 to rotate through."""
    address = client_address(request)
    if address is None:
        return "unknown"
    parsed = ipaddress.ip_address(address)
    if parsed.version == 6:
        prefix = getattr(settings, "ALLAUTH_RATE_LIMIT_IPV6_PREFIX", 64)
        return str(ipaddress.IPv6Network(f"{parsed}/{prefix}", strict=False).network_address)
    return address


def over_limit(request, scope: str, limit: int, window: int = 60) -> bool:
    """Count one request for the client in `scope`; True once more than `limit` fell in
    the window.

    The window starts at the client's first request and lasts `window` seconds (the cache
    entry expires); incrementing keeps the expiry, so the window never slides forward.
    """
    key = f"{scope}:{rate_limit_source(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def _clean(value: str) -> str | None:
    """The address in `value` in its canonical form, without a port some proxies add
    ("203.0.113.7:51234", "[2001:db8::1]:443"); None if it is not an address."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1:value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None
