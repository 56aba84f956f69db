"""Annual plans, their tasks and indicators through the API: only those of agreements the user
sees, filtered by agreement, year and status, each task with its status and each indicator with
its progress as the task page computes it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from phoihop.plans.tests.helpers import approve, indicator, record
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(agreement: Any, users: Any) -> Any:
    from phoihop.plans.services import plan_create

    return plan_create(actor=users["alice"], agreement=agreement, year=2024)


@pytest.fixture
def task(plan: Any) -> Any:
    return plan.tasks.get(number=1)


def test_it_lists_only_the_plans_of_agreements_the_user_sees(
    plan: Any, users: Any, login: Any
) -> None:
    url = reverse("api:plan_list")
    body = login(users["coop_officer"]).get(url).json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["id"] == plan.pk and item["year"] == 2024 and item["task_count"] == 2
    assert item["status"] == {"value": "draft", "label": "Dự thảo"}
    assert item["agreement"]["number_symbol"] == "03/CTr-BCHQS-BTGQU"
    assert login(users["charlie"]).get(url).json()["count"] == 0


def test_it_filters_plans_by_agreement_year_and_status(
    plan: Any, agreement: Any, users: Any, login: Any
) -> None:
    from phoihop.plans.services import plan_create, plan_set_status

    plan_set_status(actor=users["alice"], plan=plan, status="in_force")
    plan_create(actor=users["alice"], agreement=agreement, year=2025)
    client = login(users["alice"])
    url = reverse("api:plan_list")
    assert [p["year"] for p in client.get(url).json()["items"]] == [2025, 2024]
    assert [p["year"] for p in client.get(url, {"year": 2024}).json()["items"]] == [2024]
    assert [p["year"] for p in client.get(url, {"status": "draft"}).json()["items"]] == [2025]
    assert client.get(url, {"agreement": agreement.pk}).json()["count"] == 2
    assert client.get(url, {"agreement": 987654}).json()["count"] == 0
    page = client.get(url, {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and [p["year"] for p in page["items"]] == [2024]
    assert client.get(url, {"status": "open"}).json()["code"] == "validation_error"
    assert "limit" in client.get(url, {"limit": 101}).json()["fields"]


def test_it_shows_a_plan_with_its_tasks_and_their_progress(
    plan: Any, task: Any, orgs: Any, users: Any, login: Any
) -> None:
    sessions = indicator(users["alice"], task, "Buổi tuyên truyền", "12")
    approve(
        users["alice"],
        users["leader"],
        record(users["alice"], task, [orgs["district"]], values={sessions: 3}),
    )
    response = login(users["superior"]).get(reverse("api:plan_detail", kwargs={"pk": plan.pk}))
    assert response.status_code == 200 and response["ETag"]
    body = response.json()
    assert body["task_count"] == 2 and body["more_tasks"] is False
    first, second = body["tasks"]
    assert first["number"] == 1 and first["lead_organization"]["id"] == orgs["district"].pk
    # Its time frame (the plan's year) is over and the target not reached.
    assert first["status"] == {"value": "overdue", "label": "Quá hạn"}
    [progress] = first["indicators"]
    assert progress["name"] == "Buổi tuyên truyền" and progress["unit"]["label"] == "buổi"
    assert progress["target"] == "12.00" and progress["achieved"] == "3.00"
    assert progress["percent"] == "25.0" and progress["reached"] is False
    assert second["indicators"] == [] and second["content_area"]["number"] == 2


def test_it_bounds_the_tasks_a_plan_carries(
    plan: Any, users: Any, login: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr("phoihop.api.plans.PLAN_TASKS", 1)
    body = login(users["alice"]).get(reverse("api:plan_detail", kwargs={"pk": plan.pk})).json()
    assert body["task_count"] == 2 and body["more_tasks"] is True
    assert [t["number"] for t in body["tasks"]] == [1]


def test_it_pages_a_plans_tasks(plan: Any, users: Any, orgs: Any, login: Any) -> None:
    from phoihop.plans.services import task_create

    task_create(
        actor=users["alice"],
        plan=plan,
        fields={"number": 3, "title": "Tập huấn báo cáo viên", "lead_organization": orgs["board"]},
        supporting=[orgs["district"]],
    )
    client = login(users["alice"])
    url = reverse("api:plan_tasks", kwargs={"pk": plan.pk})
    page = client.get(url, {"limit": 2}).json()
    assert page["count"] == 3 and [t["number"] for t in page["items"]] == [1, 2]
    [last] = client.get(url, {"limit": 2, "offset": 2}).json()["items"]
    assert last["title"] == "Tập huấn báo cáo viên"
    assert last["supporting_organizations"] == [
        {"id": orgs["district"].pk, "name": orgs["district"].name}
    ]


def test_it_shows_a_task_with_its_parties_dates_and_indicators(
    task: Any, plan: Any, orgs: Any, users: Any, login: Any
) -> None:
    import datetime

    from phoihop.plans.services import task_update

    task_update(
        actor=users["alice"],
        task=task,
        fields={
            "number": 1,
            "title": task.title,
            "content_area": task.content_area,
            "lead_organization": orgs["district"],
            "start": datetime.date(2024, 1, 1),
            "due": datetime.date(2024, 12, 31),
        },
        supporting=[orgs["board"]],
    )
    share = indicator(users["alice"], task, "Tỷ lệ giao quân", "100", "percent", "percent")
    for value, day in (("80", datetime.date(2024, 2, 1)), ("95", datetime.date(2024, 3, 1))):
        approve(
            users["alice"],
            users["leader"],
            record(users["alice"], task, [orgs["district"]], day=day, values={share: value}),
        )
    body = (
        login(users["coop_officer"]).get(reverse("api:task_detail", kwargs={"pk": task.pk})).json()
    )
    assert body["plan"] == {
        "id": plan.pk,
        "year": 2024,
        "status": {"value": "draft", "label": "Dự thảo"},
        "agreement_id": plan.agreement_id,
    }
    assert body["content_area"]["number"] == 1
    assert body["lead_organization"]["id"] == orgs["district"].pk
    assert [o["id"] for o in body["supporting_organizations"]] == [orgs["board"].pk]
    assert body["start"] == "2024-01-01" and body["due"] == "2024-12-31"
    [progress] = body["indicators"]
    assert progress["aggregation"]["value"] == "percent"
    assert progress["achieved"] == "95.00" and progress["percent"] == "95.0"


def test_it_answers_404_for_an_outsiders_id_as_for_an_unknown_one(
    plan: Any, task: Any, users: Any, login: Any
) -> None:
    client = login(users["charlie"])
    for name, pk in (("plan_detail", plan.pk), ("plan_tasks", plan.pk), ("task_detail", task.pk)):
        outsider = client.get(reverse(f"api:{name}", kwargs={"pk": pk}))
        unknown = client.get(reverse(f"api:{name}", kwargs={"pk": 987654}))
        assert outsider.status_code == unknown.status_code == 404, name
        assert outsider.json() == unknown.json()


def test_it_answers_not_modified_until_the_progress_changes(
    plan: Any, task: Any, orgs: Any, users: Any, login: Any
) -> None:
    sessions = indicator(users["alice"], task, "Buổi tuyên truyền", "12")
    client = login(users["alice"])
    urls = [
        reverse("api:task_detail", kwargs={"pk": task.pk}),
        reverse("api:plan_detail", kwargs={"pk": plan.pk}),
    ]
    tags = [client.get(url)["ETag"] for url in urls]
    for url, tag in zip(urls, tags, strict=True):
        response = client.get(url, HTTP_IF_NONE_MATCH=tag)
        assert response.status_code == 304 and response["ETag"] == tag
    # Approving an activity edits neither the task nor the plan, yet their progress moved.
    approve(
        users["alice"],
        users["leader"],
        record(users["alice"], task, [orgs["district"]], values={sessions: 2}),
    )
    for url, tag in zip(urls, tags, strict=True):
        assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 200


def test_it_pins_the_queries_of_plans_and_tasks(
    plan: Any, task: Any, agreement: Any, orgs: Any, users: Any, make_token: Any, api_client: Any
) -> None:
    from phoihop.plans.services import plan_create, task_create

    indicator(users["alice"], task, "Buổi tuyên truyền", "12")
    client = api_client(make_token("alice"))
    urls = {
        # The token with its user, the scope, the count, the page (agreement joined, tasks counted).
        reverse("api:plan_list"): 4,
        # The token, the scope, the plan and its agreement's parties, the tasks (areas, parties and
        # officer joined) and their supporting parties, the indicators, the counted values, the
        # tasks with approved work and the count of tasks (however long the plan).
        reverse("api:plan_detail", kwargs={"pk": plan.pk}): 10,
        # A page of the plan's tasks: the same queries.
        reverse("api:plan_tasks", kwargs={"pk": plan.pk}): 10,
        # The token, the scope, the task and its agreement's parties, its supporting parties, the
        # indicators, the counted values and whether it has approved work.
        reverse("api:task_detail", kwargs={"pk": task.pk}): 8,
    }
    for url in urls:
        client.get(url)  # the token's last use is written at most once a minute
    for url, count in urls.items():
        with assert_queries(count):
            assert client.get(url).status_code == 200, url
    # A bigger world: more plans, tasks, indicators and approved work.
    plan_create(actor=users["alice"], agreement=agreement, year=2025)
    for n in range(3, 8):
        extra = task_create(
            actor=users["alice"],
            plan=plan,
            fields={"number": n, "title": f"Nhiệm vụ {n}", "lead_organization": orgs["district"]},
            supporting=[orgs["board"]],
        )
        sessions = indicator(users["alice"], extra, "Buổi tuyên truyền", "12")
        indicator(users["alice"], task, f"Chỉ tiêu {n}", "5")
        approve(
            users["alice"],
            users["leader"],
            record(users["alice"], extra, [orgs["district"]], values={sessions: 1}),
        )
    for url, count in urls.items():
        with assert_queries(count):
            assert client.get(url).status_code == 200, url
