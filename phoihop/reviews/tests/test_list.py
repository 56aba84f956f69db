"""The review list: one page of reviews and the chosen agreement only, whatever the user sees."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from phoihop.agreements.tests.bulk import make_agreements
from phoihop.testing.queries import captured_queries

pytestmark = pytest.mark.django_db

D = datetime.date
# Pinned: the same with 2 agreements and 3 reviews as with 40 agreements and 60 reviews.
REVIEW_LIST_QUERIES = 8


def make_reviews(agreements: list[Any], count: int, *, kind: str = "interim") -> list[Any]:
    from phoihop.reviews.models import Review

    return Review.objects.bulk_create(
        Review(
            kind=kind, agreement=agreements[i % len(agreements)],
            period_start=D(2020, 1, 1) + datetime.timedelta(days=i), period_end=D(2020, 1, 1) + datetime.timedelta(days=i + 1),
        )
        for i in range(count)
    )


def _get(client: Any, params: dict[str, Any] | None = None) -> tuple[Any, int]:
    with captured_queries() as queries:
        response = client.get(reverse("reviews:list"), params or {})
    assert response.status_code == 200
    return response, len(queries)


def test_it_lists_reviews_with_the_same_queries_for_few_and_many(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = login(users["superior"])
    few_agreements = make_agreements(2, party=orgs["district"])
    make_reviews(few_agreements, 3)
    _get(client)
    _, few = _get(client, {"agreement": few_agreements[0].pk})
    many_agreements = make_agreements(40, party=orgs["ward"], start=2)
    make_reviews(many_agreements, 60)
    large, many = _get(client, {"agreement": many_agreements[0].pk})
    assert (few, many) == (REVIEW_LIST_QUERIES, REVIEW_LIST_QUERIES)
    body = large.content.decode()
    assert f'<option value="{many_agreements[0].pk}" selected>' in body
    assert many_agreements[1].title + "<" not in body
    _, unfiltered = _get(client)
    assert unfiltered == REVIEW_LIST_QUERIES - 2  # no chosen agreement to validate and label


def test_it_pages_and_filters_reviews_by_agreement(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    agreements = make_agreements(2, party=orgs["district"])
    made = make_reviews(agreements, 30)
    client = login(users["alice"])
    first = list(client.get(reverse("reviews:list")).context["page"].object_list)
    second = list(client.get(reverse("reviews:list"), {"page": 2}).context["page"].object_list)
    assert [r.pk for r in first + second] == [r.pk for r in reversed(made)]
    page = client.get(reverse("reviews:list"), {"agreement": agreements[1].pk}).context["page"]
    assert page.paginator.count == 15 and all(r.agreement_id == agreements[1].pk for r in page.object_list)


def test_it_ignores_an_agreement_the_user_may_not_see(login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    make_reviews([agreement], 2)
    mine = make_agreements(1, party=orgs["unrelated"])
    make_reviews(mine, 1)
    response = login(users["charlie"]).get(reverse("reviews:list"), {"agreement": agreement.pk})
    assert [r.agreement_id for r in response.context["page"].object_list] == [mine[0].pk]
    assert agreement.title not in response.content.decode()


def test_it_renders_only_the_chosen_organisation_in_the_commendation_filter(client: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.reviews.models import Commendation

    for org in ("district", "board", "ward"):
        Commendation.objects.create(
            awardee_kind="collective", organization=orgs[org], form="praise", authority="Ban CHQS", reason="Thành tích", year=2024,
        )
    client.force_login(users["staff"])
    page = client.get(reverse("reviews:commendation_list"), {"organization": orgs["ward"].pk}).content.decode()
    assert f'<option value="{orgs["ward"].pk}" selected>' in page
    assert f'<option value="{orgs["board"].pk}"' not in page
    assert '<option value="2024"' in page


def test_it_offers_every_year_from_the_first_commendation_to_this_one(client: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from django.utils import timezone

    from phoihop.reviews.models import Commendation

    client.force_login(users["alice"])
    assert client.get(reverse("reviews:commendation_list")).context["years"] == []
    for year in (2021, 2023):
        Commendation.objects.create(
            awardee_kind="collective", organization=orgs["district"], form="praise", authority="Ban CHQS", reason="Thành tích", year=year,
        )
    this_year = timezone.localdate().year
    assert client.get(reverse("reviews:commendation_list")).context["years"] == list(range(this_year, 2020, -1))
    page = client.get(reverse("reviews:commendation_list"), {"year": 2022}).content.decode()
    assert '<option value="2022" selected>' in page
