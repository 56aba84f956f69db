"""Reads of plans and tasks: the plan table with each task's progress, and the arithmetic of targets.

How values combine (only approved activities count, each activity once):
- sum: achieved is the sum of approved values; percent = achieved / target;
- latest: achieved is the value of the latest approved activity (by end date);
- percent: achieved is the latest approved value, read as a share of the target
  ("100% chỉ tiêu giao quân"); percent = achieved / target.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement
from phoihop.core import history
from phoihop.orgs import access as org_access
from phoihop.plans import access
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.progress import source as progress_source

HUNDRED = Decimal(100)


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    OVERDUE = "overdue", _("Quá hạn")
    CANCELLED = "cancelled", _("Đã hủy")


@dataclass
class IndicatorProgress:
    indicator: Indicator
    target: Decimal
    achieved: Decimal | None
    percent: Decimal | None

    @property
    def reached(self) -> bool:
        return self.achieved is not None and self.achieved >= self.target


@dataclass
class TaskRow:
    task: Task
    status: str
    indicators: list[IndicatorProgress] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(TaskStatus(self.status).label)


def _percent(achieved: Decimal | None, target: Decimal) -> Decimal | None:
    if achieved is None or not target:
        return None
    return (achieved * HUNDRED / target).quantize(Decimal("0.1"), ROUND_HALF_UP)


def indicator_progress(indicators: Sequence[Indicator]) -> dict[int, IndicatorProgress]:
    """Target, achieved and percent of each indicator, in one query whatever their number."""
    values: dict[int, list[tuple[Decimal, datetime.date, Any, int]]] = defaultdict(list)
    rows = progress_source().counted_values([i.pk for i in indicators])
    for indicator_id, value, end, approved_at, activity_id in rows:
        values[indicator_id].append((value, end, approved_at, activity_id))
    result: dict[int, IndicatorProgress] = {}
    for ind in indicators:
        found = values.get(ind.pk, [])
        achieved: Decimal | None
        if ind.aggregation == Indicator.Aggregation.SUM:
            achieved = sum((r[0] for r in found), Decimal(0))
        elif found:
            epoch = timezone.now().replace(year=1)
            latest = max(found, key=lambda r: (r[1], r[2] or epoch, r[3]))
            achieved = latest[0]
        else:
            achieved = None
        result[ind.pk] = IndicatorProgress(ind, ind.target, achieved, _percent(achieved, ind.target))
    return result


def task_progress(*, task: Task) -> list[IndicatorProgress]:
    indicators = list(task.indicators.active())
    progress = indicator_progress(indicators)
    return [progress[i.pk] for i in indicators]


def _status(
    task: Task, progress: list[IndicatorProgress], has_approved: bool, today: datetime.date
) -> str:
    if task.cancelled:
        return TaskStatus.CANCELLED
    if task.completed_on is not None or (progress and all(p.reached for p in progress)):
        return TaskStatus.DONE
    if task.due is not None and task.due < today:
        return TaskStatus.OVERDUE
    if has_approved:
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_STARTED


def _task_rows(tasks: Sequence[Task], today: datetime.date | None = None) -> list[TaskRow]:
    """Each task with its status and indicator progress, in three queries whatever their number."""
    today = today or timezone.localdate()
    ids = [t.pk for t in tasks]
    indicators: list[Indicator] = list(Indicator.objects.active().filter(task_id__in=ids).order_by("order", "id"))
    progress = indicator_progress(indicators)
    by_task: dict[int, list[IndicatorProgress]] = defaultdict(list)
    for ind in indicators:
        assert ind.task_id is not None  # filtered on task_id
        by_task[ind.task_id].append(progress[ind.pk])
    approved = progress_source().tasks_with_counted_work(ids)
    return [
        TaskRow(t, _status(t, by_task.get(t.pk, []), t.pk in approved, today), by_task.get(t.pk, []))
        for t in tasks
    ]


def task_rows(tasks: Sequence[Task], *, today: datetime.date | None = None) -> list[TaskRow]:
    """Each task with its status and its indicators' progress (for summaries built in bulk)."""
    return _task_rows(tasks, today)


def task_statuses(tasks: Sequence[Task], *, today: datetime.date | None = None) -> dict[int, str]:
    return {row.task.pk: row.status for row in _task_rows(tasks, today)}


def task_status(task: Task, *, today: datetime.date | None = None) -> str:
    return task_statuses([task], today=today)[task.pk]


# --- pages ------------------------------------------------------------------------------------


def plan_list(*, user: Any, agreement: Agreement) -> QuerySet[AnnualPlan]:
    """The agreement's plans the user may see, newest year first."""
    return access.visible_plans(user).active().filter(agreement=agreement).order_by("-year", "-id")


def agreement_panel(*, user: Any, pk: int) -> dict[str, Any]:
    """The agreement page's "Kế hoạch phối hợp năm" panel: the plans of agreement ``pk`` the
    user sees, newest year first, and whether they may start one."""
    agreement = agreement_access.get_agreement_for_user(user, pk)
    return {
        "agreement": agreement,
        "plans": list(plan_list(user=user, agreement=agreement)),
        "can_edit": agreement_access.can_edit_agreement(user, agreement),
    }


def last_plan(agreement: Agreement) -> AnnualPlan | None:
    """The agreement's latest annual plan (the one a renewal carries over), if any."""
    return AnnualPlan.objects.active().filter(agreement=agreement).order_by("-year", "-id").first()


def plan_tasks(plan: AnnualPlan) -> QuerySet[Task]:
    return (
        plan.tasks.active()
        .select_related("content_area", "lead_organization", "responsible_officer", "carried_over_from__plan")
        .prefetch_related("supporting_organizations")
        .order_by("number", "id")
    )


def plan_detail(*, user: Any, pk: int, today: datetime.date | None = None) -> dict[str, Any]:
    """The plan as the Vietnamese plan table: No. | content | lead | supporting | time | notes,
    each row with its status and progress. The number of queries does not grow with rows."""
    plan = access.get_plan_for_user(user, pk)
    rows = _task_rows(list(plan_tasks(plan)), today)
    return {
        "plan": plan,
        "agreement": plan.agreement,
        "rows": rows,
        "can_edit": access.can_edit_plan(user, plan),
    }


def task_detail(*, user: Any, pk: int, today: datetime.date | None = None) -> dict[str, Any]:
    """The task with its status and indicators; its activities are the panel that activities
    serves on the page (``activities:task_panel``)."""
    task = access.get_task_for_user(user, pk)
    row = _task_rows([task], today)[0]
    parties = {p.organization_id for p in task.plan.agreement.parties.all()}
    s = org_access.scope(user)
    return {
        "task": task,
        "status": row.status,
        "status_label": row.status_label,
        "indicators": row.indicators,
        "can_edit": access.can_edit_plan(user, task.plan),
        "can_record": any(s.can_write_for(org) for org in parties),
        "history": task_history(task),
    }


def plan_history(plan: AnnualPlan) -> list[history.Entry]:
    return history.merged(
        history.entries(
            AnnualPlan.history.filter(id=plan.pk), AnnualPlan, lambda r: _("Kế hoạch năm %(year)s") % {"year": r.year}
        ),
        history.entries(Task.history.filter(plan_id=plan.pk), Task, lambda r: f"{r.number}. {r.title}"),
    )


def task_history(task: Task) -> list[history.Entry]:
    return history.merged(
        history.entries(Task.history.filter(id=task.pk), Task, lambda r: f"{r.number}. {r.title}"),
        history.entries(Indicator.history.filter(task_id=task.pk), Indicator, lambda r: r.name),
    )
