"""The dashboard figures as they were computed live before the summary rows existed, kept
unchanged as the reference the summaries are checked against.

The original notes:

Rules behind the figures (``today`` is always passed in, so a test fixes the date):
- an organisation's agreements are those it is a party to; "in force" is the agreement's status;
  an agreement ends on 31/12 of the last year of its period, and "ending soon" means in force and
  ending within ``ENDING_WINDOW`` days from today (time to prepare the renewal);
- an organisation's tasks are the tasks it leads or supports in annual plans in force; a task's
  status is derived by plans.selectors (not started, in progress, done, overdue, cancelled);
  "due this month" counts the tasks due in today's calendar month still under way (not started or
  in progress: a task past its due date is counted once, as overdue); "overdue" counts the tasks
  whose derived status is overdue;
- reports owed (due within days, not yet sent), missing (past the deadline, not sent) and late
  (sent after the deadline) come from the report exchange (exchange.selectors.owed_reports), under
  the agreements in force, over their whole validity;
- "waiting for approval" counts activities submitted by the organisation, waiting for its leader;
- upcoming conferences are events from today on, within ``EVENT_WINDOW`` days, hosted by the
  organisation, attended by it, or held under one of its agreements;
- indicator attainment is achieved / target of each indicator (plans.selectors.indicator_progress),
  and an organisation's average attainment caps each indicator at 100%.

Only what the reader may see counts. Every function here costs a fixed number of queries, whatever
the number of organisations, agreements, tasks or activities.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q

from phoihop.activities import access as activity_access
from phoihop.activities.models import Activity
from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement, Party
from phoihop.events import access as event_access
from phoihop.events.models import Event
from phoihop.orgs.models import Organization
from phoihop.plans import access as plan_access
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.selectors import IndicatorProgress, TaskStatus, indicator_progress, task_statuses

ENDING_WINDOW = 90
EVENT_WINDOW = 60
HUNDRED = Decimal(100)
OPEN_STATES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.OVERDUE)
REPORT_STATES = ("due", "missing", "late")

# Extra states the task list understands besides the derived statuses.
DUE_THIS_MONTH = "due_month"
OPEN = "open"  # not done, not cancelled
PENDING = "pending"  # not started or in progress (open, not overdue)
LIVE = "live"  # not cancelled: what the dashboards count as the plan's tasks
TASK_STATES = (DUE_THIS_MONTH, OPEN, PENDING, LIVE, *TaskStatus.values)


def agreement_end(agreement: Agreement) -> datetime.date | None:
    """The last day an agreement runs: 31/12 of the last year of its period."""
    return datetime.date(agreement.period_end, 12, 31) if agreement.period_end else None


def month_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def average_attainment(progress: Iterable[IndicatorProgress]) -> Decimal | None:
    """The mean of the indicators' percentages, each capped at 100%; None without a target."""
    percents = [min(p.percent, HUNDRED) for p in progress if p.percent is not None]
    if not percents:
        return None
    return (sum(percents, Decimal(0)) / len(percents)).quantize(Decimal("0.1"), ROUND_HALF_UP)


# --- tasks ------------------------------------------------------------------------------------


@dataclass
class TaskLine:
    task: Task
    status: str
    organization_ids: set[int] = field(default_factory=set)

    @property
    def status_label(self) -> str:
        return str(TaskStatus(self.status).label)


