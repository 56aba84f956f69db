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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Round
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.agreements import access as agreement_access
from phoihop.agreements.documents import agreement_doc_type
from phoihop.agreements.models import Agreement, Party
from phoihop.core import history
from phoihop.documents.models import IssuedNumber
from phoihop.documents.services import NumberSuggestion, issuer_validity_error, suggest_number
from phoihop.orgs import access as org_access
from phoihop.plans import access
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.progress import source as progress_source

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.core.history import Entry
    from phoihop.orgs.models import Organization

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
    values: dict[int, list[tuple[Decimal, datetime.date, datetime.datetime | None, int]]] = defaultdict(list)
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


def task_done() -> ExpressionWrapper[Q]:
    """Whether a task is done, judged in the database as ``_status`` judges it in Python: marked
    completed, or it has indicators and each reached its target (a sum of the counted values,
    or the latest counted value, at least the target). For annotating a ``Task`` queryset: the
    indicators and values are read by the database and never loaded."""
    counted = progress_source().values_counting_towards(OuterRef("pk"))
    # Rounded to the values' own places: SQLite adds decimals in floating point.
    places = counted.model._meta.get_field("value").decimal_places or 0
    total = Subquery(counted.annotate(t=Round(Func(F("value"), function="SUM"), places)).values("t")[:1])
    latest = Subquery(
        counted.order_by(
            F("activity__end_date").desc(), F("activity__approved_at").desc(nulls_last=True), F("activity_id").desc()
        ).values("value")[:1]
    )
    achieved = Case(
        When(aggregation=Indicator.Aggregation.SUM, then=Coalesce(total, Value(Decimal(0)))),
        default=latest,
        output_field=models.DecimalField(),
    )
    # 1 when every indicator of the task reached its target, 0 when one did not, NULL without
    # indicators: one scalar subquery a task (an EXISTS under the OR would be hashed over the
    # whole indicator table), each indicator's achievement computed once.
    reached = Case(When(achieved__gte=F("target"), then=Value(1)), default=Value(0))
    all_reached = Subquery(
        Indicator.objects.active()
        .filter(task_id=OuterRef("pk"))
        .order_by()
        .alias(achieved=achieved)
        .annotate(all_reached=Func(reached, function="MIN"))
        .values("all_reached")[:1]
    )
    return ExpressionWrapper(
        Q(completed_on__isnull=False) | Q(Exact(Coalesce(all_reached, 0), 1)), output_field=models.BooleanField()
    )


def task_started() -> Exists:
    """Whether work that counts (an approved activity) was recorded for a task: for annotating a
    ``Task`` queryset, beside ``task_done``."""
    return Exists(progress_source().work_counting_for(OuterRef("pk")))


def status_of(task: Task, *, done: bool, started: bool, today: datetime.date) -> str:
    """The status of a task annotated with ``task_done`` and ``task_started`` (as ``_status``)."""
    if task.cancelled:
        return TaskStatus.CANCELLED
    if done:
        return TaskStatus.DONE
    if task.due is not None and task.due < today:
        return TaskStatus.OVERDUE
    return TaskStatus.IN_PROGRESS if started else TaskStatus.NOT_STARTED


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


def plan_list(*, user: AnyUser, agreement: Agreement) -> QuerySet[AnnualPlan]:
    """The agreement's plans the user may see, newest year first."""
    return access.visible_plans(user).active().filter(agreement=agreement).order_by("-year", "-id")


def plans_filtered(*, user: AnyUser, filters: Mapping[str, object]) -> QuerySet[AnnualPlan]:
    """The plans the user may see across agreements, newest year first, filtered by agreement,
    year and status (archived ones instead with ``archived``), each with its agreement and the
    number of its tasks (a subquery, so the count of rows leaves it out)."""
    visible = access.visible_plans(user)
    qs: QuerySet[AnnualPlan] = (
        visible.filter(archived_at__isnull=False) if filters.get("archived") else visible.active()
    )
    agreement, year, status = filters.get("agreement"), filters.get("year"), filters.get("status")
    if isinstance(agreement, int) and agreement:
        qs = qs.filter(agreement_id=agreement)
    if isinstance(year, int) and year:
        qs = qs.filter(year=year)
    if isinstance(status, str) and status:
        qs = qs.filter(status=status)
    tasks = (
        Task.objects.active()
        .filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        qs.select_related("agreement")
        .annotate(task_count=Coalesce(Subquery(tasks), 0))
        .order_by("-year", "-id")
    )


@dataclass(frozen=True)
class AgreementPlans:
    agreement: Agreement
    plans: list[AnnualPlan]
    can_edit: bool


def agreement_panel(*, user: AnyUser, pk: int) -> AgreementPlans:
    """The agreement page's "Kế hoạch phối hợp năm" panel: the plans of agreement ``pk`` the
    user sees, newest year first, and whether they may start one."""
    agreement: Agreement = agreement_access.get_agreement_for_user(user, pk)
    return AgreementPlans(
        agreement=agreement,
        plans=list(plan_list(user=user, agreement=agreement)),
        can_edit=agreement_access.can_edit_agreement(user, agreement),
    )


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


