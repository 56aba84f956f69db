"""Annual plans, their tasks and the tasks' indicators with their progress, as the plan and task
pages show them: seen by whoever sees the agreement (the plans' access rules), each task's status
and each indicator's progress computed by the plans' selectors from the approved work."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field as F
from ninja import Query, Router, Schema

from phoihop.api import schemas
from phoihop.api.etags import tagged
from phoihop.api.organizations import choice, ref
from phoihop.api.paging import key
from phoihop.plans import access, selectors
from phoihop.plans.models import AnnualPlan, Task

router = Router(tags=["plans"])

# The tasks a plan's record carries; a longer plan is paged at /plans/{id}/tasks.
PLAN_TASKS = 100


class PlanFilters(Schema):
    agreement: schemas.Key | None = F(None, description="The plans of this agreement")
    year: int | None = F(None, ge=1, le=9999)
    status: AnnualPlan.Status | None = None
    archived: bool = False
    limit: int = F(25, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


class TaskPageQuery(Schema):
    limit: int = F(25, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


class PlanAgreement(Schema):
    id: int
    number_symbol: str
    title: str


class Plan(Schema):
    id: int
    year: int
    status: schemas.Choice
    agreement: PlanAgreement
    archived: bool


class PlanListItem(Plan):
    task_count: int


class ContentAreaRef(Schema):
    id: int
    number: int
    title: str


class IndicatorOut(Schema):
    id: int
    name: str
    unit: schemas.Choice
    target: Decimal
    aggregation: schemas.Choice
    achieved: Decimal | None = F(
        description="From the approved activities: their sum, or the latest value (latest, "
        "percent); none before any"
    )
    percent: Decimal | None = F(description="achieved as a percentage of target")
    reached: bool


class TaskOut(Schema):
    id: int
    number: int
    title: str
    plan_id: int
    content_area: ContentAreaRef | None
    lead_organization: schemas.Ref
    supporting_organizations: list[schemas.Ref]
    responsible_officer: schemas.Ref | None
    start: datetime.date | None
    due: datetime.date | None
    completed_on: datetime.date | None = F(description="Marked done by the lead party on")
    cancelled: bool
    status: schemas.Choice = F(
        description="not_started, in_progress, done, overdue or cancelled, from the record"
    )
    indicators: list[IndicatorOut]
    archived: bool


class PlanBrief(Schema):
    id: int
    year: int
    status: schemas.Choice
    agreement_id: int


class TaskDetail(TaskOut):
    notes: str
    plan: PlanBrief
    carried_over_from_id: int | None
    version: int


class PlanDetail(Plan):
    notes: str
    task_count: int
    tasks: list[TaskOut] = F(description=f"The first {PLAN_TASKS} tasks in order")
    more_tasks: bool = F(description="More tasks than shown: page them at /plans/{id}/tasks")


class PlanPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PlanListItem]


class TaskPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TaskOut]


def plan_out(p: AnnualPlan) -> dict[str, Any]:
    a = p.agreement
    return {
        "id": p.pk,
        "year": p.year,
        "status": choice(p, "status"),
        "agreement": {"id": a.pk, "number_symbol": a.number_symbol, "title": a.title},
        "archived": p.is_archived,
    }


def indicator_out(p: selectors.IndicatorProgress) -> dict[str, Any]:
    i = p.indicator
    return {
        "id": i.pk,
        "name": i.name,
        "unit": choice(i, "unit"),
        "target": p.target,
        "aggregation": choice(i, "aggregation"),
        "achieved": p.achieved,
        "percent": p.percent,
        "reached": p.reached,
    }


def task_out(row: selectors.TaskRow) -> dict[str, Any]:
    t = row.task
    area = t.content_area
    officer = t.responsible_officer
    return {
        "id": t.pk,
        "number": t.number,
        "title": t.title,
        "plan_id": t.plan_id,
        "content_area": (
            {"id": area.pk, "number": area.number, "title": area.title} if area else None
        ),
        "lead_organization": ref(t.lead_organization),
        "supporting_organizations": [ref(o) for o in t.supporting_organizations.all()],
        "responsible_officer": (
            {"id": officer.pk, "name": officer.full_name} if officer is not None else None
        ),
        "start": t.start,
        "due": t.due,
        "completed_on": t.completed_on,
        "cancelled": t.cancelled,
        "status": {"value": row.status, "label": row.status_label},
        "indicators": [indicator_out(p) for p in row.indicators],
        "archived": t.is_archived,
    }


def _task_rows(tasks: list[Task]) -> list[dict[str, Any]]:
    return [task_out(row) for row in selectors.task_rows(tasks)]


@router.get(
    "/plans",
    response={200: PlanPage, **schemas.ERRORS},
    url_name="plan_list",
    summary="List annual plans",
)
def plan_list(request: HttpRequest, filters: Query[PlanFilters]) -> dict[str, Any]:
    """The annual plans of the agreements you see, newest year first, by agreement, year and
    status."""
    rows = selectors.plans_filtered(user=request.user, filters=filters.dict())
    return {
        "count": rows.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [
            {**plan_out(p), "task_count": getattr(p, "task_count", 0)}
            for p in rows[filters.offset : filters.offset + filters.limit]
        ],
    }


@router.get(
    "/plans/{int:pk}",
    response={200: PlanDetail, **schemas.READ_ERRORS},
    url_name="plan_detail",
    summary="One annual plan with its tasks",
)
def plan_detail(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """The plan table: its first tasks in order, each with its lead and supporting parties,
    time frame, status and indicators' progress. Its ETag is that of the answer, which changes
    when an activity of one of its tasks is approved."""
    plan = access.get_plan_for_user(request.user, key(pk))
    tasks = selectors.plan_tasks(plan)
    shown = list(tasks[: PLAN_TASKS + 1])
    body = {
        **plan_out(plan),
        "notes": plan.notes,
        "task_count": tasks.count(),
        "tasks": _task_rows(shown[:PLAN_TASKS]),
        "more_tasks": len(shown) > PLAN_TASKS,
    }
    return tagged(request, response, body)


@router.get(
    "/plans/{int:pk}/tasks",
    response={200: TaskPage, **schemas.ERRORS},
    url_name="plan_tasks",
    summary="The tasks of an annual plan",
)
def plan_task_list(request: HttpRequest, pk: int, page: Query[TaskPageQuery]) -> dict[str, Any]:
    """A page of the plan's tasks in order, each as in the plan's record."""
    plan = access.get_plan_for_user(request.user, key(pk))
    tasks = selectors.plan_tasks(plan)
    return {
        "count": tasks.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": _task_rows(list(tasks[page.offset : page.offset + page.limit])),
    }


@router.get(
    "/tasks/{int:pk}",
    response={200: TaskDetail, **schemas.READ_ERRORS},
    url_name="task_detail",
    summary="One task with its indicators",
)
def task_detail(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """With its lead and supporting parties, dates, status and each indicator's target, unit,
    aggregation and progress, as the task page computes them. Its ETag is that of the answer,
    which changes when one of its activities is approved."""
    task = access.get_task_for_user(request.user, key(pk))
    [row] = selectors.task_rows([task])
    plan = task.plan
    body = {
        **task_out(row),
        "notes": task.notes,
        "carried_over_from_id": task.carried_over_from_id,
        "version": task.version,
        "plan": {
            "id": plan.pk,
            "year": plan.year,
            "status": choice(plan, "status"),
            "agreement_id": plan.agreement_id,
        },
    }
    return tagged(request, response, body)