def task_lines(
    *,
    user: Any,
    today: datetime.date,
    organization_ids: Sequence[int] | None = None,
    agreement_id: int | None = None,
    area_id: int | None = None,
    year: int | None = None,
    lead_only: bool = False,
) -> list[TaskLine]:
    """Visible tasks with their derived status, in due-date order.

    Without ``year`` only plans in force count; with it, that year's plans whatever their status.
    With ``organization_ids``, the tasks those organisations lead or support, each line knowing
    which of them it belongs to (``lead_only``: the tasks they lead). Six queries whatever the number of tasks."""
    qs = (
        plan_access.visible_tasks(user)
        .active()
        .filter(plan__archived_at__isnull=True, plan__agreement__archived_at__isnull=True)
    )
    qs = qs.filter(plan__year=year) if year is not None else qs.filter(plan__status=AnnualPlan.Status.IN_FORCE)
    if agreement_id is not None:
        qs = qs.filter(plan__agreement_id=agreement_id)
    if area_id is not None:
        qs = qs.filter(content_area_id=area_id)
    support = Task.supporting_organizations.through.objects
    if organization_ids is not None and lead_only:
        qs = qs.filter(lead_organization_id__in=list(organization_ids))
    elif organization_ids is not None:
        ids = list(organization_ids)
        qs = qs.filter(
            Q(lead_organization_id__in=ids)
            | Q(pk__in=support.filter(organization_id__in=ids).values("task_id"))
        )
    tasks = list(
        qs.select_related("plan__agreement", "lead_organization", "content_area").order_by(
            "due", "plan__agreement_id", "number", "id"
        )
    )
    statuses = task_statuses(tasks, today=today)
    lines = [TaskLine(t, statuses[t.pk]) for t in tasks]
    if organization_ids is not None:
        wanted = set(organization_ids)
        supporters: dict[int, set[int]] = defaultdict(set)
        for task_id, org_id in support.filter(
            task_id__in=[t.pk for t in tasks], organization_id__in=wanted
        ).values_list("task_id", "organization_id"):
            supporters[task_id].add(org_id)
        for line in lines:
            line.organization_ids = supporters.get(line.task.pk, set()) | (
                {line.task.lead_organization_id} & wanted
            )
    return lines


def is_due_this_month(line: TaskLine, today: datetime.date) -> bool:
    first, last = month_bounds(today)
    due = line.task.due
    return due is not None and first <= due <= last and line.status in (
        TaskStatus.NOT_STARTED,
        TaskStatus.IN_PROGRESS,
    )


def filter_task_lines(lines: Iterable[TaskLine], state: str, today: datetime.date) -> list[TaskLine]:
    if state == DUE_THIS_MONTH:
        return [line for line in lines if is_due_this_month(line, today)]
    if state == OPEN:
        return [line for line in lines if line.status in OPEN_STATES]
    if state == LIVE:
        return [line for line in lines if line.status != TaskStatus.CANCELLED]
    if state == PENDING:
        return [line for line in lines if line.status in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)]
    if state in TaskStatus.values:
        return [line for line in lines if line.status == state]
    return list(lines)


# --- reports (from the report exchange) ---------------------------------------------------------


def _owed_reports(*, today: datetime.date, agreement_ids: list[int], organization_ids: list[int]) -> list[Any]:
    """Reports the organisations owe under the agreements, due soon, missing or sent late."""
    from phoihop.exchange.selectors import owed_reports

    if not agreement_ids:
        return []
    found = owed_reports(today=today, agreement_ids=agreement_ids, organization_ids=organization_ids)
    return [r for r in found if r.state in REPORT_STATES]


# --- organisations ----------------------------------------------------------------------------


@dataclass
class OrganizationFigures:
    organization: Organization
    in_force: list[Agreement] = field(default_factory=list)
    ending_soon: list[Agreement] = field(default_factory=list)
    due_this_month: list[TaskLine] = field(default_factory=list)
    overdue: list[TaskLine] = field(default_factory=list)
    reports_due: list[Any] = field(default_factory=list)
    reports_missing: list[Any] = field(default_factory=list)
    reports_late: list[Any] = field(default_factory=list)
    approvals: int = 0
    events: list[Event] = field(default_factory=list)
    activities: int = 0
    indicators: list[IndicatorProgress] = field(default_factory=list)
    attainment: Decimal | None = None

    def sort_value(self, column: str) -> Any:
        return {
            "in_force": len(self.in_force),
            "ending": len(self.ending_soon),
            "due_month": len(self.due_this_month),
            "overdue": len(self.overdue),
            "reports": len(self.reports_missing),
            "approvals": self.approvals,
            "activities": self.activities,
            "attainment": self.attainment if self.attainment is not None else Decimal(-1),
        }[column]


SORT_COLUMNS = ("name", "in_force", "ending", "due_month", "overdue", "reports", "approvals", "activities", "attainment")