@dataclass(frozen=True)
class PlanPage:
    plan: AnnualPlan
    agreement: Agreement
    rows: list[TaskRow]
    can_edit: bool


def plan_detail(*, user: AnyUser, pk: int, today: datetime.date | None = None) -> PlanPage:
    """The plan as the Vietnamese plan table: No. | content | lead | supporting | time | notes,
    each row with its status and progress. The number of queries does not grow with rows."""
    plan = access.get_plan_for_user(user, pk)
    rows = _task_rows(list(plan_tasks(plan)), today)
    return PlanPage(plan=plan, agreement=plan.agreement, rows=rows, can_edit=access.can_edit_plan(user, plan))


@dataclass(frozen=True)
class TaskPage:
    task: Task
    status: str
    status_label: str
    indicators: list[IndicatorProgress]
    can_edit: bool
    can_record: bool
    history: list[Entry]


def task_detail(*, user: AnyUser, pk: int, today: datetime.date | None = None) -> TaskPage:
    """The task with its status and indicators; its activities are the panel that activities
    serves on the page (``activities:task_panel``)."""
    task = access.get_task_for_user(user, pk)
    row = _task_rows([task], today)[0]
    parties = {p.organization_id for p in task.plan.agreement.parties.all()}
    s = org_access.scope(user)
    return TaskPage(
        task=task,
        status=row.status,
        status_label=row.status_label,
        indicators=row.indicators,
        can_edit=access.can_edit_plan(user, task.plan),
        can_record=any(s.can_write_for(org) for org in parties),
        history=task_history(task),
    )


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


# --- the agreement's documents page ---------------------------------------------------------------


@dataclass
class PlanDocuments:
    plan: AnnualPlan
    issued: IssuedNumber | None
    suggestion: NumberSuggestion | None
    can_number: bool


@dataclass(frozen=True)
class AgreementDocuments:
    agreement: Agreement
    lead: Organization | None
    plans: list[PlanDocuments]
    today: datetime.date
    agreement_suggestion: NumberSuggestion | None
    agreement_issued: IssuedNumber | None
    can_number_agreement: bool
    issuer_problems: list[str]
    agreement_signed_on: datetime.date | None


def agreement_documents(
    *, user: AnyUser, agreement: Agreement, today: datetime.date | None = None
) -> AgreementDocuments:
    """The agreement's own document and one per visible annual plan, each with its number:
    the one in the register, or the next free one of the lead party's series."""
    today = today or timezone.localdate()
    parties = sorted(
        agreement.parties.all(), key=lambda p: (p.role != Party.Role.LEAD, p.order, p.pk)
    )
    lead = parties[0].organization if parties else None
    co_issuers = [p.organization for p in parties[1:]]
    plans = list(access.visible_plans(user).active().filter(agreement=agreement).order_by("-year", "-id"))
    ct = ContentType.objects.get_for_model(AnnualPlan)
    issued: dict[int, IssuedNumber] = {}
    live = IssuedNumber.objects.filter(content_type=ct, object_id__in=[p.pk for p in plans], voided=False)
    for entry in live.order_by("created_at", "id"):
        assert entry.object_id is not None  # filtered by object_id__in
        issued[entry.object_id] = entry  # the latest wins
    suggestion = suggest_number(lead, "KH", today, co_issuers=co_issuers) if lead else None
    agreement_suggestion = None
    agreement_issued = (
        IssuedNumber.objects.filter(
            content_type=ContentType.objects.get_for_model(Agreement), object_id=agreement.pk, voided=False
        ).order_by("-created_at", "-id").first()
    )
    if lead and not agreement.number_symbol and agreement_issued is None:
        agreement_suggestion = suggest_number(
            lead, agreement_doc_type(agreement), agreement.signed_on or today, co_issuers=co_issuers
        )
    editable = bool(plans) and access.can_edit_plan(user, plans[0])
    # The issuers that cannot issue today (ceased, or not yet in being): numbering is refused
    # in their name, so the page says so before the button.
    issuers = [p.organization for p in parties]
    not_valid = [e for e in (issuer_validity_error(o, today) for o in issuers) if e]
    rows = [
        PlanDocuments(plan=p, issued=issued.get(p.pk), suggestion=None if p.pk in issued else suggestion,
                      can_number=editable)
        for p in plans
    ]
    return AgreementDocuments(
        agreement=agreement, lead=lead, plans=rows, today=today,
        agreement_suggestion=agreement_suggestion, agreement_issued=agreement_issued,
        can_number_agreement=agreement_access.can_edit_agreement(user, agreement) and not agreement.is_archived,
        issuer_problems=not_valid,
        agreement_signed_on=max(
            [d for d in (agreement.signed_on, *(p.signed_on for p in parties)) if d], default=None
        ),
    )
