"""Reads of notifications and of the calendar: conferences, task deadlines, report due dates and
agreement end dates, each limited to what the user may see."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.agreements import access as agreement_access
from phoihop.agreements.calendar import agreement_end_date
from phoihop.events import access as event_access
from phoihop.notifications.access import visible_notifications
from phoihop.notifications.models import Notification
from phoihop.orgs import access as org_access
from phoihop.plans import access as plan_access

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
    # Order within the kind on one day (ids): the agenda's cursor and a stable sort.
    order: tuple[int, ...] = ()

    @property
    def kind_label(self) -> Any:
        return ITEM_KINDS[self.kind][0]

    @property
    def colour(self) -> str:
        return ITEM_KINDS[self.kind][1]

    @property
    def sort_key(self) -> tuple[datetime.date, int, tuple[int, ...]]:
        return (self.date, list(ITEM_KINDS).index(self.kind), self.order)


def notification_list(*, user: Any) -> QuerySet[Notification]:
    """The user's notifications not cleared: unread first, newest first."""
    return (
        visible_notifications(user)
        .annotate(unread=Case(When(read_at__isnull=True, then=Value(1)), default=Value(0)))
        .order_by("-unread", "-created_at", "-id")
    )


def unread_count(*, user: Any) -> int:
    return visible_notifications(user).filter(read_at__isnull=True).count()


# --- what falls in a window ---------------------------------------------------------------------
#
# Events, task deadlines and agreement ends are rows: each source is a query bounded by the
# window and, where a page shows only part of it, by a LIMIT or a per-day rank. Report due dates
# are computed from reporting schedules (exchange.selectors.owed_reports); they are taken from
# the agreements the user's own organisations are parties to, never from a whole subtree: a
# report is an obligation of its party, and the superior body follows its subordinates'
# reporting on the dashboards and the schedule pages.

KIND_ORDER = {kind: n for n, kind in enumerate(ITEM_KINDS)}


@dataclass(frozen=True)
class Cursor:
    """Where an agenda page ends: the last item's date, kind and order within the kind."""

    date: datetime.date
    kind: int
    order: tuple[int, ...]

    def encode(self) -> str:
        return ".".join([self.date.isoformat(), str(self.kind), *(str(n) for n in self.order)])

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        try:
            day, kind, *order = (value or "").split(".")
            return cls(datetime.date.fromisoformat(day), int(kind), tuple(int(n) for n in order))
        except ValueError:
            return None

    def key(self) -> tuple[datetime.date, int, tuple[int, ...]]:
        return (self.date, self.kind, self.order)


def _own_org_ids(user: Any) -> list[int]:
    """The organisations the user is a member of (not those below them)."""
    return sorted(org_access.scope(user).roles)


def _own_agreements(user: Any) -> QuerySet[Any]:
    """Agreement ids one of the user's own organisations is a party to (a subquery)."""
    from phoihop.agreements.models import Party

    return Party.objects.filter(organization_id__in=_own_org_ids(user)).values("agreement_id")


def _events(user: Any, start: datetime.date, end: datetime.date, *, own: bool) -> QuerySet[Any]:
    from phoihop.events.models import Event

    qs = event_access.visible_events(user).active().filter(date__gte=start, date__lte=end)
    if own:
        mine = _own_org_ids(user)
        qs = qs.filter(
            Q(host_id__in=mine)
            | Q(pk__in=Event.organizations.through.objects.filter(organization_id__in=mine).values("event_id"))
            | Q(pk__in=Event.agreements.through.objects.filter(agreement_id__in=_own_agreements(user)).values("event_id"))
        )
    return qs.select_related("host").only(
        "id", "kind", "title", "date", "time_of_day", "place", "host__name", "host__short_name"
    )


def _tasks(user: Any, start: datetime.date, end: datetime.date, *, own: bool) -> QuerySet[Any]:
    qs = (
        plan_access.visible_tasks(user)
        .active()
        .filter(due__gte=start, due__lte=end, cancelled=False, plan__archived_at__isnull=True)
    )
    if own:
        qs = qs.filter(plan__agreement_id__in=_own_agreements(user))
    return qs.select_related("plan__agreement", "lead_organization").only(
        "id", "title", "due", "cancelled", "completed_on", "plan__year", "plan__agreement__number_symbol",
        "plan__agreement__title", "plan__agreement__kind", "lead_organization__name", "lead_organization__short_name",
    )


def _end_years(start: datetime.date, end: datetime.date) -> list[int]:
    """The years whose last day (an agreement's end) falls within [start, end]."""
    return [y for y in range(start.year, end.year + 1) if start <= datetime.date(y, 12, 31) <= end]


