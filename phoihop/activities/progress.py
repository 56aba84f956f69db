"""What counts towards a task's progress: the values and tasks of approved activities that are
not archived. Registered with plans (``plans.progress``) in ``ActivitiesConfig.ready``; plans
do the arithmetic of targets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from phoihop.activities.models import Activity, IndicatorValue
from phoihop.plans.progress import CountedValue, ProgressSource

# The rule: a value counts when its activity is approved and not archived.
COUNTS = Q(activity__status=Activity.Status.APPROVED, activity__archived_at__isnull=True)


def values_counting_towards(indicator: Any) -> QuerySet[IndicatorValue]:
    """The values that count towards ``indicator`` (an id or an expression such as
    ``OuterRef("pk")``), unordered: for subqueries that judge progress in the database."""
    return IndicatorValue.objects.filter(COUNTS, indicator_id=indicator).order_by()


def work_counting_for(task: Any) -> QuerySet[Activity]:
    """The approved activities of ``task`` that are not archived (an id or an expression)."""
    return Activity.objects.filter(task_id=task, status=Activity.Status.APPROVED, archived_at__isnull=True).order_by()


def counted_values(indicator_ids: list[int]) -> Iterable[CountedValue]:
    """The values that count towards these indicators, in one query."""
    # No model ordering: it would join and sort the whole indicator table for nothing.
    return (
        IndicatorValue.objects.filter(COUNTS, indicator_id__in=indicator_ids)
        .order_by()
        .values_list(
            "indicator_id", "value", "activity__end_date", "activity__approved_at", "activity_id"
        )
    )


def tasks_with_counted_work(task_ids: list[int]) -> set[int]:
    """The tasks among these with an approved activity that is not archived, in one query."""
    return set(
        Activity.objects.filter(
            task_id__in=task_ids, status=Activity.Status.APPROVED, archived_at__isnull=True
        )
        .order_by()
        .values_list("task_id", flat=True)
        .distinct()
    )


SOURCE = ProgressSource(
    counted_values=counted_values,
    tasks_with_counted_work=tasks_with_counted_work,
    values_counting_towards=values_counting_towards,
    work_counting_for=work_counting_for,
)
