"""The search page costs the same queries and shows at most 20 rows a section, whatever matches."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from phoihop.agreements.tests.bulk import make_agreements
from phoihop.events.tests.test_list_scale import make_events
from phoihop.testing.queries import captured_queries

pytestmark = pytest.mark.django_db

# Pinned: the same for 2 matching agreements and events as for 60 of each. Each section with a
# match (here organisations, agreements and events) loads its shown rows in one more query.
SEARCH_QUERIES = 11


def _search(client: Any, q: str) -> tuple[Any, int]:
    with captured_queries() as queries:
        response = client.get(reverse("core:search"), {"q": q})
    assert response.status_code == 200
    return response, len(queries)


def test_it_searches_with_the_same_queries_for_few_and_many_matches(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = login(users["superior"])
    make_agreements(2, party=orgs["district"], title="Kế hoạch giao ban")
    make_events(2, host=orgs["district"])
    _search(client, "giao ban")
    small, few = _search(client, "giao ban")
    make_agreements(60, party=orgs["ward"], title="Kế hoạch giao ban", start=2)
    make_events(60, host=orgs["ward"], start=2)
    large, many = _search(client, "giao ban")
    assert (few, many) == (SEARCH_QUERIES, SEARCH_QUERIES)
    results = large.context["results"]
    assert (len(results.agreements), results.counts["agreements"]) == (20, 62)
    assert (len(results.events), results.counts["events"]) == (20, 62)


def test_it_never_finds_what_the_user_may_not_see(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    make_agreements(3, party=orgs["district"], title="Kế hoạch giao ban")
    make_events(3, host=orgs["district"])
    results = login(users["charlie"]).get(reverse("core:search"), {"q": "giao ban"}).context["results"]
    assert (results.agreements, results.events, results.counts["agreements"], results.counts["events"]) == ([], [], 0, 0)


def test_it_asks_what_the_user_may_see_once_a_section(login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    """A section's rows are chosen under the access rule, then loaded by their ids alone: asked
    twice, a province leader's visible people (a UNION of three id sets) cost twice."""
    client = login(users["superior"])
    client.get(reverse("core:search"), {"q": "nguyen"})
    with captured_queries() as queries:
        response = client.get(reverse("core:search"), {"q": "nguyen"})
    assert [p.full_name for p in response.context["results"].people] == ["Nguyễn Văn An"]
    people = [q["sql"] for q in queries.captured_queries if 'FROM "orgs_person"' in q["sql"]]
    assert len(people) == 2  # the candidates, then the shown rows
    assert sum("UNION" in sql for sql in people) == 1