def _agreements(user: Any, start: datetime.date, end: datetime.date, *, own: bool) -> QuerySet[Any]:
    from phoihop.agreements.models import Agreement

    qs = (
        agreement_access.visible_agreements(user)
        .active()
        .filter(period_end__in=_end_years(start, end))
        .exclude(status__in=[Agreement.Status.DRAFT, Agreement.Status.TERMINATED])
    )
    if own:
        qs = qs.filter(pk__in=_own_agreements(user))
    return qs.only("id", "kind", "number_symbol", "title", "period_end", "status")


# A page lists hundreds of items: each URL and choice label is worked out once per request, not
# once per item (reverse() and translated choice labels cost about a millisecond each under load).
_SENTINEL = 2147483647


def _url_for(name: str) -> Callable[[int], str]:
    pattern = reverse(name, args=[_SENTINEL])
    return lambda pk: pattern.replace(str(_SENTINEL), str(pk))


def _labels(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _event_items(events: list[Any]) -> list[CalendarItem]:
    from phoihop.events.models import Event

    url, kinds = _url_for("events:detail"), _labels(Event.Kind.choices)
    return [
        CalendarItem(
            date=e.date,
            kind="event",
            title=e.title,
            url=url(e.pk),
            detail=" · ".join(
                p for p in (kinds.get(e.kind, e.kind), e.time_of_day, e.place, e.host.short_name or e.host.name) if p
            ),
            uid=f"event-{e.pk}",
            order=(e.pk,),
        )
        for e in events
    ]


def _task_items(tasks: list[Any], today: datetime.date) -> list[CalendarItem]:
    from phoihop.plans.selectors import TaskStatus, task_statuses

    statuses = task_statuses(tasks, today=today) if tasks else {}
    url, labels = _url_for("plans:task_detail"), _labels(TaskStatus.choices)
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


def _agreement_items(agreements: list[Any]) -> list[CalendarItem]:
    from phoihop.agreements.models import Agreement

    url, kinds = _url_for("agreements:detail"), _labels(Agreement.Kind.choices)
    items = []
    for a in agreements:
        last_day = agreement_end_date(a)
        if last_day is None:
            continue
        kind = kinds.get(a.kind, a.kind)
        items.append(
            CalendarItem(
                date=last_day,
                kind="agreement",
                title=a.number_symbol or a.title,
                url=url(a.pk),
                detail=f"{kind} {a.title}" if a.number_symbol else kind,
                uid=f"agreement-end-{a.pk}",
                order=(a.pk,),
            )
        )
    return items


def _report_items(
    user: Any, start: datetime.date, end: datetime.date, today: datetime.date
) -> list[CalendarItem]:
    """Report due dates in [start, end] under the agreements of the user's own organisations."""
    try:
        from phoihop.exchange.selectors import owed_reports
    except ImportError:
        return []
    # Listed once: visible and one of the user's own organisations is a party.
    own = list(agreement_access.visible_agreements(user).filter(pk__in=_own_agreements(user)).values_list("pk", flat=True))
    if not own:
        return []
    items = []
    url = _url_for("agreements:detail")
    # A period ending before ``start`` can fall due within it: look back a reporting delay.
    owed_list = owed_reports(
        today=today, agreement_ids=own, start=start - datetime.timedelta(days=REPORT_DELAY_DAYS), end=end
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
                url=url(owed.agreement.pk),
                detail=owed.agreement.number_symbol or owed.agreement.title,
                uid=f"report-{owed.agreement.pk}-{owed.organization.pk}-{owed.period_start.isoformat()}",
                late=owed.state in ("late", "missing"),
                order=(owed.agreement.pk, owed.organization.pk, owed.period_start.toordinal()),
            )
        )
    return items


