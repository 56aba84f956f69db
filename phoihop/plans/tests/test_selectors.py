from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from phoihop.activities.services import activity_submit
from phoihop.plans.models import Task
from phoihop.plans.selectors import (
    TaskStatus,
    plan_detail,
    task_detail,
    task_done,
    task_progress,
    task_status,
)
from phoihop.plans.services import task_cancel, task_complete, task_create
from phoihop.plans.tests.helpers import D, approve, indicator, record
from phoihop.testing.queries import assert_queries

SPRING = datetime.date(2024, 3, 1)


def progress_of(task):
    return {p.indicator.name: (p.target, p.achieved, p.percent) for p in task_progress(task=task)}


def test_it_sums_only_approved_values(task, orgs, users):
    sessions = indicator(users["alice"], task, "Buổi tuyên truyền", "12")
    first = record(users["alice"], task, [orgs["district"]], values={sessions: "3"})
    second = record(users["alice"], task, [orgs["district"]], values={sessions: "2,5"})
    draft = record(users["alice"], task, [orgs["district"]], values={sessions: "4"})
    submitted = record(users["alice"], task, [orgs["district"]], values={sessions: "100"})
    approve(users["alice"], users["leader"], first)
    approve(users["alice"], users["leader"], second)
    activity_submit(actor=users["alice"], activity=submitted)
    assert draft.status == "draft"
    assert progress_of(task) == {"Buổi tuyên truyền": (D("12"), D("5.5"), D("45.8"))}


def test_it_takes_the_latest_approved_value_by_end_date(task, orgs, users):
    houses = indicator(users["alice"], task, "Nhà tình nghĩa đang hỗ trợ", "5", aggregation="latest", unit="house")
    assert progress_of(task)["Nhà tình nghĩa đang hỗ trợ"] == (D("5"), None, None)
    later = record(users["alice"], task, [orgs["district"]], day=datetime.date(2024, 9, 1), values={houses: "4"})
    earlier = record(users["alice"], task, [orgs["district"]], day=datetime.date(2024, 5, 1), values={houses: "2"})
    newest_unapproved = record(users["alice"], task, [orgs["district"]], day=datetime.date(2024, 12, 1), values={houses: "5"})
    # Approved in the reverse order of their dates: the end date decides, not the approval.
    approve(users["alice"], users["leader"], later)
    approve(users["alice"], users["leader"], earlier)
    activity_submit(actor=users["alice"], activity=newest_unapproved)
    assert progress_of(task)["Nhà tình nghĩa đang hỗ trợ"] == (D("5"), D("4"), D("80.0"))


def test_it_reads_a_percent_indicator_as_a_share_of_its_target(task, orgs, users):
    quota = indicator(users["alice"], task, "Chỉ tiêu giao quân", "100", aggregation="percent", unit="percent")
    share = indicator(users["alice"], task, "Thanh niên tham gia", "80", aggregation="percent", unit="percent")
    a = record(users["alice"], task, [orgs["district"]], day=datetime.date(2024, 2, 20), values={quota: "90", share: "60"})
    b = record(users["alice"], task, [orgs["district"]], day=datetime.date(2024, 2, 28), values={quota: "100", share: "70"})
    approve(users["alice"], users["leader"], a)
    approve(users["alice"], users["leader"], b)
    progress = progress_of(task)
    assert progress["Chỉ tiêu giao quân"] == (D("100"), D("100"), D("100.0"))
    assert progress["Thanh niên tham gia"] == (D("80"), D("70"), D("87.5"))


def test_it_counts_a_joint_activity_once_for_the_task(task, orgs, users, board_leader):
    sessions = indicator(users["alice"], task, "Buổi tuyên truyền", "10")
    joint = record(users["alice"], task, [orgs["district"], orgs["board"]], values={sessions: "2"})
    approve(users["alice"], board_leader, joint)
    assert progress_of(task)["Buổi tuyên truyền"] == (D("10"), D("2"), D("20.0"))


def test_it_derives_the_task_status_from_the_record(plan, task, orgs, users):
    before_due = datetime.date(2024, 6, 1)
    after_due = datetime.date(2025, 1, 5)
    sessions = indicator(users["alice"], task, "Buổi tuyên truyền", "2")
    assert task_status(task, today=before_due) == TaskStatus.NOT_STARTED
    assert task_status(task, today=after_due) == TaskStatus.OVERDUE

    first = record(users["alice"], task, [orgs["district"]], values={sessions: "1"})
    activity_submit(actor=users["alice"], activity=first)
    assert task_status(task, today=before_due) == TaskStatus.NOT_STARTED  # submitted is not done work yet
    from phoihop.activities.services import activity_approve

    activity_approve(actor=users["leader"], activity=first)
    assert task_status(task, today=before_due) == TaskStatus.IN_PROGRESS
    assert task_status(task, today=after_due) == TaskStatus.OVERDUE

    approve(users["alice"], users["leader"], record(users["alice"], task, [orgs["district"]], values={sessions: "1"}))
    assert task_status(task, today=after_due) == TaskStatus.DONE  # every indicator reached

    no_targets = task_create(actor=users["alice"], plan=plan, fields={"title": "Sơ kết", "lead_organization": orgs["district"], "due": datetime.date(2024, 6, 30)})
    assert task_status(no_targets, today=after_due) == TaskStatus.OVERDUE
    task_complete(actor=users["alice"], task=no_targets, on=datetime.date(2024, 6, 20))
    assert task_status(no_targets, today=after_due) == TaskStatus.DONE
    task_cancel(actor=users["alice"], task=no_targets)
    assert task_status(no_targets, today=after_due) == TaskStatus.CANCELLED


