"""The agreement list and page cost the same queries whatever the user may see, and offer only
the chosen party instead of every organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from phoihop.agreements.tests.bulk import make_agreements
from phoihop.testing.queries import captured_queries

pytestmark = pytest.mark.django_db

# Pinned: the same with 2 agreements as with 60 (parties, search and sort included).
LIST_QUERIES = 11
# The viewer of an agreement due for renewal is told who may draft it: 6 of these name them
# (today's lead body, its writers, each checked by the access rules). The plans', events' and
# reviews' panels are loaded from their own URLs.
DETAIL_QUERIES = 27


def _get(client: Any, url: str, params: dict[str, Any] | None = None) -> tuple[str, int]:
    with captured_queries() as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("sort", ["signed", "-signed", "title", "period", "updated"])
def test_it_lists_agreements_with_the_same_queries_for_few_and_many(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], sort: str
) -> None:
    client = login(users["superior"])
    params = {"party": orgs["district"].pk, "q": "ke hoach", "sort": sort, "year": 2024}
    make_agreements(2, party=orgs["district"])
    _get(client, reverse("agreements:list"))
    _, few = _get(client, reverse("agreements:list"), params)
    make_agreements(60, party=orgs["district"], start=2)
    make_agreements(30, party=orgs["ward"], start=62)
    body, many = _get(client, reverse("agreements:list"), params)
    assert (few, many) == (LIST_QUERIES, LIST_QUERIES)
    assert "Trang 1/3" in body
    # The party filter carries the chosen organisation only.
    assert f'<option value="{orgs["district"].pk}" selected>' in body
    assert orgs["ward"].name not in body


def test_it_pages_the_newest_signed_first_without_gaps(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    made = make_agreements(30, party=orgs["board"])
    client = login(users["coop_officer"])
    first = list(client.get(reverse("agreements:list")).context["page"].object_list)
    second = list(client.get(reverse("agreements:list"), {"page": 2}).context["page"].object_list)
    assert [a.pk for a in first + second] == [a.pk for a in reversed(made)]
    assert [a.content_area_count for a in first] == [0] * 25


def test_it_counts_content_areas_on_the_page(login: Any, users: dict[str, Any], agreement: Any) -> None:
    listed = login(users["alice"]).get(reverse("agreements:list")).context["page"].object_list
    assert [(a.pk, a.content_area_count) for a in listed] == [(agreement.pk, 2)]


def test_it_offers_the_years_the_visible_periods_span(login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    make_agreements(1, party=orgs["unrelated"])  # 2023–2026, not visible to alice
    assert login(users["alice"]).get(reverse("agreements:list")).context["years"] == [2025, 2024, 2023, 2022]


def test_it_ignores_a_party_that_does_not_exist(login: Any, users: dict[str, Any], agreement: Any) -> None:
    body = login(users["alice"]).get(reverse("agreements:list"), {"party": 2**40}).content.decode()
    assert agreement.title in body


def test_it_shows_an_agreement_page_with_the_same_queries_for_few_and_many_others(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    client = login(users["superior"])
    make_agreements(2, party=orgs["district"])
    _get(client, agreement.get_absolute_url())
    _, few = _get(client, agreement.get_absolute_url())
    make_agreements(60, party=orgs["district"], start=2)
    _, many = _get(client, agreement.get_absolute_url())
    assert (few, many) == (DETAIL_QUERIES, DETAIL_QUERIES)


def test_it_offers_parent_and_renewed_agreements_through_the_choice_box(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    others = make_agreements(30, party=orgs["district"])
    agreement.parent = others[0]
    agreement.save()
    body = login(users["alice"]).get(reverse("agreements:edit", args=[agreement.pk])).content.decode()
    assert f'<option value="{others[0].pk}" selected>100/KH-PH · {others[0].title}</option>' in body
    assert others[1].title not in body
    assert body.count(f'data-autocomplete="{reverse("agreements:autocomplete")}"') == 2
