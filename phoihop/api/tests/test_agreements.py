"""Agreements through the API: only those the user sees, filtered as on the agreement list, one
with its parties and content areas."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def test_it_lists_only_the_agreements_the_user_sees(agreement: Any, users: Any, login: Any) -> None:
    url = reverse("api:agreement_list")
    body = login(users["coop_officer"]).get(url).json()
    assert [a["id"] for a in body["items"]] == [agreement.pk]
    item = body["items"][0]
    assert item["content_area_count"] == 2
    assert [p["role"]["value"] for p in item["parties"]] == ["lead", "cooperating"]
    assert login(users["charlie"]).get(url).json() == {
        "count": 0,
        "limit": 25,
        "offset": 0,
        "items": [],
    }


def test_it_filters_as_the_agreement_list(
    agreement: Any, orgs: Any, users: Any, login: Any
) -> None:
    client = login(users["alice"])
    url = reverse("api:agreement_list")
    assert client.get(url, {"party": orgs["board"].pk}).json()["count"] == 1
    assert client.get(url, {"party": orgs["unrelated"].pk}).json()["count"] == 0
    assert client.get(url, {"status": "draft"}).json()["count"] == 0
    assert client.get(url, {"year": 2023}).json()["count"] == 1
    assert client.get(url, {"year": 2030}).json()["count"] == 0
    assert client.get(url, {"period": "2022-2025"}).json()["count"] == 1
    assert client.get(url, {"q": "tuyen giao quoc phong"}).json()["count"] == 1
    assert client.get(url, {"period": "sometime"}).status_code == 422


def test_it_shows_an_agreement_with_its_parties_and_content_areas(
    agreement: Any, orgs: Any, users: Any, login: Any
) -> None:
    response = login(users["superior"]).get(
        reverse("api:agreement_detail", kwargs={"pk": agreement.pk})
    )
    assert response.status_code == 200
    assert response["ETag"]
    body = response.json()
    assert body["number_symbol"] == "03/CTr-BCHQS-BTGQU"
    lead = body["parties"][0]
    assert lead["organization"]["id"] == orgs["district"].pk
    assert lead["signatory_name"] == "Nguyễn Văn An" and lead["signatory_rank"] == "Thượng tá"
    assert [a["number"] for a in body["content_areas"]] == [1, 2]
    assert {o["id"] for o in body["content_areas"][0]["responsible"]} == {
        orgs["district"].pk,
        orgs["board"].pk,
    }


def test_it_answers_404_for_an_outsiders_id_as_for_an_unknown_one(
    agreement: Any, users: Any, login: Any
) -> None:
    client = login(users["charlie"])
    outsider = client.get(reverse("api:agreement_detail", kwargs={"pk": agreement.pk}))
    unknown = client.get(reverse("api:agreement_detail", kwargs={"pk": 987654}))
    assert outsider.status_code == unknown.status_code == 404
    assert outsider.json() == unknown.json()


def test_it_answers_not_modified_to_the_current_etag(
    agreement: Any, users: Any, login: Any
) -> None:
    client = login(users["alice"])
    url = reverse("api:agreement_detail", kwargs={"pk": agreement.pk})
    tag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"0.0"').status_code == 200


def test_it_pins_the_queries_of_the_list(agreement: Any, orgs: Any, users: Any, login: Any) -> None:
    from phoihop.testing.builders import make_agreement

    client = login(users["alice"])
    # The session and its user, the scope, the count, the page, its parties with organisations.
    with assert_queries(6):
        assert client.get(reverse("api:agreement_list")).status_code == 200
    for n in range(3):
        make_agreement(actor=users["alice"], parties=[orgs["district"], orgs["city"]], kind="plan", title=f"Kế hoạch phối hợp số {n}")
    with assert_queries(6):
        assert len(client.get(reverse("api:agreement_list")).json()["items"]) == 4
