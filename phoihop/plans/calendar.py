"""Task deadlines in the calendar: a source registered with notifications (``apps.py``)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from phoihop.agreements.calendar import own_agreement_ids
from phoihop.notifications.calendar import CalendarItem, RowSource, choice_labels, url_for
from phoihop.plans.access import visible_tasks
from phoihop.plans.models import AnnualPlan, Task
from phoihop.plans.selectors import TaskStatus, status_of, task_done, task_started

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def _rows(user: AnyUser, start: datetime.date, end: datetime.date, own: bool) -> QuerySet[Task]:
    # Not in an archived plan: tested against the few archived plans' ids, not by joining every
    # task of the window to its plan.
    archived_plans = AnnualPlan.objects.filter(archived_at__isnull=False).values("pk")
    qs = (
        visible_tasks(user)
        .active()
        .filter(due__gte=start, due__lte=end, cancelled=False)
        .exclude(plan_id__in=archived_plans)
    )
    if own:
        qs = qs.filter(agreement_id__in=own_agreement_ids(user))
    return _shaped(qs)


def _load(ids: list[int]) -> QuerySet[Task]:
    return _shaped(Task.objects.filter(pk__in=ids))


def _shaped(qs: QuerySet[Task]) -> QuerySet[Task]:
    # Each task's status is read with it (done and started judged by the database), not by
    # loading the indicators and values of the tasks shown.
    qs = qs.annotate(done=task_done(), started=task_started())
    return qs.select_related("plan__agreement", "lead_organization").only(
        "id",
        "title",
        "due",
        "cancelled",
        "completed_on",
        "plan__year",
        "plan__agreement__number_symbol",
        "plan__agreement__title",
        "plan__agreement__kind",
        "lead_organization__name",
        "lead_organization__short_name",
    )


def _items(tasks: list[Any], today: datetime.date) -> list[CalendarItem]:
    url, labels = url_for("plans:task_detail"), choice_labels(TaskStatus.choices)
    items = []
    for t in tasks:
        assert t.due is not None  # filtered on due
        status = status_of(t, done=t.done, started=t.started, today=today)
        agreement = t.plan.agreement
        items.append(
            CalendarItem(
                date=t.due,
                kind="task",
                title=t.title,
                url=url(t.pk),
                detail=" · ".join(
                    p
                    for p in (
                        labels[status],
                        t.lead_organization.short_name or t.lead_organization.name,
                        f"{t.plan} — {agreement.number_symbol or agreement.title}",
                    )
                    if p
                ),
                uid=f"task-{t.pk}",
                late=status == TaskStatus.OVERDUE,
                order=(t.pk,),
            )
        )
    return items


TASKS = RowSource(
    kind="task", rows=_rows, date_field="due", items=_items, day_of=lambda t: t.due, load=_load
)
