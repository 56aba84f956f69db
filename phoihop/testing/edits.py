"""Test helpers for edit forms that carry a version (core.versioning)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

STALE = "trong khi bạn đang sửa"
NO_VERSION = "không mang số phiên bản"


def opened(client: Any, url: str, params: Mapping[str, Any] | None = None) -> dict[str, str]:
    """The hidden version fields of the edit page at ``url``, as a browser would post them back."""
    response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return hidden_version(response.content.decode())


def hidden_version(page: str) -> dict[str, str]:
    found = {}
    for name in ("version", "version_seen"):
        match = re.search(rf'<input type="hidden" name="(?:[\w-]+-)?{name}" value="([^"]*)"', page)
        assert match is not None, f"no {name} field on the page"
        found[name] = html.unescape(match.group(1))
    return found


def check_concurrent_edit(
    first: Any,
    second: Any,
    url: str,
    *,
    first_data: Mapping[str, Any],
    second_data: Mapping[str, Any],
    first_kept: Callable[[], None],
    second_typed: str,
    changed_shown: str,
    params: Mapping[str, Any] | None = None,
) -> None:
    """Two people open ``url``; the first saves; the second's save is refused, then goes through.

    ``first_kept`` asserts the first save is intact in the database; ``second_typed`` is text the
    second person typed that must be on the refused page; ``changed_shown`` the first person's
    value the message must show.
    """
    one = opened(first, url, params)
    two = opened(second, url, params)
    assert one["version"] == two["version"]
    response = second.post(url, dict(second_data))  # no version: refused, nothing saved
    assert response.status_code == 200 and NO_VERSION in response.content.decode()
    response = first.post(url, {**first_data, **one})
    assert response.status_code == 302, response.content.decode()[:2000]
    first_kept()
    response = second.post(url, {**second_data, **two})
    page = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert STALE in page
    assert html.escape(changed_shown) in page or changed_shown in page, changed_shown
    assert html.escape(second_typed) in page or second_typed in page, second_typed
    first_kept()
    again = hidden_version(page)
    assert int(again["version"]) == int(two["version"]) + 1
    response = second.post(url, {**second_data, **again})
    assert response.status_code == 302, response.content.decode()[:2000]
