"""Reads of notifications and of the calendar: conferences, task deadlines, report due dates and
agreement end dates, each limited to what the user may see."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.accounts import access
from phoihop.accounts.access.notifications import visible_notifications
from phoihop.notifications.models import Notification
from phoihop.notifications.reminders import agreement_end_date

REPORT_DELAY_DAYS = 92
# Item kinds in the order a day lists them, with their label and Bootstrap colour.
ITEM_KINDS: dict[str, tuple[Any, str]] = {
    "event": (_("Hội nghị, sự kiện"), "primary"),
    "task": (_("Hạn nhiệm vụ"), "warning"),
    "report": (_("Hạn báo cáo định kỳ"), "info"),
    "agreement": (_("Hết thời hạn văn bản"), "danger"),
}


@dataclass
class CalendarItem:
    date: datetime.date
    kind: str
    title: str
    url: str
    detail: str = ""
    uid: str = ""
    late: bool = False

    @property
    def kind_label(self) -> Any:
        return ITEM_KINDS[self.kind][0]

    @property
    def colour(self) -> str:
        return ITEM_KINDS[self.kind][1]

    @property
    def sort_key(self) -> tuple[datetime.date, int, str]:
        return (self.date, list(ITEM_KINDS).index(self.kind), self.title)


def notification_list(*, user: Any) -> QuerySet[Notification]:
    """The user's notifications not cleared: unread first, newest first."""
    return (
        visible_notifications(user)
        .annotate(unread=Case(When(read_at__isnull=True, then=Value(1)), default=Value(0)))
        .order_by("-unread", "-created_at", "-id")
    )


def unread_count(*, user: Any) -> int:
    return visible_notifications(user).filter(read_at__isnull=True).count()


def _event_items(user: Any, start: datetime.date, end: datetime.date) -> list[CalendarItem]:
    events = (
        access.visible_events(user)
        .active()
        .filter(date__gte=start, date__lte=end)
        .select_related("host")
    )
    return [
        CalendarItem(
            date=e.date,
            kind="event",
            title=e.title,
            url=e.get_absolute_url(),
            detail=" · ".join(
                p for p in (str(e.get_kind_display()), e.time_of_day, e.place, e.host.short_name or e.host.name) if p
            ),
            uid=f"event-{e.pk}",
        )
        for e in events
    ]


def _task_items(
    user: Any, start: datetime.date, end: datetime.date, today: datetime.date
) -> list[CalendarItem]:
    from phoihop.plans.models import Task
    from phoihop.plans.selectors import TaskStatus, task_statuses

    tasks: list[Task] = list(
        access.visible_tasks(user)
        .active()
        .filter(due__gte=start, due__lte=end, cancelled=False, plan__archived_at__isnull=True)
        .select_related("plan__agreement", "lead_organization")
    )
    statuses = task_statuses(tasks, today=today)
    items = []
    for t in tasks:
        assert t.due is not None  # filtered on due
        status = statuses[t.pk]
        agreement = t.plan.agreement
        items.append(
            CalendarItem(
                date=t.due,
                kind="task",
                title=t.title,
                url=reverse("plans:task_detail", args=[t.pk]),
                detail=" · ".join(
                    p
                    for p in (
                        str(TaskStatus(status).label),
                        t.lead_organization.short_name or t.lead_organization.name,
                        f"{t.plan} — {agreement.number_symbol or agreement.title}",
                    )
                    if p
                ),
                uid=f"task-{t.pk}",
                late=status == TaskStatus.OVERDUE,
            )
        )
    return items


def _report_items(
    user: Any, start: datetime.date, end: datetime.date, today: datetime.date
) -> list[CalendarItem]:
    try:
        from phoihop.exchange.selectors import owed_reports
    except ImportError:
        return []
    visible = list(access.visible_agreements(user).values_list("pk", flat=True))
    if not visible:
        return []
    items = []
    # A period ending before ``start`` can fall due within it: look back a reporting delay.
    owed_list = owed_reports(
        today=today, agreement_ids=visible, start=start - datetime.timedelta(days=REPORT_DELAY_DAYS), end=end
    )
    for owed in owed_list:
        if not start <= owed.due_date <= end:
            continue
        org = owed.organization.short_name or owed.organization.name
        items.append(
            CalendarItem(
                date=owed.due_date,
                kind="report",
                title=f"{org} — {owed.period_label}",
                url=owed.agreement.get_absolute_url(),
                detail=owed.agreement.number_symbol or owed.agreement.title,
                uid=f"report-{owed.agreement.pk}-{owed.organization.pk}-{owed.period_start.isoformat()}",
                late=owed.state in ("late", "missing"),
            )
        )
    return items


def _agreement_items(user: Any, start: datetime.date, end: datetime.date) -> list[CalendarItem]:
    from phoihop.agreements.models import Agreement

    agreements = (
        access.visible_agreements(user)
        .active()
        .filter(period_end__gte=start.year, period_end__lte=end.year)
        .exclude(status__in=[Agreement.Status.DRAFT, Agreement.Status.TERMINATED])
    )
    items = []
    for a in agreements:
        last_day = agreement_end_date(a)
        if last_day is None or not start <= last_day <= end:
            continue
        items.append(
            CalendarItem(
                date=last_day,
                kind="agreement",
                title=a.number_symbol or a.title,
                url=a.get_absolute_url(),
                detail=f"{a.get_kind_display()} {a.title}" if a.number_symbol else str(a.get_kind_display()),
                uid=f"agreement-end-{a.pk}",
            )
        )
    return items


def calendar_items(
    *, user: Any, start: datetime.date, end: datetime.date, today: datetime.date
) -> list[CalendarItem]:
    """What falls between ``start`` and ``end`` (inclusive) for ``user``, in date order; the same
    number of queries whatever the number of items."""
    items = (
        _event_items(user, start, end)
        + _task_items(user, start, end, today)
        + _report_items(user, start, end, today)
        + _agreement_items(user, start, end)
    )
    return sorted(items, key=lambda i: i.sort_key)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    items: list[CalendarItem] = field(default_factory=list)


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    previous: datetime.date
    next: datetime.date
    count: int

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)


def month_grid(*, user: Any, year: int, month: int, today: datetime.date) -> Month:
    """The weeks (Monday first) covering a month, each day with its items."""
    weeks_dates = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start, end = weeks_dates[0][0], weeks_dates[-1][-1]
    by_day: dict[datetime.date, list[CalendarItem]] = {}
    items = calendar_items(user=user, start=start, end=end, today=today)
    for item in items:
        by_day.setdefault(item.date, []).append(item)
    weeks = [
        [Day(d, d.month == month, d == today, by_day.get(d, [])) for d in week] for week in weeks_dates
    ]
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    in_month = sum(1 for i in items if i.date.month == month and i.date.year == year)
    return Month(year, month, weeks, previous, following, in_month)
