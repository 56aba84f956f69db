"""Activities through the API: the list by cursor, one record with its ETag, recording a draft
and sending it for approval (with If-Match), and every refusal on the way."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from phoihop.activities.models import Activity
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(users: Any, agreement: Any) -> Any:
    from phoihop.plans.services import plan_create

    return plan_create(actor=users["alice"], agreement=agreement, year=2024)


@pytest.fixture
def draft(users: Any, orgs: Any, plan: Any) -> Activity:
    from phoihop.activities.services import activity_create

    return activity_create(
        actor=users["alice"],
        task=plan.tasks.get(number=1),
        organizations=[orgs["district"]],
        fields={
            "title": "Tuyên truyền Luật Nghĩa vụ quân sự",
            "start_date": datetime.date(2024, 3, 1),
        },
    )


@pytest.fixture
def writer(users: Any, make_token: Any, api_client: Any) -> Any:
    return api_client(make_token("alice", access="write"))


def new_activity(plan: Any, **extra: Any) -> dict[str, Any]:
    return {
        "task": plan.tasks.get(number=1).pk,
        "title": "Hội nghị tập huấn công tác dân vận",
        "start_date": "2024-05-10",
        **extra,
    }


def test_it_records_a_draft_and_sends_it_for_approval(
    plan: Any, orgs: Any, users: Any, writer: Any
) -> None:
    response = writer.post(
        reverse("api:activity_list"),
        new_activity(plan, participants=120),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"]["value"] == "draft"
    assert body["organizations"] == [{"id": orgs["district"].pk, "name": orgs["district"].name}]
    assert response["Location"] == reverse("api:activity_detail", kwargs={"pk": body["id"]})
    tag = response["ETag"]
    submitted = writer.post(
        reverse("api:activity_submit", kwargs={"pk": body["id"]}), HTTP_IF_MATCH=tag
    )
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"]["value"] == "submitted"
    assert submitted["ETag"] != tag
    read_back = writer.get(response["Location"]).json()
    assert read_back["status"]["value"] == "submitted" and read_back["participants"] == 120
    activity = Activity.objects.get(pk=body["id"])
    assert activity.created_by == users["alice"] and activity.submitted_by == users["alice"]


def test_it_refuses_a_stale_if_match_with_412(draft: Any, writer: Any) -> None:
    url = reverse("api:activity_detail", kwargs={"pk": draft.pk})
    tag = writer.get(url)["ETag"]
    from phoihop.activities.services import activity_update

    activity_update(
        actor=draft.created_by,
        activity=draft,
        fields={"title": "Đổi tên", "start_date": draft.start_date},
        organizations=list(draft.organizations.all()),
    )
    response = writer.post(
        reverse("api:activity_submit", kwargs={"pk": draft.pk}), HTTP_IF_MATCH=tag
    )
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    draft.refresh_from_db()
    assert draft.status == "draft"
    fresh = writer.get(url)["ETag"]
    assert (
        writer.post(
            reverse("api:activity_submit", kwargs={"pk": draft.pk}), HTTP_IF_MATCH=fresh
        ).status_code
        == 200
    )


def test_it_refuses_a_submission_that_is_no_longer_possible(draft: Any, writer: Any) -> None:
    url = reverse("api:activity_submit", kwargs={"pk": draft.pk})
    assert writer.post(url).status_code == 200
    response = writer.post(url)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert "chờ duyệt" in response.json()["message"]["vi"]


def test_it_treats_another_tasks_indicator_as_unknown(plan: Any, writer: Any) -> None:
    from phoihop.plans.models import Indicator

    other_task = plan.tasks.exclude(number=1).first()
    assert other_task is not None
    secret = Indicator.objects.create(
        task=other_task, name="Chỉ tiêu của nhiệm vụ khác", unit=Indicator.Unit.choices[0][0], target=5
    )
    before = Activity.objects.count()
    response = writer.post(
        reverse("api:activity_list"),
        new_activity(plan, values=[{"indicator": secret.pk, "value": "3"}]),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "values" in response.json()["fields"]
    assert secret.name not in response.content.decode()
    assert Activity.objects.count() == before


def test_it_names_the_fields_it_refuses(plan: Any, writer: Any) -> None:
    response = writer.post(
        reverse("api:activity_list"),
        new_activity(plan, end_date="2024-05-01"),
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["fields"]["end_date"][0]["vi"].startswith("Ngày kết thúc")
    assert body["fields"]["end_date"][0]["en"].startswith("The end date")
    missing = writer.post(
        reverse("api:activity_list"), {"task": 1}, content_type="application/json"
    ).json()
    assert {"title", "start_date"} <= set(missing["fields"])
    unknown = writer.post(
        reverse("api:activity_list"),
        new_activity(plan, values=[{"indicator": 987654, "value": "1"}]),
        content_type="application/json",
    )
    assert "values" in unknown.json()["fields"]


def test_it_answers_a_reader_403_and_an_outsider_404(
    draft: Any, users: Any, make_token: Any, api_client: Any
) -> None:
    url = reverse("api:activity_submit", kwargs={"pk": draft.pk})
    bob = api_client(make_token("bob", access="write"))  # a viewer of the organiser
    assert bob.get(reverse("api:activity_detail", kwargs={"pk": draft.pk})).status_code == 200
    assert bob.post(url).json()["code"] == "forbidden"
    charlie = api_client(make_token("charlie", access="write"))
    assert charlie.get(reverse("api:activity_detail", kwargs={"pk": draft.pk})).status_code == 404
    assert charlie.post(url).status_code == 404
    assert (
        charlie.post(
            reverse("api:activity_list"),
            new_activity(draft.task.plan),
            content_type="application/json",
        ).status_code
        == 404
    )
    # The other party's officer sees the agreement and its tasks but organises nothing here.
    coop = api_client(make_token("coop_officer", access="write"))
    assert coop.get(reverse("api:activity_detail", kwargs={"pk": draft.pk})).status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_it_pages_the_list_by_cursor(draft: Any, users: Any, orgs: Any, writer: Any) -> None:
    from phoihop.activities.services import activity_create

    for day in range(2, 6):
        activity_create(
            actor=users["alice"],
            task=draft.task,
            organizations=[orgs["district"]],
            fields={"title": f"Hoạt động ngày {day}", "start_date": datetime.date(2024, 4, day)},
        )
    first = writer.get(reverse("api:activity_list"), {"limit": 2}).json()
    assert first["count"] == 5 and len(first["items"]) == 2 and first["next_cursor"]
    second = writer.get(
        reverse("api:activity_list"), {"limit": 2, "after": first["next_cursor"]}
    ).json()
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert writer.get(reverse("api:activity_list"), {"status": "submitted"}).json()["count"] == 0
    assert writer.get(reverse("api:activity_list"), {"limit": 500}).status_code == 422


def test_it_pins_the_queries_of_the_list(draft: Any, users: Any, orgs: Any, login: Any) -> None:
    from phoihop.activities.services import activity_create

    client = login(users["alice"])
    # The session and its user, the scope, the bounded count, the page's keys and rows, their
    # organisations and their values.
    with assert_queries(7):
        assert client.get(reverse("api:activity_list")).status_code == 200
    for day in range(2, 6):
        activity_create(
            actor=users["alice"],
            task=draft.task,
            organizations=[orgs["district"]],
            fields={"title": f"Hoạt động ngày {day}", "start_date": datetime.date(2024, 4, day)},
        )
    with assert_queries(7):
        assert len(client.get(reverse("api:activity_list")).json()["items"]) == 5
