"""People through the API: the officials a user sees on the people pages, filtered as there, one
with the titles held over time."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def signatory(agreement: Any) -> Any:
    """Nguyễn Văn An, who signed for the district command."""
    return agreement.parties.get(role="lead").signatory


def test_it_lists_the_people_the_user_sees(
    signatory: Any, orgs: Any, users: Any, login: Any
) -> None:
    from phoihop.orgs.services import person_create

    person_create(
        actor=users["charlie"],
        full_name="Lê Văn Cường",
        organization=orgs["unrelated"],
        position="Chủ tịch Hội",
    )
    url = reverse("api:person_list")
    # The board's officer sees both signatories (he sees what they signed), not charlie's man.
    body = login(users["coop_officer"]).get(url).json()
    assert [p["full_name"] for p in body["items"]] == ["Nguyễn Văn An", "Trần Thị Bình"]
    an = body["items"][0]
    assert an["organization"] == {"id": orgs["district"].pk, "name": orgs["district"].name}
    assert an["position"] == "Chỉ huy trưởng" and an["rank"] == "Thượng tá"
    assert [p["full_name"] for p in login(users["charlie"]).get(url).json()["items"]] == [
        "Lê Văn Cường"
    ]


def test_it_filters_and_pages_as_the_people_list(
    signatory: Any, orgs: Any, users: Any, login: Any
) -> None:
    client = login(users["alice"])
    url = reverse("api:person_list")
    assert client.get(url).json()["count"] == 2
    assert [p["id"] for p in client.get(url, {"q": "van an"}).json()["items"]] == [signatory.pk]
    by_org = client.get(url, {"organization": orgs["board"].pk}).json()
    assert [p["full_name"] for p in by_org["items"]] == ["Trần Thị Bình"]
    page = client.get(url, {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and [p["full_name"] for p in page["items"]] == ["Trần Thị Bình"]
    assert client.get(url, {"limit": 0}).status_code == 422


def test_it_shows_a_person_with_the_titles_held_over_time(
    signatory: Any, orgs: Any, users: Any, login: Any
) -> None:
    from phoihop.orgs.services import person_title_add

    person_title_add(
        actor=users["alice"],
        person=signatory,
        position="Phó Chỉ huy trưởng",
        rank="Trung tá",
        since=datetime.date(2019, 1, 1),
    )
    response = login(users["superior"]).get(
        reverse("api:person_detail", kwargs={"pk": signatory.pk})
    )
    assert response.status_code == 200 and response["ETag"]
    body = response.json()
    assert body["full_name"] == "Nguyễn Văn An" and body["position"] == "Chỉ huy trưởng"
    first, *_rest, last = body["titles"]
    assert (first["rank"], first["position"], first["valid_from"]) == (
        "Trung tá",
        "Phó Chỉ huy trưởng",
        "2019-01-01",
    )
    assert last["position"] == "Chỉ huy trưởng"
    assert last["organization"] == {"id": orgs["district"].pk, "name": orgs["district"].name}


def test_it_answers_404_for_an_outsiders_id_as_for_an_unknown_one(
    signatory: Any, users: Any, login: Any
) -> None:
    client = login(users["charlie"])
    outsider = client.get(reverse("api:person_detail", kwargs={"pk": signatory.pk}))
    unknown = client.get(reverse("api:person_detail", kwargs={"pk": 987654}))
    assert outsider.status_code == unknown.status_code == 404
    assert outsider.json() == unknown.json()


def test_it_answers_not_modified_until_a_title_is_added(
    signatory: Any, users: Any, login: Any
) -> None:
    from phoihop.orgs.services import person_title_add

    client = login(users["alice"])
    url = reverse("api:person_detail", kwargs={"pk": signatory.pk})
    tag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 304 and response["ETag"] == tag
    # An earlier title brought in from the records leaves the person's own row as it was.
    person_title_add(
        actor=users["alice"], person=signatory, position="Trợ lý", since=datetime.date(2010, 1, 1)
    )
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200


def test_it_pins_the_queries_of_the_people(
    signatory: Any, orgs: Any, users: Any, make_token: Any, api_client: Any
) -> None:
    from phoihop.orgs.services import person_create, person_title_add

    client = api_client(make_token("alice"))
    urls = {
        # The token with its user, the scope, the count and the page (organisations joined).
        reverse("api:person_list"): 4,
        # The token, the scope, the person with the organisation, the titles with theirs.
        reverse("api:person_detail", kwargs={"pk": signatory.pk}): 4,
    }
    for url in urls:
        client.get(url)  # the token's last use is written at most once a minute
    for url, count in urls.items():
        with assert_queries(count):
            assert client.get(url).status_code == 200, url
    for n in range(5):
        person_create(
            actor=users["alice"],
            full_name=f"Phạm Văn Dũng {n}",
            organization=orgs["district"],
            position="Trợ lý",
        )
        person_title_add(
            actor=users["alice"],
            person=signatory,
            position=f"Chức vụ {n}",
            organization=orgs["ward"],
            since=datetime.date(2000 + n, 1, 1),
        )
    for url, count in urls.items():
        with assert_queries(count):
            assert client.get(url).status_code == 200, url
