"""A task carries its plan's agreement, so "the tasks I see" and the calendar's deadlines are
read from the task's own indexes, without joining every task of a window to its plan."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from phoihop.agreements.models import Agreement
from phoihop.plans.access import visible_tasks
from phoihop.plans.models import Task
from phoihop.plans.services import task_columns_rebuild, task_create
from phoihop.testing.builders import make_plan

pytestmark = pytest.mark.django_db


def test_it_copies_the_plans_agreement_onto_every_task_made(
    users: Any, orgs: Any, agreement: Any, plan: Any
) -> None:
    # The plan's tasks made from the content areas, and one added by hand.
    assert set(plan.tasks.values_list("agreement_id", flat=True)) == {agreement.pk}
    added = task_create(
        actor=users["alice"],
        plan=plan,
        fields={
            "number": 9,
            "title": "Tuyên truyền trên loa phát thanh",
            "lead_organization": orgs["district"],
        },
    )
    assert Task.objects.get(pk=added.pk).agreement_id == agreement.pk


def test_it_copies_the_agreement_onto_tasks_carried_over(
    users: Any, agreement: Any, plan: Any
) -> None:
    following = make_plan(actor=users["alice"], agreement=agreement, year=2025, from_previous=True)
    carried = following.tasks.exclude(carried_over_from=None)
    assert carried.exists()
    assert set(carried.values_list("agreement_id", flat=True)) == {agreement.pk}


def test_it_rebuilds_the_agreement_of_tasks_written_in_bulk(
    users: Any, orgs: Any, agreement: Any, plan: Any
) -> None:
    Task.objects.filter(plan=plan).update(agreement=None)  # as rows written in bulk come
    alice = users["alice"]
    assert not visible_tasks(alice).filter(plan=plan).exists()  # the rule reads the column
    n = plan.tasks.count()
    assert task_columns_rebuild() == n
    assert task_columns_rebuild() == 0  # nothing left to change
    assert visible_tasks(alice).filter(plan=plan).count() == n


def test_it_corrects_a_wrong_agreement_on_rebuild(users: Any, agreement: Any, plan: Any) -> None:
    other = Agreement.objects.create(
        kind="program", title="Văn bản khác", period_start=2024, period_end=2025
    )
    task = plan.tasks.first()
    Task.objects.filter(pk=task.pk).update(agreement=other)
    assert task_columns_rebuild() == 1
    assert Task.objects.get(pk=task.pk).agreement_id == agreement.pk


def test_the_rule_and_the_calendar_window_do_not_join_tasks_to_their_plans(
    users: Any, plan: Any
) -> None:
    from phoihop.plans.calendar import _rows

    alice = users["alice"]
    assert "plans_annualplan" not in str(visible_tasks(alice).values("pk").query)
    window = _rows(alice, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), own=True).values(
        "pk"
    )
    tables = str(window.query).split(" WHERE ")[0]
    # Only the tasks are read; the archived plans are looked up by their own ids in the WHERE.
    assert "plans_task" in tables and "plans_annualplan" not in tables
    assert {t["pk"] for t in window} == set(plan.tasks.values_list("pk", flat=True))
