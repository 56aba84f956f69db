"""When an agreement ends, and its end in the calendar: a source registered with notifications
(``apps.py``)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from phoihop.agreements.access import visible_agreements
from phoihop.agreements.models import Agreement, Party
from phoihop.notifications.calendar import (
    KIND_ORDER,
    CalendarItem,
    Cursor,
    RowSource,
    choice_labels,
    own_org_ids,
    url_for,
)

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def agreement_end_date(agreement: Any) -> datetime.date | None:
    """The last day of an agreement: its own end date where it has one, else the last day of
    its period's final year."""
    valid_to = getattr(agreement, "valid_to", None)
    if isinstance(valid_to, datetime.date):
        return valid_to
    if agreement.period_end:
        return datetime.date(agreement.period_end, 12, 31)
    return None


def own_agreement_ids(user: AnyUser) -> QuerySet[Any]:
    """Agreement ids one of the user's own organisations is a party to (a subquery)."""
    return Party.objects.filter(organization_id__in=own_org_ids(user)).values("agreement_id")


def _end_years(start: datetime.date, end: datetime.date) -> list[int]:
    """The years whose last day (an agreement's end) falls within [start, end]."""
    return [y for y in range(start.year, end.year + 1) if start <= datetime.date(y, 12, 31) <= end]


def _rows(user: AnyUser, start: datetime.date, end: datetime.date, own: bool) -> QuerySet[Agreement]:
    qs = (
        visible_agreements(user)
        .active()
        .filter(period_end__in=_end_years(start, end))
        .exclude(status__in=[Agreement.Status.DRAFT, Agreement.Status.TERMINATED])
    )
    if own:
        qs = qs.filter(pk__in=own_agreement_ids(user))
    return _shaped(qs)


def _load(ids: list[int]) -> QuerySet[Agreement]:
    return _shaped(Agreement.objects.filter(pk__in=ids))


def _shaped(qs: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return qs.only("id", "kind", "number_symbol", "title", "period_end", "status")


def _after(cursor: Cursor | None) -> Q:
    """Agreements whose end comes after ``cursor``: their day is 31 December of ``period_end``."""
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


def _items(agreements: list[Any], today: datetime.date) -> list[CalendarItem]:
    url, kinds = url_for("agreements:detail"), choice_labels(Agreement.Kind.choices)
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


AGREEMENT_ENDS = RowSource(
    kind="agreement",
    rows=_rows,
    date_field="period_end",
    items=_items,
    day_of=agreement_end_date,
    after=_after,
    load=_load,
)