def done_in_database(*tasks):
    found = dict(Task.objects.filter(pk__in=[t.pk for t in tasks]).annotate(done=task_done()).values_list("pk", "done"))
    return [found[t.pk] for t in tasks]


def test_it_judges_done_in_the_database_as_the_task_status_does(plan, task, orgs, users):
    after_due = datetime.date(2025, 1, 5)

    def new_task(title):
        return task_create(actor=users["alice"], plan=plan, fields={"title": title, "lead_organization": orgs["district"]})

    # Sums: 0,7 + 0,1 reaches 0,8 (SQLite adds in floating point); a draft value does not count.
    sessions = indicator(users["alice"], task, "Buổi tuyên truyền", "0,8")
    for value in ("0,7", "0,1"):
        approve(users["alice"], users["leader"], record(users["alice"], task, [orgs["district"]], values={sessions: value}))
    record(users["alice"], task, [orgs["district"]], values={sessions: "5"})
    # Latest: the value of the latest end date counts, not the highest nor the last approved.
    latest = new_task("Hỗ trợ nhà tình nghĩa")
    houses = indicator(users["alice"], latest, "Nhà đang hỗ trợ", "5", aggregation="latest", unit="house")
    later = record(users["alice"], latest, [orgs["district"]], day=datetime.date(2024, 9, 1), values={houses: "4"})
    earlier = record(users["alice"], latest, [orgs["district"]], day=datetime.date(2024, 5, 1), values={houses: "6"})
    approve(users["alice"], users["leader"], later)
    approve(users["alice"], users["leader"], earlier)
    # Percent with no value yet; a target of zero summed; no indicator at all; marked completed.
    waiting = new_task("Giao quân")
    indicator(users["alice"], waiting, "Chỉ tiêu giao quân", "100", aggregation="percent", unit="percent")
    zero = new_task("Không chỉ tiêu")
    indicator(users["alice"], zero, "Buổi", "0")
    bare = new_task("Sơ kết")
    completed = new_task("Tổng kết")
    task_complete(actor=users["alice"], task=completed, on=datetime.date(2024, 6, 20))
    tasks = [task, latest, waiting, zero, bare, completed]
    expected = [task_status(t, today=after_due) == TaskStatus.DONE for t in tasks]
    assert expected == [True, False, False, True, False, True]
    assert done_in_database(*tasks) == expected


def make_rows(plan, orgs, users, n):
    for i in range(n):
        t = task_create(actor=users["alice"], plan=plan, fields={"title": f"Nhiệm vụ {i}", "lead_organization": orgs["district"]}, supporting=[orgs["board"]])
        ind = indicator(users["alice"], t, "Buổi", "4")
        approve(users["alice"], users["leader"], record(users["alice"], t, [orgs["district"], orgs["board"]], values={ind: "1"}))


def test_it_keeps_the_plan_table_queries_flat(plan, orgs, users):
    viewer = users["bob"]
    make_rows(plan, orgs, users, 2)
    plan_detail(user=viewer, pk=plan.pk)  # warm the user's access scope
    with assert_queries(7):
        rows = plan_detail(user=viewer, pk=plan.pk).rows
        [list(r.task.supporting_organizations.all()) for r in rows]
    assert len(rows) == 4
    make_rows(plan, orgs, users, 5)
    with assert_queries(7):
        rows = plan_detail(user=viewer, pk=plan.pk).rows
        [list(r.task.supporting_organizations.all()) for r in rows]
    assert len(rows) == 9
    assert rows[-1].status == TaskStatus.IN_PROGRESS or rows[-1].status == TaskStatus.OVERDUE
    assert [(p.achieved, p.percent) for p in rows[-1].indicators] == [(D("1"), D("25.0"))]


def test_it_shows_plans_and_tasks_only_to_those_who_see_the_agreement(plan, task, users):
    for name in ("alice", "bob", "coop_officer", "superior", "staff"):
        assert plan_detail(user=users[name], pk=plan.pk).plan == plan
        assert task_detail(user=users[name], pk=task.pk).task == task
    for name in ("charlie", "subordinate"):
        with pytest.raises(Http404):
            plan_detail(user=users[name], pk=plan.pk)
        with pytest.raises(Http404):
            task_detail(user=users[name], pk=task.pk)
    assert plan_detail(user=users["alice"], pk=plan.pk).can_edit is True
    assert plan_detail(user=users["coop_officer"], pk=plan.pk).can_edit is False
    from phoihop.plans.access import get_plan_for_user

    with pytest.raises(PermissionDenied):
        get_plan_for_user(users["coop_officer"], plan.pk, for_edit=True)


def test_it_lists_a_tasks_activities_with_their_values(task, orgs, users):
    sessions = indicator(users["alice"], task, "Buổi tuyên truyền", "12")
    approve(users["alice"], users["leader"], record(users["alice"], task, [orgs["district"]], values={sessions: "3"}, title="Buổi nói chuyện"))
    from phoihop.activities.selectors import task_panel

    panel = task_panel(user=users["coop_officer"], pk=task.pk)
    assert [a.title for a in panel.activities] == ["Buổi nói chuyện"]
    assert panel.can_record is True and panel.plan_open is True
    detail = task_detail(user=users["coop_officer"], pk=task.pk, today=SPRING)
    assert detail.status == TaskStatus.IN_PROGRESS
    assert [(p.achieved, p.percent) for p in detail.indicators] == [(D("3"), D("25.0"))]
    assert detail.can_record is True and detail.can_edit is False
    assert detail.history