def organization_figures(
    *, user: Any, organizations: Sequence[Organization], today: datetime.date, year: int
) -> dict[int, OrganizationFigures]:
    """The dashboard figures of each organisation, as the user may see them. ``year`` picks the
    plans whose indicators and activities are charted. A fixed number of queries."""
    ids = [o.pk for o in organizations]
    result = {o.pk: OrganizationFigures(o) for o in organizations}
    visible = agreement_access.visible_agreements(user).active()

    # Agreements in force and ending soon.
    horizon = today + datetime.timedelta(days=ENDING_WINDOW)
    parties = (
        Party.objects.filter(organization_id__in=ids, agreement__in=visible)
        .select_related("agreement")
        .order_by("agreement__period_end", "agreement__title", "agreement_id")
    )
    party_agreements: dict[int, set[int]] = defaultdict(set)
    for party in parties:
        agreement = party.agreement
        party_agreements[party.organization_id].add(agreement.pk)
        if agreement.status != Agreement.Status.IN_FORCE:
            continue
        figures = result[party.organization_id]
        figures.in_force.append(agreement)
        end = agreement_end(agreement)
        if end is not None and today <= end <= horizon:
            figures.ending_soon.append(agreement)

    # Tasks due this month and overdue.
    for line in task_lines(user=user, today=today, organization_ids=ids):
        for org_id in line.organization_ids:
            if is_due_this_month(line, today):
                result[org_id].due_this_month.append(line)
            if line.status == TaskStatus.OVERDUE:
                result[org_id].overdue.append(line)

    # Reports owed, missing and late under the agreements in force.
    all_agreements = sorted(set().union(*party_agreements.values())) if party_agreements else []
    in_force = sorted({a.pk for f in result.values() for a in f.in_force})
    for report in _owed_reports(today=today, agreement_ids=in_force, organization_ids=ids):
        owing = result.get(report.organization.pk)
        if owing is None:
            continue
        {"due": owing.reports_due, "missing": owing.reports_missing, "late": owing.reports_late}[
            report.state
        ].append(report)

    # Activities waiting for approval, and approved activities held (at least partly) in the year,
    # as the activity list counts them.
    links = Activity.organizations.through.objects.filter(
        organization_id__in=ids, activity__in=activity_access.visible_activities(user), activity__archived_at__isnull=True
    )
    for org_id, status in links.filter(
        Q(activity__status=Activity.Status.SUBMITTED)
        | Q(
            activity__status=Activity.Status.APPROVED,
            activity__start_date__year__lte=year,
            activity__end_date__year__gte=year,
        )
    ).values_list("organization_id", "activity__status"):
        if status == Activity.Status.SUBMITTED:
            result[org_id].approvals += 1
        else:
            result[org_id].activities += 1

    # Upcoming conferences.
    upcoming = list(
        event_access.visible_events(user)
        .active()
        .filter(date__gte=today, date__lte=today + datetime.timedelta(days=EVENT_WINDOW))
        .filter(
            Q(host_id__in=ids)
            | Q(organizations__in=ids)
            | Q(agreements__in=list(all_agreements))
        )
        .distinct()
        .select_related("host")
        .order_by("date", "id")
    )
    if upcoming:
        event_ids = [e.pk for e in upcoming]
        attending: dict[int, set[int]] = defaultdict(set)
        for event_id, org_id in Event.organizations.through.objects.filter(
            event_id__in=event_ids, organization_id__in=ids
        ).values_list("event_id", "organization_id"):
            attending[event_id].add(org_id)
        under: dict[int, set[int]] = defaultdict(set)
        for event_id, agreement_id in Event.agreements.through.objects.filter(
            event_id__in=event_ids, agreement_id__in=all_agreements
        ).values_list("event_id", "agreement_id"):
            under[event_id].add(agreement_id)
        for event in upcoming:
            for org_id in ids:
                if (
                    event.host_id == org_id
                    or org_id in attending[event.pk]
                    or under[event.pk] & party_agreements.get(org_id, set())
                ):
                    result[org_id].events.append(event)

    # Indicator attainment of the year's tasks each organisation leads or supports.
    year_lines = task_lines(user=user, today=today, organization_ids=ids, year=year)
    by_task = {line.task.pk: line for line in year_lines}
    indicators: list[Indicator] = list(
        Indicator.objects.active()
        .filter(task_id__in=list(by_task))
        .order_by("task__plan__agreement_id", "task__number", "order", "id")
    )
    progress = indicator_progress(indicators)
    for ind in indicators:
        assert ind.task_id is not None  # filtered on task_id
        line = by_task[ind.task_id]
        ind.task = line.task  # already loaded: spares a query per indicator in templates
        for org_id in line.organization_ids:
            result[org_id].indicators.append(progress[ind.pk])
    for figures in result.values():
        figures.attainment = average_attainment(figures.indicators)
    return result
