"""Odd query parameters on every page a user can open: a NUL byte, years out of any range, huge
page numbers. Each gets a clear answer — a 400 or the parameter ignored — never a server error."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from phoihop.core.tests.test_access_walk import (  # noqa: F401 (the walk's world, its fixtures)
    changes_data,
    layered,
    routes,
    url_for,
    view_rule,
    world,
    world_agreement,
    world_orgs,
    world_users,
)

pytestmark = pytest.mark.django_db

# A NUL byte (refused before any view), then every odd value below, a few to a request: the
# values a view ignores or refuses field by field. Each user pairs them differently, so a value
# one view stops at is still sent to that view beside another partner.
ODD = {
    "alice": [
        "q=ab%00cd", "year=99999999999&page=-1", "year=-1&organization=99999999999999999999",
        "year=1e9&agreement=-9223372036854775809", "year=0&page=99999999999999999999",
        "year=9223372036854775808", "month=13&year=2024",
    ],
    "staff": [
        "%00=1", "year=-1&page=99999999999999999999", "year=99999999999&agreement=-9223372036854775809",
        "year=0&organization=99999999999999999999", "year=1e9&page=-1",
        "year=9223372036854775808&month=13", "month=13&year=2024",
    ],
}


def readable_routes(world: dict[str, Any]) -> list[tuple[str, str]]:  # noqa: F811
    found = []
    for name, pattern in routes():
        if changes_data(name) or view_rule(pattern) == "public":
            continue
        try:
            url, _ = url_for(name, pattern, world)
        except pytest.fail.Exception:
            continue
        found.append((name, url))
    return found


@pytest.mark.parametrize("who", ["alice", "staff"])
def test_no_page_answers_odd_parameters_with_a_server_error(client: Any, users: dict[str, Any], world: dict[str, Any], who: str) -> None:  # noqa: F811
    client.force_login(users[who])
    client.raise_request_exception = False  # collect every failure, then report them together
    failures = []
    for name, url in readable_routes(world):
        for query in ODD[who]:
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                failures.append(f"{name} ?{query}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_a_nul_byte_anywhere_in_the_address_is_a_bad_request(client: Any, users: dict[str, Any]) -> None:
    client.force_login(users["alice"])
    assert client.get(reverse("agreements:list") + "?q=%00").status_code == 400
    assert client.get(reverse("notifications:feed", kwargs={"token": "abc\x00def"})).status_code == 400
    client.logout()
    assert client.get(reverse("notifications:feed", kwargs={"token": "abc\x00def"})).status_code == 400
