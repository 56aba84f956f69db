"""Events in the calendar: a source registered with notifications (``apps.py``)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from phoihop.agreements.calendar import own_agreement_ids
from phoihop.events.access import visible_events
from phoihop.events.models import Event
from phoihop.notifications.calendar import (
    CalendarItem,
    RowSource,
    choice_labels,
    own_org_ids,
    url_for,
)

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def _rows(user: AnyUser, start: datetime.date, end: datetime.date, own: bool) -> QuerySet[Event]:
    qs = visible_events(user).active().filter(date__gte=start, date__lte=end)
    if own:
        mine = own_org_ids(user)
        qs = qs.filter(
            Q(host_id__in=mine)
            | Q(
                pk__in=Event.organizations.through.objects.filter(organization_id__in=mine).values(
                    "event_id"
                )
            )
            | Q(
                pk__in=Event.agreements.through.objects.filter(
                    agreement_id__in=own_agreement_ids(user)
                ).values("event_id")
            )
        )
    return _shaped(qs)


def _load(ids: list[int]) -> QuerySet[Event]:
    return _shaped(Event.objects.filter(pk__in=ids))


def _shaped(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("host").only(
        "id", "kind", "title", "date", "time_of_day", "place", "host__name", "host__short_name"
    )


def _items(events: list[Any], today: datetime.date) -> list[CalendarItem]:
    url, kinds = url_for("events:detail"), choice_labels(Event.Kind.choices)
    return [
        CalendarItem(
            date=e.date,
            kind="event",
            title=e.title,
            url=url(e.pk),
            detail=" · ".join(
                p
                for p in (
                    kinds.get(e.kind, e.kind),
                    e.time_of_day,
                    e.place,
                    e.host.short_name or e.host.name,
                )
                if p
            ),
            uid=f"event-{e.pk}",
            order=(e.pk,),
        )
        for e in events
    ]


EVENTS = RowSource(
    kind="event", rows=_rows, date_field="date", items=_items, day_of=lambda e: e.date, load=_load
)
