from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.agreements.models import ContentArea
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.selectors import TaskStatus, task_status
from phoihop.plans.services import (
    indicator_set,
    plan_create,
    task_cancel,
    task_complete,
    task_create,
    task_update,
)
from phoihop.plans.tests.helpers import D, indicator


def test_it_starts_a_plan_from_the_content_areas(agreement, orgs, users):
    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    tasks = list(plan.tasks.order_by("number"))
    assert [(t.number, t.title) for t in tasks] == [
        (1, "Định hướng tư tưởng, tuyên truyền về quốc phòng"),
        (2, "Đấu tranh phản bác quan điểm sai trái"),
    ]
    assert tasks[0].lead_organization == orgs["district"]
    assert list(tasks[0].supporting_organizations.all()) == [orgs["board"]]
    # Content area 2 is the board's alone: the board leads it.
    assert tasks[1].lead_organization == orgs["board"]
    assert tasks[1].content_area.number == 2
    assert (tasks[0].start, tasks[0].due) == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert plan.status == AnnualPlan.Status.DRAFT
    assert plan.history.count() == 1


def test_it_refuses_a_second_plan_for_the_same_year(agreement, users):
    plan_create(actor=users["alice"], agreement=agreement, year=2024)
    with pytest.raises(ValidationError) as exc:
        plan_create(actor=users["leader"], agreement=agreement, year=2024)
    assert "đã có kế hoạch phối hợp năm 2024" in str(exc.value)


def test_it_refuses_a_year_outside_the_agreement_period(agreement, users):
    with pytest.raises(ValidationError) as exc:
        plan_create(actor=users["alice"], agreement=agreement, year=2026)
    assert "giai đoạn" in str(exc.value)


@pytest.mark.parametrize("name", ["bob", "coop_officer", "superior", "subordinate", "charlie"])
def test_it_lets_only_lead_party_officers_make_plans(agreement, users, name):
    with pytest.raises(PermissionDenied):
        plan_create(actor=users[name], agreement=agreement, year=2024)


def test_it_lets_only_lead_party_officers_change_tasks(plan, task, orgs, users):
    fields = {"title": "Tuyên truyền", "lead_organization": orgs["board"]}
    for name in ("coop_officer", "bob", "charlie"):
        with pytest.raises(PermissionDenied):
            task_create(actor=users[name], plan=plan, fields=fields)
        with pytest.raises(PermissionDenied):
            task_cancel(actor=users[name], task=task)
        with pytest.raises(PermissionDenied):
            indicator_set(actor=users[name], owner=task, name="Buổi", unit="session", target=3)
    created = task_create(actor=users["leader"], plan=plan, fields=fields, supporting=[orgs["district"]])
    assert created.number == 3
    assert list(created.supporting_organizations.all()) == [orgs["district"]]


def test_it_keeps_tasks_among_the_parties_and_the_agreement(plan, task, agreement, orgs, users):
    with pytest.raises(ValidationError) as exc:
        task_create(actor=users["alice"], plan=plan, fields={"title": "Việc", "lead_organization": orgs["unrelated"]})
    assert "bên tham gia" in str(exc.value)
    with pytest.raises(ValidationError):
        task_create(
            actor=users["alice"], plan=plan, fields={"title": "Việc", "lead_organization": orgs["district"]},
            supporting=[orgs["unrelated"]],
        )
    from phoihop.agreements.models import Agreement

    other = Agreement.objects.create(kind="program", title="Văn bản khác")
    foreign_area = ContentArea.objects.create(agreement=other, number=1, title="Nội dung khác")
    with pytest.raises(ValidationError) as exc:
        task_update(
            actor=users["alice"], task=task,
            fields={"title": task.title, "lead_organization": orgs["district"], "content_area": foreign_area},
            supporting=[],
        )
    assert "thuộc văn bản" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        task_create(actor=users["alice"], plan=plan, fields={"number": 1, "title": "Việc", "lead_organization": orgs["district"]})
    assert "Số thứ tự 1" in str(exc.value)


def test_it_reads_targets_the_vietnamese_way(task, users):
    ind = indicator_set(actor=users["alice"], owner=task, name="Kinh phí", unit="million_vnd", target="1.234,5")
    assert ind.target == D("1234.5")
    with pytest.raises(ValidationError):
        indicator_set(actor=users["alice"], owner=task, name="Kinh phí", unit="million_vnd", target="-3")
    with pytest.raises(ValidationError):
        indicator_set(actor=users["alice"], owner=task, name="Kinh phí", unit="tấn", target="3")
    changed = indicator_set(actor=users["alice"], owner=task, name="Kinh phí", unit="million_vnd", target="2.000", indicator=ind)
    assert changed.pk == ind.pk and Indicator.objects.get(pk=ind.pk).target == D("2000")


def test_it_sets_indicators_on_a_content_area_for_the_lead_party(agreement, users):
    area = agreement.content_areas.get(number=1)
    ind = indicator_set(actor=users["alice"], owner=area, name="Tin bài", unit="article", target=24)
    assert ind.content_area == area and ind.task is None
    with pytest.raises(PermissionDenied):
        indicator_set(actor=users["coop_officer"], owner=area, name="Tin bài", unit="article", target=24)


def test_it_carries_over_unfinished_tasks_from_last_year(agreement, orgs, users):
    old = plan_create(actor=users["alice"], agreement=agreement, year=2023)
    done, unfinished = old.tasks.order_by("number")
    task_complete(actor=users["alice"], task=done, on=datetime.date(2023, 11, 30))
    indicator(users["alice"], unfinished, "Buổi tuyên truyền", "12")
    dropped = task_create(actor=users["alice"], plan=old, fields={"title": "Việc đã hủy", "lead_organization": orgs["district"]})
    task_cancel(actor=users["alice"], task=dropped)

    new = plan_create(actor=users["alice"], agreement=agreement, year=2024, from_previous=True)

    carried = list(new.tasks.all())
    assert len(carried) == 1
    task = carried[0]
    assert task.carried_over_from == unfinished
    assert (task.number, task.title, task.lead_organization) == (1, unfinished.title, orgs["board"])
    assert task.due == datetime.date(2024, 12, 31)
    assert [(i.name, i.target, i.aggregation) for i in task.indicators.all()] == [("Buổi tuyên truyền", D("12"), "sum")]
    assert task_status(task, today=datetime.date(2024, 2, 1)) == TaskStatus.NOT_STARTED
    # The old plan is untouched.
    assert Task.objects.filter(plan=old).count() == 3


def test_it_needs_a_previous_plan_to_carry_over(agreement, users):
    with pytest.raises(ValidationError) as exc:
        plan_create(actor=users["alice"], agreement=agreement, year=2024, from_previous=True)
    assert "năm trước" in str(exc.value)