def calendar_items(
    *,
    user: Any,
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

    def bounded(qs: QuerySet[Any], *order: str) -> list[Any]:
        qs = qs.order_by(*order)
        return list(qs[:limit] if limit is not None else qs)

    items = (
        _event_items(bounded(_events(user, start, end, own=own), "date", "pk"))
        + _task_items(bounded(_tasks(user, start, end, own=own), "due", "pk"), today)
        + _report_items(user, start, end, today)
        + _agreement_items(bounded(_agreements(user, start, end, own=own), "period_end", "pk"))
    )
    items.sort(key=lambda i: i.sort_key)
    return items[:limit] if limit is not None else items


# --- the agenda: a page of items after a cursor ------------------------------------------------


def _after(cursor: Cursor | None, kind: str, date_field: str) -> Q:
    """Rows of ``kind`` that come after ``cursor`` in (date, kind, id) order."""
    if cursor is None:
        return Q()
    here = KIND_ORDER[kind]
    later = Q(**{f"{date_field}__gt": cursor.date})
    if here < cursor.kind:
        return later
    if here > cursor.kind:
        return Q(**{f"{date_field}__gte": cursor.date})
    return later | Q(**{date_field: cursor.date, "pk__gt": cursor.order[0] if cursor.order else 0})


def _agreements_after(cursor: Cursor | None) -> Q:
    """The same for agreement ends, whose date is 31 December of ``period_end``."""
    if cursor is None:
        return Q()
    d = cursor.date
    last_day = d.month == 12 and d.day == 31
    later = Q(period_end__gt=d.year) if last_day else Q(period_end__gte=d.year)
    here = KIND_ORDER["agreement"]
    if here > cursor.kind:
        return Q(period_end__gte=d.year)
    if here < cursor.kind or not last_day:
        return later
    return later | Q(period_end=d.year, pk__gt=cursor.order[0] if cursor.order else 0)


@dataclass
class AgendaPage:
    items: list[CalendarItem]
    start: datetime.date
    end: datetime.date
    next: Cursor | None


def agenda_page(
    *, user: Any, start: datetime.date, end: datetime.date, today: datetime.date, after: Cursor | None, size: int
) -> AgendaPage:
    """Up to ``size`` items of [start, end] that come after ``after`` in (date, kind, id) order,
    and the cursor of the next page. Each source reads at most ``size + 1`` rows (keyset
    pagination: no count of the whole window)."""
    if after is not None and after.date > start:
        start_from = after.date
    else:
        start_from = start
    take = size + 1
    events = list(
        _events(user, start_from, end, own=False).filter(_after(after, "event", "date")).order_by("date", "pk")[:take]
    )
    tasks = list(
        _tasks(user, start_from, end, own=False).filter(_after(after, "task", "due")).order_by("due", "pk")[:take]
    )
    agreements = list(
        _agreements(user, start_from, end, own=False).filter(_agreements_after(after)).order_by("period_end", "pk")[:take]
    )
    reports = [
        r for r in _report_items(user, start_from, end, today) if after is None or r.sort_key > after.key()
    ]
    items = (
        _event_items(events)
        + _task_items(tasks, today)
        + sorted(reports, key=lambda i: i.sort_key)[:take]
        + _agreement_items(agreements)
    )
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


def _ranked(qs: QuerySet[Any], date_field: str, per_day: int) -> list[Any]:
    """At most ``per_day`` rows a day (lowest ids first), each with the day's total in ``day_total``."""
    return list(
        qs.annotate(
            day_rank=Window(RowNumber(), partition_by=[F(date_field)], order_by=[F("pk").asc()]),
            day_total=Window(Count("pk"), partition_by=[F(date_field)]),
        )
        .filter(day_rank__lte=per_day)
        .order_by(date_field, "pk")
    )


def month_grid(*, user: Any, year: int, month: int, today: datetime.date, per_day: int = 4) -> Month:
    """The weeks (Monday first) covering a month, each day with its first ``per_day`` items and
    the number of others (shown in full by the agenda of that day). A fixed number of queries;
    each source reads at most ``per_day`` rows a day."""
    weeks_dates = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start, end = weeks_dates[0][0], weeks_dates[-1][-1]
    totals: dict[datetime.date, int] = defaultdict(int)
    events = _ranked(_events(user, start, end, own=False), "date", per_day)
    tasks = _ranked(_tasks(user, start, end, own=False), "due", per_day)
    agreements = _ranked(_agreements(user, start, end, own=False), "period_end", per_day)
    items = _event_items(events) + _task_items(tasks, today) + _agreement_items(agreements)
    seen_day: set[tuple[str, datetime.date]] = set()
    for kind, rows, day_of in (
        ("event", events, lambda r: r.date),
        ("task", tasks, lambda r: r.due),
        ("agreement", agreements, lambda r: agreement_end_date(r)),
    ):
        for row in rows:
            day = day_of(row)
            if day is not None and (kind, day) not in seen_day:
                seen_day.add((kind, day))
                totals[day] += row.day_total
    reports = _report_items(user, start, end, today)
    for item in reports:
        totals[item.date] += 1
    items += reports
    by_day: dict[datetime.date, list[CalendarItem]] = defaultdict(list)
    for item in sorted(items, key=lambda i: i.sort_key):
        if len(by_day[item.date]) < per_day:
            by_day[item.date].append(item)
    weeks = [
        [
            Day(d, d.month == month, d == today, by_day.get(d, []), totals.get(d, 0) - len(by_day.get(d, [])))
            for d in week
        ]
        for week in weeks_dates
    ]
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    in_month = sum(n for d, n in totals.items() if d.month == month and d.year == year)
    return Month(year, month, weeks, previous, following, in_month)
