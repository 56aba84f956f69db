"""The registry through the API: filters and pages as on the registry page, one organisation
with its validity and successions, its ETag."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(users: Any, make_token: Any, api_client: Any) -> Any:
    return api_client(make_token("alice"))


def test_it_lists_the_registry_in_pages(orgs: Any, alice: Any) -> None:
    body = alice.get(reverse("api:organization_list"), {"limit": 2}).json()
    assert body["count"] == 5 and body["limit"] == 2 and len(body["items"]) == 2
    rest = alice.get(reverse("api:organization_list"), {"limit": 2, "offset": 4}).json()
    assert len(rest["items"]) == 1
    names = [o["name"] for o in body["items"] + rest["items"]]
    assert orgs["unrelated"].name in names or len(set(names)) == 3


def test_it_filters_as_the_registry_page(orgs: Any, alice: Any) -> None:
    url = reverse("api:organization_list")
    military = alice.get(url, {"kind": "military"}).json()
    assert {o["id"] for o in military["items"]} == {
        orgs["city"].pk,
        orgs["district"].pk,
        orgs["ward"].pk,
    }
    assert [o["id"] for o in alice.get(url, {"parent": orgs["district"].pk}).json()["items"]] == [
        orgs["ward"].pk
    ]
    ended = alice.get(url, {"state": "ended"}).json()
    assert [o["id"] for o in ended["items"]] == [orgs["district"].pk]
    folded = alice.get(url, {"q": "ban chi huy quan su quan 4"}).json()
    assert orgs["district"].pk in {o["id"] for o in folded["items"]}


def test_it_refuses_a_page_larger_than_the_bound(orgs: Any, alice: Any) -> None:
    response = alice.get(reverse("api:organization_list"), {"limit": 101})
    assert response.status_code == 422
    assert "limit" in response.json()["fields"]
    assert (
        alice.get(reverse("api:organization_list"), {"kind": "nothing"}).json()["code"]
        == "validation_error"
    )


def test_it_shows_an_organisation_with_its_validity_and_successions(
    users: Any, orgs: Any, alice: Any
) -> None:
    from phoihop.orgs.models import Succession

    succession = Succession.objects.create(
        kind=Succession.Kind.MERGE,
        effective_date=datetime.date(2025, 7, 1),
        decision_number="1234/QĐ-BTL",
        decision_issuer="Bộ Tư lệnh",
    )
    succession.predecessors.add(orgs["district"])
    succession.successors.add(orgs["city"])
    body = alice.get(reverse("api:organization_detail", kwargs={"pk": orgs["district"].pk})).json()
    assert body["valid_to"] == "2025-06-30"
    assert body["parent"] == {"id": orgs["city"].pk, "name": orgs["city"].name}
    assert body["kind"]["value"] == "military" and body["kind"]["label"]
    [out] = body["successions_out"]
    assert out["kind"]["value"] == "merge" and out["decision_number"] == "1234/QĐ-BTL"
    assert out["successors"] == [{"id": orgs["city"].pk, "name": orgs["city"].name}]
    assert body["successions_in"] == []
    city = alice.get(reverse("api:organization_detail", kwargs={"pk": orgs["city"].pk})).json()
    assert [s["id"] for s in city["successions_in"]] == [succession.pk]


def test_it_answers_not_modified_to_the_current_etag(orgs: Any, alice: Any) -> None:
    url = reverse("api:organization_detail", kwargs={"pk": orgs["district"].pk})
    tag = alice.get(url)["ETag"]
    response = alice.get(url, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 304 and response["ETag"] == tag
    orgs["district"].notes = "Đã giải thể"
    orgs["district"].save()
    assert alice.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200


def test_it_answers_404_for_an_unknown_id(orgs: Any, alice: Any) -> None:
    for pk in (987654, 9 * 10**30):
        response = alice.get(f"/api/v1/organizations/{pk}")
        assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_it_pins_the_queries_of_the_list(orgs: Any, login: Any, users: Any, alice: Any) -> None:
    client = login(users["alice"])
    # The session and its user, then the count and the page (parents joined).
    with assert_queries(4):
        assert client.get(reverse("api:organization_list")).status_code == 200
    alice.get(reverse("api:organization_list"))
    # With a token: the token with its user (its last use is written at most once a minute).
    with assert_queries(3):
        assert alice.get(reverse("api:organization_list"), {"limit": 100}).status_code == 200


def test_it_answers_404_in_json_to_any_other_address(alice: Any) -> None:
    for path in (
        "/api/v1/organizations/-5",
        "/api/v1/organizations/abc",
        "/api/v1/nothing",
        "/api/v1/",
    ):
        response = alice.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found", path
    assert alice.post("/api/v1/activities/-5/submit").json()["code"] == "not_found"


def test_it_walks_the_tree_a_level_at_a_time(orgs: Any, alice: Any) -> None:
    url = reverse("api:organization_tree")
    top = alice.get(url).json()
    assert top["parent"] is None and top["ancestors"] == []
    assert {o["id"] for o in top["items"]} == {
        orgs["city"].pk,
        orgs["board"].pk,
        orgs["unrelated"].pk,
    }
    assert {o["id"]: o["has_children"] for o in top["items"]}[orgs["city"].pk] is True
    below = alice.get(url, {"parent": orgs["district"].pk}).json()
    assert below["parent"] == {"id": orgs["district"].pk, "name": orgs["district"].name}
    assert below["ancestors"] == [{"id": orgs["city"].pk, "name": orgs["city"].name}]
    [ward] = below["items"]
    assert ward["id"] == orgs["ward"].pk and ward["has_children"] is False
    assert ward["level"] == {"value": "commune", "label": "Xã, phường, đặc khu"}
    leaf = alice.get(url, {"parent": orgs["ward"].pk}).json()
    assert leaf["count"] == 0 and [a["id"] for a in leaf["ancestors"]] == [
        orgs["city"].pk,
        orgs["district"].pk,
    ]
    page = alice.get(url, {"limit": 2, "offset": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 1
    assert alice.get(url, {"parent": 987654}).json()["code"] == "not_found"
    assert alice.get(url, {"limit": 101}).status_code == 422


def test_it_leaves_archived_bodies_out_of_the_tree(orgs: Any, alice: Any) -> None:
    orgs["ward"].archive()
    body = alice.get(reverse("api:organization_tree"), {"parent": orgs["district"].pk}).json()
    assert body["count"] == 0
    top = alice.get(reverse("api:organization_tree")).json()
    assert {o["id"]: o["has_children"] for o in top["items"]}[orgs["city"].pk] is True
    district = alice.get(reverse("api:organization_tree"), {"parent": orgs["city"].pk}).json()
    assert district["items"][0]["has_children"] is False


def test_it_pins_the_queries_of_the_tree(orgs: Any, alice: Any) -> None:
    from phoihop.orgs.models import Organization as O

    url = reverse("api:organization_tree")
    alice.get(url)  # the token's last use is written at most once a minute
    # The token with its user, the parent, its ancestors, the count and the page.
    with assert_queries(5):
        assert alice.get(url, {"parent": orgs["district"].pk}).status_code == 200
    for n in range(6):
        child = O.objects.create(
            name=f"Ban Chỉ huy Quân sự Phường {n + 2}",
            kind=O.Kind.MILITARY,
            level=O.Level.COMMUNE,
            parent=orgs["district"],
        )
        O.objects.create(
            name=f"Trung đội dân quân {n}", kind=O.Kind.MILITARY, level=O.Level.UNIT, parent=child
        )
    with assert_queries(5):
        assert len(alice.get(url, {"parent": orgs["district"].pk}).json()["items"]) == 7
