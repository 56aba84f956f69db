"""Keeping the dashboards' summary rows (models.py) in step with the records they summarise.

The rows of an agreement are recomputed as a whole, after the transaction that changed one of
its tasks, activities, indicator values or reports commits (signals.py schedules it; several
changes in one transaction refresh each agreement once). The recomputation reuses the plans'
own rules (task status, indicator progress) and the report exchange's own schedule, so the
dashboards show what the pages of those records show. ``dashboard_summaries_rebuild`` redoes
every agreement in batches: after bulk loading, at migrate time on an empty table, and nightly.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone

from phoihop.dashboards.models import ActivityFigure, ReportSlot, TaskFigure

BATCH = 100
# Open-ended agreements owe reports without end: slots are written this far ahead, and the
# nightly rebuild moves the horizon on.
OPEN_END_DAYS = 400
FAR_PAST = datetime.date(1, 1, 1)
HUNDRED = Decimal(100)

def dashboard_summaries_refresh(*, agreement_ids: Iterable[int]) -> None:
    """Recompute every summary row of the agreements (all their organisations and years)."""
    from phoihop.agreements.models import Agreement

    ids = sorted(set(agreement_ids))
    if not ids:
        return
    with transaction.atomic():
        # One refresh of an agreement at a time: two writers would insert the same rows.
        list(Agreement.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        TaskFigure.objects.filter(agreement_id__in=ids).delete()
        ActivityFigure.objects.filter(agreement_id__in=ids).delete()
        ReportSlot.objects.filter(agreement_id__in=ids).delete()
        _write_task_figures(ids)
        _write_activity_figures(ids)
        _write_report_slots(ids)


def dashboard_summaries_rebuild() -> None:
    """Recompute the summary rows of the whole database, a batch of agreements at a time."""
    from phoihop.agreements.models import Agreement

    with transaction.atomic():
        TaskFigure.objects.all().delete()
        ActivityFigure.objects.all().delete()
        ReportSlot.objects.all().delete()
    last = 0
    while True:
        ids = list(
            Agreement.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return
        with transaction.atomic():
            _write_task_figures(ids)
            _write_activity_figures(ids)
            _write_report_slots(ids)
        last = ids[-1]


def _tenths(percent: Decimal) -> int:
    return int(min(percent, HUNDRED) * 10)


def _write_task_figures(agreement_ids: list[int]) -> None:
    from phoihop.plans.models import AnnualPlan, Task
    from phoihop.plans.selectors import TaskStatus, task_rows

    tasks = list(
        Task.objects.active()
        .filter(
            plan__agreement_id__in=agreement_ids,
            plan__archived_at__isnull=True,
            plan__agreement__archived_at__isnull=True,
        )
        .select_related("plan")
        .only(
            "id", "plan__id", "plan__agreement_id", "plan__year", "plan__status", "content_area_id",
            "lead_organization_id", "due", "cancelled", "completed_on",
        )
        .order_by()
    )
    if not tasks:
        return
    # Long ago nothing is overdue: the status left is the one that does not depend on the date.
    # The same rows carry each task's indicator progress, so the indicators are read once.
    statuses: dict[int, str] = {}
    tenths: dict[int, int] = defaultdict(int)
    counted: dict[int, int] = defaultdict(int)
    for row in task_rows(tasks, today=FAR_PAST):
        statuses[row.task.pk] = row.status
        for progress in row.indicators:
            if progress.percent is not None:
                tenths[row.task.pk] += _tenths(progress.percent)
                counted[row.task.pk] += 1
    supporters: dict[int, set[int]] = defaultdict(set)
    for task_id, org_id in Task.supporting_organizations.through.objects.filter(
        task_id__in=[t.pk for t in tasks]
    ).values_list("task_id", "organization_id"):
        supporters[task_id].add(org_id)
    rows = []
    for task in tasks:
        status = statuses[task.pk]
        state = (
            TaskFigure.State.CANCELLED
            if status == TaskStatus.CANCELLED
            else TaskFigure.State.DONE
            if status == TaskStatus.DONE
            else TaskFigure.State.OPEN
        )
        common = {
            "task_id": task.pk,
            "agreement_id": task.plan.agreement_id,
            "content_area_id": task.content_area_id,
            "year": task.plan.year,
            "in_force": task.plan.status == AnnualPlan.Status.IN_FORCE,
            "due": task.due,
            "state": state,
            "started": status == TaskStatus.IN_PROGRESS,
            "percent_tenths": tenths.get(task.pk, 0),
            "percent_count": counted.get(task.pk, 0),
        }
        rows.append(TaskFigure(organization_id=task.lead_organization_id, lead=True, **common))
        for org_id in sorted(supporters.get(task.pk, set()) - {task.lead_organization_id}):
            rows.append(TaskFigure(organization_id=org_id, lead=False, **common))
    TaskFigure.objects.bulk_create(rows, batch_size=1000)


def _write_activity_figures(agreement_ids: list[int]) -> None:
    from phoihop.activities.models import Activity

    links = Activity.organizations.through.objects.filter(
        activity__task__plan__agreement_id__in=agreement_ids, activity__archived_at__isnull=True
    )
    figures: dict[tuple[int, int, int], ActivityFigure] = {}

    def figure(org_id: int, agreement_id: int, year: int) -> ActivityFigure:
        key = (org_id, agreement_id, year)
        if key not in figures:
            figures[key] = ActivityFigure(organization_id=org_id, agreement_id=agreement_id, year=year)
        return figures[key]

    approved = (
        links.filter(activity__status=Activity.Status.APPROVED)
        .values_list("organization_id", "activity__task__plan__agreement_id")
        .annotate(first=ExtractYear("activity__start_date"), last=ExtractYear("activity__end_date"), n=Count("id"))
        .order_by()
    )
    for org_id, agreement_id, first, last, n in approved:
        # Counted in every year the activity was held in, as the activity list's year filter does.
        for year in range(first, last + 1):
            figure(org_id, agreement_id, year).approved += n
    submitted = (
        links.filter(activity__status=Activity.Status.SUBMITTED)
        .values_list("organization_id", "activity__task__plan__agreement_id")
        .annotate(year=ExtractYear("activity__start_date"), n=Count("id"))
        .order_by()
    )
    for org_id, agreement_id, year, n in submitted:
        figure(org_id, agreement_id, year).submitted += n
    ActivityFigure.objects.bulk_create(figures.values(), batch_size=1000)


def _write_report_slots(agreement_ids: list[int]) -> None:
    from phoihop.agreements.models import Agreement
    from phoihop.exchange.selectors import agreement_validity, owed_reports

    today = timezone.localdate()
    in_force = list(
        Agreement.objects.active()
        .filter(pk__in=agreement_ids, status=Agreement.Status.IN_FORCE)
        .only("id", "signed_on", "period_start", "period_end")
    )
    if not in_force:
        return
    # Every slot to the end of the validity (a year ahead for open-ended ones): which of them
    # are due, missing or late is decided when the dashboard is read.
    ends = [agreement_validity(a)[1] for a in in_force]
    end = max((e for e in ends if e is not None), default=today)
    end = max(end, today + datetime.timedelta(days=OPEN_END_DAYS))
    rows = []
    for order, owed in enumerate(owed_reports(today=today, agreement_ids=[a.pk for a in in_force], end=end)):
        report = owed.report
        sent = (
            timezone.localdate(report.submitted_at)
            if report is not None and report.is_submitted and report.submitted_at is not None
            else None
        )
        rows.append(
            ReportSlot(
                agreement_id=owed.agreement.pk,
                organization_id=owed.organization.pk,
                period_start=owed.period_start,
                period_end=owed.period_end,
                period_label=owed.period_label[:100],
                due_date=owed.due_date,
                report_id=report.pk if report is not None else None,
                sent_on=sent,
                order=order,
            )
        )
    ReportSlot.objects.bulk_create(rows, batch_size=1000)
