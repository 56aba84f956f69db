"""Reads of notifications and of the calendar: conferences, task deadlines, report due dates and
agreement end dates, each limited to what the user may see. The calendar's items come from the
sources the owning apps register (``notifications.calendar``)."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Case, Count, F, Model, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from phoihop.notifications.access import visible_notifications
from phoihop.notifications.calendar import (
    KIND_ORDER,
    CalendarItem,
    ComputedSource,
    Cursor,
    calendar_sources,
)
from phoihop.notifications.models import Notification

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

_M = TypeVar("_M", bound=Model)


def notification_list(*, user: AnyUser) -> QuerySet[Notification]:
    """The user's notifications not cleared: unread first, newest first."""
    return (
        visible_notifications(user)
        .annotate(unread=Case(When(read_at__isnull=True, then=Value(1)), default=Value(0)))
        .order_by("-unread", "-created_at", "-id")
    )


def unread_count(*, user: AnyUser) -> int:
    return visible_notifications(user).filter(read_at__isnull=True).count()


# --- what falls in a window ---------------------------------------------------------------------
#
# Events, task deadlines and agreement ends are rows: each source is a query bounded by the
# window and, where a page shows only part of it, by a LIMIT or a per-day rank. Report due dates
# are computed from reporting schedules; they are taken from the agreements the user's own
# organisations are parties to, never from a whole subtree.


def calendar_items(
    *,
    user: AnyUser,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    own: bool = False,
    limit: int | None = None,
) -> list[CalendarItem]:
    """What falls between ``start`` and ``end`` (inclusive) for ``user``, in date order, in a
    fixed number of queries. With ``own``, only what concerns the user's own organisations
    (events they host or attend, and the tasks, reports and ends of the agreements they are
    parties to); otherwise everything the user may see, report deadlines excepted (always their
    own). With ``limit``, the first ``limit`` items: each source reads at most that many rows."""
    items: list[CalendarItem] = []
    for source in calendar_sources():
        if isinstance(source, ComputedSource):
            items += source.items(user, start, end, today)
            continue
        qs = source.rows(user, start, end, own).order_by(source.date_field, "pk")
        items += source.items(list(qs[:limit] if limit is not None else qs), today)
    items.sort(key=lambda i: i.sort_key)
    return items[:limit] if limit is not None else items


# --- the agenda: a page of items after a cursor ------------------------------------------------


@dataclass
class AgendaPage:
    items: list[CalendarItem]
    start: datetime.date
    end: datetime.date
    next: Cursor | None


def agenda_page(
    *,
    user: AnyUser,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    after: Cursor | None,
    size: int,
) -> AgendaPage:
    """Up to ``size`` items of [start, end] that come after ``after`` in (date, kind, id) order,
    and the cursor of the next page. Each source reads at most ``size + 1`` rows (keyset
    pagination: no count of the whole window)."""
    if after is not None and after.date > start:
        start_from = after.date
    else:
        start_from = start
    take = size + 1
    items: list[CalendarItem] = []
    for source in calendar_sources():
        if isinstance(source, ComputedSource):
            computed = [
                i
                for i in source.items(user, start_from, end, today)
                if after is None or i.sort_key > after.key()
            ]
            items += sorted(computed, key=lambda i: i.sort_key)[:take]
            continue
        rows = list(
            source.rows(user, start_from, end, False)
            .filter(source.rows_after(after))
            .order_by(source.date_field, "pk")[:take]
        )
        items += source.items(rows, today)
    items.sort(key=lambda i: i.sort_key)
    shown = items[:size]
    following = None
    if len(items) > size:
        last = shown[-1]
        following = Cursor(last.date, KIND_ORDER[last.kind], last.order)
    return AgendaPage(shown, start, end, following)


# --- the month grid: a few items a day, and how many more -------------------------------------


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    items: list[CalendarItem] = field(default_factory=list)
    more: int = 0


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


def _ranked(
    qs: QuerySet[_M],
    date_field: str,
    per_day: int,
    load: Callable[[list[int]], QuerySet[_M]] | None = None,
) -> list[_M]:
    """At most ``per_day`` rows a day (lowest ids first), each with the day's total in ``day_total``.

    Two queries: the rows are ranked on their keys alone (day and id), then the chosen ones are
    loaded with what the items show (by ``load`` where the source has one: the access rule is
    not computed a second time). Ranked whole, a nation's month of deadlines (25,000 tasks
    joined to their plans, agreements and bodies) was sorted on disk to keep a few a day."""
    chosen = dict(
        qs.annotate(
            day_rank=Window(RowNumber(), partition_by=[F(date_field)], order_by=[F("pk").asc()]),
            day_total=Window(Count("pk"), partition_by=[F(date_field)]),
        )
        .filter(day_rank__lte=per_day)
        .order_by()
        .values_list("pk", "day_total")
    )
    if not chosen:
        return []
    loaded = load(list(chosen)) if load is not None else qs.filter(pk__in=list(chosen))
    rows = list(loaded.order_by(date_field, "pk"))
    for row in rows:
        setattr(row, "day_total", chosen[row.pk])  # noqa: B010 - an attribute the model does not declare
    return rows


def month_grid(
    *, user: AnyUser, year: int, month: int, today: datetime.date, per_day: int = 4
) -> Month:
    """The weeks (Monday first) covering a month, each day with its first ``per_day`` items and
    the number of others (shown in full by the agenda of that day). A fixed number of queries;
    each source reads at most ``per_day`` rows a day."""
    weeks_dates = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start, end = weeks_dates[0][0], weeks_dates[-1][-1]
    totals: dict[datetime.date, int] = defaultdict(int)
    items: list[CalendarItem] = []
    for source in calendar_sources():
        if isinstance(source, ComputedSource):
            computed = source.items(user, start, end, today)
            for item in computed:
                totals[item.date] += 1
            items += computed
            continue
        rows = _ranked(source.rows(user, start, end, False), source.date_field, per_day, source.load)
        items += source.items(rows, today)
        # Each row carries its day's total; a day is counted once.
        seen_day: set[datetime.date] = set()
        for row in rows:
            day = source.day_of(row)
            if day is not None and day not in seen_day:
                seen_day.add(day)
                totals[day] += row.day_total
    by_day: dict[datetime.date, list[CalendarItem]] = defaultdict(list)
    for item in sorted(items, key=lambda i: i.sort_key):
        if len(by_day[item.date]) < per_day:
            by_day[item.date].append(item)
    weeks = [
        [
            Day(
                d,
                d.month == month,
                d == today,
                by_day.get(d, []),
                totals.get(d, 0) - len(by_day.get(d, [])),
            )
            for d in week
        ]
        for week in weeks_dates
    ]
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    in_month = sum(n for d, n in totals.items() if d.month == month and d.year == year)
    return Month(year, month, weeks, previous, following, in_month)
