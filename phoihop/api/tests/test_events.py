"""Events through the API: only those the user sees, filtered as on the event list, one with its
host, participants, attendees with the title held that day and the agreements the reader sees."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import pytest
from django.urls import reverse

from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db

SIGNING_DAY = datetime.date(2022, 9, 15)


def make_event(users: Any, orgs: Any, agreements: Sequence[Any] = (), **extra: Any) -> Any:
    from phoihop.events.models import Event
    from phoihop.events.services import AttendeeInput, event_create

    fields = {
        "kind": Event.Kind.SIGNING,
        "title": "Hội nghị ký kết chương trình phối hợp giai đoạn 2022 – 2025",
        "date": SIGNING_DAY,
        "time_of_day": "Sáng",
        "place": "Hội trường Quận ủy Quận 4",
        "host": orgs["district"],
        **extra,
    }
    return event_create(
        actor=users["alice"],
        fields=fields,
        organizations=[orgs["district"], orgs["board"]],
        agreements=agreements,
        attendees=[
            AttendeeInput(
                full_name="Nguyễn Tuấn Bảo",
                rank="Đại tá",
                position="Phó Chính ủy Bộ Tư lệnh Thành phố",
                organization=orgs["city"],
            ),
            AttendeeInput(full_name="Nguyễn Quốc Thái", position="Bí thư Quận ủy Quận 4"),
        ],
    )


@pytest.fixture
def conference(agreement: Any, users: Any, orgs: Any) -> Any:
    return make_event(users, orgs, [agreement])


def test_it_lists_only_the_events_the_user_sees(conference: Any, users: Any, login: Any) -> None:
    url = reverse("api:event_list")
    body = login(users["coop_officer"]).get(url).json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["id"] == conference.pk and item["date"] == "2022-09-15"
    assert item["kind"] == {"value": "signing", "label": "Hội nghị ký kết"}
    assert item["attendee_count"] == 2 and item["agreement_count"] == 1
    assert login(users["charlie"]).get(url).json()["count"] == 0


def test_it_filters_and_pages_as_the_event_list(
    conference: Any, orgs: Any, users: Any, login: Any
) -> None:
    review = make_event(
        users,
        orgs,
        kind="interim_review",
        title="Hội nghị sơ kết năm 2023",
        date=datetime.date(2023, 12, 20),
    )
    client = login(users["alice"])
    url = reverse("api:event_list")
    assert [e["id"] for e in client.get(url).json()["items"]] == [review.pk, conference.pk]
    assert [e["id"] for e in client.get(url, {"year": 2022}).json()["items"]] == [conference.pk]
    assert [e["id"] for e in client.get(url, {"kind": "interim_review"}).json()["items"]] == [
        review.pk
    ]
    assert [e["id"] for e in client.get(url, {"q": "so ket"}).json()["items"]] == [review.pk]
    assert client.get(url, {"host": orgs["board"].pk}).json()["count"] == 0
    assert client.get(url, {"host": orgs["district"].pk}).json()["count"] == 2
    page = client.get(url, {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and [e["id"] for e in page["items"]] == [conference.pk]
    assert client.get(url, {"kind": "party"}).json()["code"] == "validation_error"


def test_it_shows_an_event_with_its_attendees_as_they_were_that_day(
    conference: Any, agreement: Any, orgs: Any, users: Any, login: Any
) -> None:
    response = login(users["superior"]).get(
        reverse("api:event_detail", kwargs={"pk": conference.pk})
    )
    assert response.status_code == 200 and response["ETag"]
    body = response.json()
    assert body["host"] == {"id": orgs["district"].pk, "name": orgs["district"].name}
    assert {o["id"] for o in body["organizations"]} == {orgs["district"].pk, orgs["board"].pk}
    first, second = body["attendees"]
    assert (first["full_name"], first["rank"], first["position"]) == (
        "Nguyễn Tuấn Bảo",
        "Đại tá",
        "Phó Chính ủy Bộ Tư lệnh Thành phố",
    )
    assert first["organization"]["id"] == orgs["city"].pk and second["organization"] is None
    [signed] = body["agreements"]
    assert signed["id"] == agreement.pk and signed["number_symbol"] == "03/CTr-BCHQS-BTGQU"


def test_it_shows_only_the_agreements_the_reader_sees(orgs: Any, users: Any, login: Any) -> None:
    """An event of the board's that also signed the unrelated farmers' agreement: the board's
    officer sees the event, not that agreement."""
    from phoihop.agreements.models import Party
    from phoihop.agreements.services import PartyInput, agreement_create

    theirs = agreement_create(
        actor=users["charlie"],
        fields={"kind": "plan", "title": "Kế hoạch của Hội Nông dân", "status": "in_force"},
        parties=[
            PartyInput(organization=orgs["unrelated"], role=Party.Role.LEAD),
            PartyInput(organization=orgs["city"], role=Party.Role.COOPERATING),
        ],
        content_areas=[],
    )
    event = make_event(users, orgs)
    event.agreements.add(theirs)
    body = (
        login(users["coop_officer"])
        .get(reverse("api:event_detail", kwargs={"pk": event.pk}))
        .json()
    )
    assert body["agreements"] == []
    assert "Hội Nông dân" not in str(body)


def test_it_answers_404_for_an_outsiders_id_as_for_an_unknown_one(
    conference: Any, users: Any, login: Any
) -> None:
    client = login(users["charlie"])
    outsider = client.get(reverse("api:event_detail", kwargs={"pk": conference.pk}))
    unknown = client.get(reverse("api:event_detail", kwargs={"pk": 987654}))
    assert outsider.status_code == unknown.status_code == 404
    assert outsider.json() == unknown.json()


def test_it_answers_not_modified_to_the_current_etag(
    conference: Any, orgs: Any, users: Any, login: Any
) -> None:
    from phoihop.events.services import AttendeeInput, event_update

    client = login(users["alice"])
    url = reverse("api:event_detail", kwargs={"pk": conference.pk})
    tag = client.get(url)["ETag"]
    response = client.get(url, HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 304 and response["ETag"] == tag
    event_update(
        actor=users["alice"],
        event=conference,
        fields={
            "kind": "signing",
            "title": conference.title,
            "date": SIGNING_DAY,
            "host": orgs["district"],
        },
        organizations=[orgs["district"]],
        agreements=list(conference.agreements.all()),
        attendees=[AttendeeInput(full_name="Nguyễn Quốc Thái", position="Bí thư Quận ủy")],
    )
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200


def test_it_pins_the_queries_of_the_events(
    conference: Any, agreement: Any, orgs: Any, users: Any, make_token: Any, api_client: Any
) -> None:
    client = api_client(make_token("alice"))
    urls = {
        # The token with its user, the scope, the count and the page (host joined, counts as
        # subqueries).
        reverse("api:event_list"): 4,
        # The token, the scope, the event with its host, the attendees, the participants and the
        # agreements the reader sees.
        reverse("api:event_detail", kwargs={"pk": conference.pk}): 6,
    }
    for url in urls:
        client.get(url)  # the token's last use is written at most once a minute
    for url, count in urls.items():
        with assert_queries(count):
            assert client.get(url).status_code == 200, url
    for n in range(4):
        make_event(users, orgs, [agreement], title=f"Hội nghị {n}")
    conference.organizations.add(orgs["ward"], orgs["city"])
    for url, count in urls.items():
        with assert_queries(count):
            assert client.get(url).status_code == 200, url
