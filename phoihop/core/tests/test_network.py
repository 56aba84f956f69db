"""The client's address behind the deployment's reverse proxies."""

from __future__ import annotations

from typing import Any

from phoihop.core.network import client_ip


def test_it_reads_the_client_address_behind_proxies(settings: Any, rf: Any) -> None:
    request = rf.get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_ip(request) == "10.9.9.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"  # the forged left-hand entry is ignored
