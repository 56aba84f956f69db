"""The home page starts with the user's work: each section a count made in the database and a
few rows, an empty state when nothing is owed, and the approvals count on the menu."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from freezegun import freeze_time

from phoihop.plans.tests.conftest import board_leader  # noqa: F401  (shared fixture)
from phoihop.portal.worklist import work_list
from phoihop.testing.builders import make_activity, make_plan, make_user
from phoihop.testing.queries import assert_queries

D = datetime.date
TODAY = D(2024, 6, 10)


@pytest.fixture
def world(users: dict[str, Any], orgs: dict[str, Any], agreement: Any, board_leader: Any) -> dict[str, Any]:  # noqa: F811
    """On 10/06/2024: a returned and a submitted activity of the district command, a task of the
    2024 plan overdue, a quarterly report owed, an open recommendation for the district, a draft
    review asking the board for its contribution, an event next week."""
    from phoihop.events.services import event_create
    from phoihop.exchange.services import inspection_create, recommendation_add, schedule_set
    from phoihop.plans.models import AnnualPlan
    from phoihop.reviews.services import review_create

    alice, leader = users["alice"], users["leader"]
    plan = make_plan(actor=alice, agreement=agreement, year=2024)
    AnnualPlan.objects.filter(pk=plan.pk).update(status=AnnualPlan.Status.IN_FORCE)
    task = plan.tasks.get(number=1)
    type(task).objects.filter(pk=task.pk).update(due=D(2024, 5, 31))
    made = [
        make_activity(actor=alice, task=task, orgs=[orgs["district"]], title="Tuyên truyền Luật Nghĩa vụ quân sự", day=D(2024, 3, 1), status="submitted"),
        make_activity(actor=alice, task=task, orgs=[orgs["district"]], title="Hội thi tìm hiểu quốc phòng", day=D(2024, 3, 1), status="returned", approver=leader, note="Bổ sung ảnh."),
    ]
    schedule_set(actor=alice, agreement=agreement, rhythm="quarterly", due_days=10)
    inspection = inspection_create(
        actor=users["coop_officer"], agreement=agreement, kind="inspection", title="Kiểm tra quý I",
        date=D(2024, 4, 20), inspecting=[orgs["board"]], inspected=[orgs["district"]], findings="Còn chậm.",
    )
    recommendation_add(actor=users["coop_officer"], inspection=inspection, text="Gửi báo cáo đúng hạn", responsible=orgs["district"], due_date=D(2024, 7, 1))
    review = review_create(actor=alice, agreement=agreement, kind="interim", period_start=D(2023, 1, 1), period_end=D(2023, 12, 31))
    event = event_create(
        actor=alice, fields={"kind": "joint_activity", "title": "Hội nghị giao ban quý II", "date": D(2024, 6, 17), "host": orgs["district"]},
        agreements=[agreement],
    )
    return {"submitted": made[0], "returned": made[1], "task": task, "review": review, "event": event}


def test_it_lists_an_officers_work_with_counts(users: dict[str, Any], world: dict[str, Any]) -> None:
    work = work_list(user=users["alice"], today=TODAY)
    assert "approvals" not in work.sections  # an officer approves nothing
    assert work["returned"].count == 1 and work["returned"].rows == [world["returned"]]
    assert work["tasks"].count == 1 and work["tasks"].extra["overdue"] == 1
    # Quarter I/2024 (due 10/04) is late; quarter II is not over yet.
    reports = work["reports"]
    assert reports.extra["late"] >= 1 and any("I" in r.owed.period_label for r in reports.rows)
    assert all(r.owed.organization.pk == world["task"].lead_organization_id for r in reports.rows)
    assert work["recommendations"].count == 1
    assert work["contributions"].count == 0  # the district leads the review: it writes it
    assert work.owed == 1 + 1 + reports.count + 1


def test_it_lists_the_tasks_an_organisation_supports_beside_those_it_leads_once_each(users: dict[str, Any], orgs: dict[str, Any], world: dict[str, Any]) -> None:
    led = world["task"]
    supported = led.plan.tasks.exclude(pk=led.pk).get()
    type(supported).objects.filter(pk=supported.pk).update(lead_organization=orgs["board"], due=D(2024, 6, 15))
    supported.supporting_organizations.add(orgs["district"])
    led.supporting_organizations.add(orgs["district"])  # led and supported: still one task
    work = work_list(user=users["alice"], today=TODAY)
    assert work["tasks"].count == 2 and work["tasks"].extra["overdue"] == 1
    assert [t.pk for t in work["tasks"].rows] == [led.pk, supported.pk]  # overdue first, then by due date
    assert [t.is_overdue for t in work["tasks"].rows] == [True, False]
    type(supported).objects.filter(pk=supported.pk).update(due=D(2024, 7, 31))  # beyond two weeks
    assert work_list(user=users["alice"], today=TODAY)["tasks"].count == 1


def test_it_asks_the_cooperating_party_for_its_contribution_until_it_is_written(users: dict[str, Any], orgs: dict[str, Any], world: dict[str, Any]) -> None:
    from phoihop.reviews.services import contribution_save

    work = work_list(user=users["coop_officer"], today=TODAY)
    assert work["contributions"].rows == [world["review"]]
    assert work["recommendations"].count == 0 and work["returned"].count == 0
    contribution_save(actor=users["coop_officer"], review=world["review"], organization=orgs["board"], title="", body="Tham luận")
    assert work_list(user=users["coop_officer"], today=TODAY)["contributions"].count == 0


def test_it_lists_the_approvals_of_a_leader(users: dict[str, Any], world: dict[str, Any]) -> None:
    work = work_list(user=users["leader"], today=TODAY)
    assert work["approvals"].count == 1 and work["approvals"].rows == [world["submitted"]]
    assert work["approvals"].url == reverse("activities:inbox")


def test_it_shows_an_outsider_nothing_owed(users: dict[str, Any], world: dict[str, Any]) -> None:
    work = work_list(user=users["charlie"], today=TODAY)
    assert work.owed == 0
    assert work["returned"].count == work["tasks"].count == work["reports"].count == 0


def test_it_shows_a_viewer_only_the_events(users: dict[str, Any], world: dict[str, Any]) -> None:
    work = work_list(user=users["bob"], today=TODAY)
    assert set(work.sections) == {"events"} and not work.writes
    assert work["events"].rows == [world["event"]] and work.owed == 0
    assert work_list(user=users["bob"], today=D(2024, 7, 20))["events"].count == 0  # past, or too far


@freeze_time("2024-06-10 09:00:00+07:00")
def test_it_renders_the_work_list_first_and_the_count_on_the_menu(login: Any, users: dict[str, Any], world: dict[str, Any]) -> None:
    page = login(users["leader"]).get(reverse("core:home")).content.decode()
    assert page.index("Việc cần làm") < page.index("Văn bản đang có hiệu lực")
    assert 'data-worklist="approvals"' in page and world["submitted"].title in page
    assert 'data-approvals-waiting>1<' in page
    assert 'data-worklist="tasks"' in page and "Quá hạn từ 31/05/2024" in page


@freeze_time("2024-06-10 09:00:00+07:00")
def test_it_says_so_when_nothing_is_owed(login: Any, users: dict[str, Any], agreement: Any) -> None:
    page = login(users["coop_officer"]).get(reverse("core:home")).content.decode()
    assert "data-worklist-empty" in page and "Không có việc nào đang chờ bạn." in page
    assert "data-approvals-waiting" not in page


def _home(client: Any) -> None:
    with assert_queries(HOME_QUERIES):
        assert client.get(reverse("core:home")).status_code == 200


# For a leader, whatever the work waiting for them.
HOME_QUERIES = 25


@freeze_time("2024-06-10 09:00:00+07:00")
def test_it_costs_the_same_queries_however_much_work_there_is(login: Any, users: dict[str, Any], orgs: dict[str, Any], world: dict[str, Any]) -> None:
    client = login(users["leader"])
    _home(client)
    for i in range(8):
        make_activity(actor=users["alice"], task=world["task"], orgs=[orgs["district"]], title=f"Hoạt động {i}", day=D(2024, 4, 1), status="submitted")
    _home(client)
    _home(client)


def test_it_shows_a_superior_bodys_leader_the_subordinates_overdue_tasks(users: dict[str, Any], orgs: dict[str, Any], world: dict[str, Any]) -> None:
    chief = make_user("chief", org=orgs["city"], role="leader")
    section = work_list(user=chief, today=TODAY)["subordinates"]
    assert section.count == 1 and section.rows == [orgs["city"]]  # the district's overdue task
    assert section.url == reverse("dashboards:subordinates", args=[orgs["city"].pk])
    assert work_list(user=users["leader"], today=TODAY)["subordinates"].count == 0  # the ward has no task


@freeze_time("2024-06-10 09:00:00+07:00")
def test_it_lists_past_events_below_and_coming_ones_in_the_work_list(login: Any, users: dict[str, Any], world: dict[str, Any]) -> None:
    response = login(users["alice"]).get(reverse("core:home"))
    assert world["event"] not in response.context["recent_events"]
    assert response.context["worklist"]["events"].rows == [world["event"]]
