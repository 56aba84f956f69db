"""Inspections through the API: the list with the page's filters, one visit with its
recommendations, their follow-up and its files, seen like its agreement; and what was done
about a recommendation recorded by either side of it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.exchange.models import Inspection
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db

D = datetime.date


def make_inspection(
    users: Any, agreement: Any, orgs: Any, title: str, day: datetime.date
) -> Inspection:
    from phoihop.exchange.services import inspection_create

    return inspection_create(
        actor=users["coop_officer"],
        agreement=agreement,
        kind="supervision",
        title=title,
        date=day,
        inspecting=[orgs["board"]],
        inspected=[orgs["district"]],
        scope_text="Công tác tuyên truyền quốc phòng",
        findings="Thực hiện cơ bản đầy đủ.",
    )


@pytest.fixture
def inspection(users: Any, agreement: Any, orgs: Any) -> Inspection:
    from phoihop.exchange.services import follow_up_add, recommendation_add, recommendation_close

    found = make_inspection(
        users, agreement, orgs, "Giám sát việc gửi báo cáo năm 2024", D(2024, 11, 20)
    )
    first = recommendation_add(
        actor=users["coop_officer"],
        inspection=found,
        text="Bổ sung sổ theo dõi",
        responsible=orgs["district"],
        due_date=D(2024, 12, 31),
    )
    follow_up_add(actor=users["alice"], recommendation=first, date=D(2024, 12, 5), note="Đã lập sổ")
    second = recommendation_add(
        actor=users["coop_officer"],
        inspection=found,
        text="Gửi báo cáo đúng hạn",
        responsible=orgs["district"],
    )
    recommendation_close(actor=users["coop_officer"], recommendation=second, note="Đã thực hiện")
    return found


@pytest.fixture
def token(make_token: Any, api_client: Any) -> Any:
    def make(username: str, access: str = "write") -> Any:
        return api_client(make_token(username, access=access))

    return make


def detail(inspection: Inspection) -> str:
    return reverse("api:inspection_detail", kwargs={"pk": inspection.pk})


def test_it_shows_a_visit_with_its_recommendations_and_their_follow_up(
    inspection: Inspection, orgs: Any, token: Any
) -> None:
    response = token("bob").get(detail(inspection))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["kind"]["value"] == "supervision" and body["findings"] == "Thực hiện cơ bản đầy đủ."
    assert body["inspecting"] == [{"id": orgs["board"].pk, "name": orgs["board"].name}]
    assert (body["recommendation_count"], body["open_count"]) == (2, 1)
    first, second = body["recommendations"]
    assert first["status"]["value"] == "in_progress" and first["due_date"] == "2024-12-31"
    assert [(f["note"], f["by"]) for f in first["follow_ups"]] == [("Đã lập sổ", "alice")]
    assert second["status"]["value"] == "closed" and second["closed_by"] == "coop_officer"
    assert [f["note"] for f in second["follow_ups"]] == ["Đã thực hiện"]


def test_it_changes_its_tag_when_the_follow_up_moves_on(
    inspection: Inspection, users: Any, token: Any
) -> None:
    from phoihop.attachments.services import attachment_add
    from phoihop.exchange.services import follow_up_add

    bob = token("bob")
    tag = bob.get(detail(inspection))["ETag"]
    assert bob.get(detail(inspection), HTTP_IF_NONE_MATCH=tag).status_code == 304
    follow_up_add(
        actor=users["alice"],
        recommendation=inspection.recommendations.get(order=1),
        date=D(2024, 12, 9),
        note="Đã rà soát",
    )
    moved = bob.get(detail(inspection), HTTP_IF_NONE_MATCH=tag)
    assert moved.status_code == 200 and moved["ETag"] != tag
    minutes = SimpleUploadedFile(
        "bien-ban.pdf", b"%PDF-1.4\n% bien ban\n", content_type="application/pdf"
    )
    stored = attachment_add(
        actor=users["coop_officer"], owner=inspection, upload=minutes, kind="minutes"
    )
    with_file = bob.get(detail(inspection), HTTP_IF_NONE_MATCH=moved["ETag"])
    assert with_file.status_code == 200
    assert [a["id"] for a in with_file.json()["attachments"]] == [stored.pk]
    # Its file is downloaded by whoever sees the visit.
    assert bob.get(with_file.json()["attachments"][0]["download_url"]).status_code == 200
    assert (
        token("charlie").get(with_file.json()["attachments"][0]["download_url"]).status_code == 404
    )


def test_it_shows_a_visit_only_to_those_who_see_its_agreement(
    inspection: Inspection, token: Any
) -> None:
    for reader in ("alice", "coop_officer", "superior", "staff"):
        assert token(reader).get(detail(inspection)).status_code == 200, reader
    for outsider in ("charlie", "subordinate"):
        assert token(outsider).get(detail(inspection)).json()["code"] == "not_found", outsider
        assert token(outsider).get(reverse("api:inspection_list")).json()["count"] == 0, outsider
    assert (
        token("bob").get(reverse("api:inspection_detail", kwargs={"pk": 987654})).status_code == 404
    )
    # Read-only here: the visit is recorded and followed up on its pages.
    assert (
        token("coop_officer")
        .patch(detail(inspection), {}, content_type="application/json")
        .status_code
        == 405
    )


def test_it_filters_as_the_inspection_list_does(
    inspection: Inspection, users: Any, agreement: Any, orgs: Any, token: Any
) -> None:
    from phoihop.exchange.services import inspection_archive

    older = make_inspection(users, agreement, orgs, "Kiểm tra năm 2023", D(2023, 6, 1))
    bob = token("bob")
    url = reverse("api:inspection_list")
    titles = [i["title"] for i in bob.get(url).json()["items"]]
    assert titles == ["Giám sát việc gửi báo cáo năm 2024", "Kiểm tra năm 2023"]
    assert [i["title"] for i in bob.get(url, {"year": 2023}).json()["items"]] == [
        "Kiểm tra năm 2023"
    ]
    assert bob.get(url, {"agreement": agreement.pk}).json()["count"] == 2
    first = bob.get(url).json()["items"][0]
    assert (first["recommendation_count"], first["open_count"]) == (2, 1)
    inspection_archive(actor=users["coop_officer"], inspection=older)
    assert [i["title"] for i in bob.get(url, {"archived": True}).json()["items"]] == [
        "Kiểm tra năm 2023"
    ]
    assert bob.get(url, {"limit": 0}).status_code == 422


def test_it_pins_the_queries_of_the_list_and_the_record(
    inspection: Inspection, users: Any, agreement: Any, orgs: Any, login: Any
) -> None:
    client = login(users["bob"])
    # The session and its user, the scope, the count, the page with its counts, the inspecting
    # and the inspected organisations.
    with assert_queries(7):
        assert client.get(reverse("api:inspection_list")).json()["count"] == 1
    # The session and its user, the scope, the visit, its inspecting and inspected organisations
    # and the agreement's parties, its recommendations and their follow-up, its files.
    with assert_queries(10):
        assert client.get(detail(inspection)).status_code == 200
    for n in range(4):
        make_inspection(users, agreement, orgs, f"Kiểm tra đợt {n}", D(2024, 3 + n, 1))
    from phoihop.exchange.services import recommendation_add

    for n in range(3):
        recommendation_add(
            actor=users["coop_officer"],
            inspection=inspection,
            text=f"Kiến nghị {n}",
            responsible=orgs["board"],
        )
    with assert_queries(7):
        assert client.get(reverse("api:inspection_list")).json()["count"] == 5
    with assert_queries(10):
        assert len(client.get(detail(inspection)).json()["recommendations"]) == 5


def follow_up_url(recommendation: Any) -> str:
    return reverse("api:recommendation_follow_up", kwargs={"pk": recommendation.pk})


def test_it_records_a_follow_up_from_the_responsible_organisation(
    inspection: Inspection, token: Any
) -> None:
    from phoihop.notifications.models import Notification

    alice = token("alice")
    tag = alice.get(detail(inspection))["ETag"]
    recommendation = inspection.recommendations.get(order=1)
    response = alice.post(
        follow_up_url(recommendation),
        {"date": "2024-12-09", "note": "Đã rà soát sổ"},
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [f["note"] for f in body["follow_ups"]] == ["Đã lập sổ", "Đã rà soát sổ"]
    assert body["status"]["value"] == "in_progress"
    assert response["Location"] == detail(inspection)
    # The inspecting side is told; the tag moved on.
    assert Notification.objects.filter(user__username="coop_officer", body="Đã rà soát sổ").exists()
    stale = alice.post(
        follow_up_url(recommendation),
        {"date": "2024-12-10", "note": "Lần nữa"},
        content_type="application/json",
        HTTP_IF_MATCH=tag,
    )
    assert stale.status_code == 412
    assert recommendation.follow_ups.count() == 2


def test_it_refuses_a_follow_up_as_the_page_does(inspection: Inspection, token: Any) -> None:
    coop = token("coop_officer")
    open_one, closed_one = inspection.recommendations.order_by("order")
    blank = coop.post(
        follow_up_url(open_one), {"date": "2024-12-09", "note": ""}, content_type="application/json"
    )
    assert blank.status_code == 422 and "note" in blank.json()["fields"]
    no_date = coop.post(
        follow_up_url(open_one), {"note": "Đã làm"}, content_type="application/json"
    )
    assert "date" in no_date.json()["fields"]
    assert (
        coop.post(follow_up_url(open_one), "[", content_type="application/json").status_code == 400
    )
    closed = coop.post(
        follow_up_url(closed_one),
        {"date": "2024-12-09", "note": "Muộn"},
        content_type="application/json",
    )
    assert closed.status_code == 422 and closed.json()["message"]["vi"] == "Kiến nghị đã đóng."
    data = {"date": "2024-12-09", "note": "Đã làm"}
    assert (
        token("bob")
        .post(follow_up_url(open_one), data, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        token("superior")
        .post(follow_up_url(open_one), data, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        token("alice", "read")
        .post(follow_up_url(open_one), data, content_type="application/json")
        .status_code
        == 403
    )
    for outsider in ("charlie", "subordinate"):
        answer = token(outsider).post(
            follow_up_url(open_one), data, content_type="application/json"
        )
        assert answer.json()["code"] == "not_found", outsider
    missing = reverse("api:recommendation_follow_up", kwargs={"pk": 987654})
    assert token("alice").post(missing, data, content_type="application/json").status_code == 404
    assert open_one.follow_ups.count() == 1
