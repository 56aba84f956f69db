"""Where a request comes from, as the deployment's reverse proxies report it."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the connection's, or behind TRUSTED_PROXY_COUNT proxies the entry
    that many places from the right of X-Forwarded-For (entries further left can be forged)."""
    address = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        chain = [
            p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()
        ]
        if len(chain) >= proxies:
            address = chain[-proxies]
    if address is None:
        return None
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
