"""What every signed-in request costs before and around the view: the session, the user and the
access scope (memberships with their organisations' paths), and no write on a plain read."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import engines
from django.urls import path

from phoihop.core.access import rule
from phoihop.testing.queries import assert_queries, captured_queries
from phoihop.urls import urlpatterns as project_urlpatterns

pytestmark = pytest.mark.urls(__name__)

seen_at_view: dict[str, int] = {}


@rule("authenticated")
def floor(request: HttpRequest) -> HttpResponse:
    """A tiny template through the whole middleware stack and the context processors."""
    seen_at_view["queries"] = len(connection.queries)
    template = engines["django"].from_string("<p>{{ user.username }}</p>")
    return HttpResponse(template.render({}, request))


@rule("authenticated")
def floor_base(request: HttpRequest) -> HttpResponse:
    """A page with the site's chrome (menu with memberships, bell with the unread count)."""
    return render(request, "404.html", {"nav": ""})


urlpatterns = [
    *project_urlpatterns,
    path("_floor/", floor),
    path("_floor-base/", floor_base),
]


def _signed_in(client: Any, user: Any) -> None:
    client.force_login(user)
    client.get("/_floor/")  # the first request stamps the session's last use


def _writes(queries: list[dict[str, str]]) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"UPDATE", "INSERT", "DELETE"}]


@pytest.mark.django_db
def test_it_costs_three_queries_for_a_minimal_signed_in_view(client: Any, users: dict[str, Any]) -> None:
    _signed_in(client, users["alice"])
    # The session, the user, the scope (read by the menu's context processor).
    with assert_queries(3) as ctx:
        assert client.get("/_floor/").status_code == 200
    assert seen_at_view["queries"] - ctx.initial_queries == 2  # before the view: session, user
    assert _writes(ctx.captured_queries) == []


@pytest.mark.django_db
def test_it_adds_only_the_unread_count_for_the_site_chrome(client: Any, users: dict[str, Any]) -> None:
    _signed_in(client, users["superior"])
    with assert_queries(4):
        response = client.get("/_floor-base/")
    assert response.status_code == 200
    assert "Bộ Tư lệnh TP" in response.content.decode()  # the menu's membership, from the scope


@pytest.mark.django_db
def test_it_costs_the_same_whatever_the_registry_and_memberships(
    client: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    from phoihop.orgs.models import Membership, Organization

    _signed_in(client, users["superior"])
    with assert_queries(4):
        client.get("/_floor-base/")
    parent = orgs["city"]
    for i in range(30):
        parent = Organization.objects.create(name=f"Đơn vị {i}", kind="other", level="unit", parent=parent)
        if i % 10 == 0:
            Membership.objects.create(user=users["superior"], organization=parent, role="officer")
    with assert_queries(4):
        client.get("/_floor-base/")


@pytest.mark.django_db
def test_it_stamps_the_last_use_at_most_once_a_minute(client: Any, users: dict[str, Any]) -> None:
    from phoihop.accounts.security import LAST_SEEN_KEY

    _signed_in(client, users["alice"])
    with captured_queries() as ctx:
        client.get("/_floor/")
        client.get("/_floor/")
    assert _writes(ctx.captured_queries) == []
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 61
    session.save()
    with captured_queries() as ctx:
        client.get("/_floor/")
    assert len(_writes(ctx.captured_queries)) == 1  # the session row, once
    assert time.time() - client.session[LAST_SEEN_KEY] < 5
