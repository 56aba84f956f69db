"""What the calendar is made of: its kinds of item, the item, the agenda's cursor, and the sources
that fill it.

Notifications know no domain app. Each app whose records fall on a day (events, task deadlines,
report due dates, agreement ends) registers, in its ``AppConfig.ready``, a source of items of one
of the calendar's kinds: the selectors of notifications ask the sources, in the kinds' order.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.orgs import access as org_access

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

# Item kinds in the order a day lists them, with their label and Bootstrap colour.
ITEM_KINDS: dict[str, tuple[Any, str]] = {
    "event": (_("Hội nghị, sự kiện"), "primary"),
    "task": (_("Hạn nhiệm vụ"), "warning"),
    "report": (_("Hạn báo cáo định kỳ"), "info"),
    "agreement": (_("Hết thời hạn văn bản"), "danger"),
}
KIND_ORDER = {kind: n for n, kind in enumerate(ITEM_KINDS)}


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


def rows_after(cursor: Cursor | None, kind: str, date_field: str) -> Q:
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


@dataclass(frozen=True)
class RowSource:
    """Items that are rows of a table, one a row: the selectors bound, rank and page them in the
    database by ``date_field`` and the row's id.

    ``rows(user, start, end, own)`` is what falls in [start, end] that the user may see (with
    ``own``, only what concerns the user's own organisations); ``items(rows, today)`` makes
    the items; ``day_of(row)`` is the row's day in the calendar; ``after(cursor)`` the rows after
    an agenda's cursor, where the day is not ``date_field`` itself; ``load(ids)`` the rows of
    those ids as ``rows`` gives them, without its conditions (the ids passed them already)."""

    kind: str
    rows: Callable[[Any, datetime.date, datetime.date, bool], QuerySet[Any]]
    date_field: str
    items: Callable[[list[Any], datetime.date], list[CalendarItem]]
    day_of: Callable[[Any], datetime.date | None]
    after: Callable[[Cursor | None], Q] | None = None
    load: Callable[[list[int]], QuerySet[Any]] | None = None

    def rows_after(self, cursor: Cursor | None) -> Q:
        return (
            self.after(cursor)
            if self.after is not None
            else rows_after(cursor, self.kind, self.date_field)
        )


@dataclass(frozen=True)
class ComputedSource:
    """Items worked out rather than read as rows: ``items(user, start, end, today)`` is all of
    [start, end], always for the user's own organisations."""

    kind: str
    items: Callable[[Any, datetime.date, datetime.date, datetime.date], list[CalendarItem]]


Source = RowSource | ComputedSource

_sources: dict[str, Source] = {}


def register_calendar_source(source: Source) -> None:
    """Fill the calendar's items of ``source.kind`` (one of ``ITEM_KINDS``) from ``source``."""
    if source.kind not in ITEM_KINDS:
        raise ValueError(f"unknown calendar item kind: {source.kind}")
    _sources[source.kind] = source


def calendar_sources() -> list[Source]:
    """The registered sources in the order a day lists their kinds."""
    return [_sources[kind] for kind in ITEM_KINDS if kind in _sources]


# --- helpers of the sources -------------------------------------------------------------------


def own_org_ids(user: AnyUser) -> list[int]:
    """The organisations the user is a member of (not those below them)."""
    return sorted(org_access.scope(user).roles)


# A page lists hundreds of items: each URL and choice label is worked out once per request, not
# once per item (reverse() and translated choice labels cost about a millisecond each under load).
_SENTINEL = 2147483647


def url_for(name: str) -> Callable[[int], str]:
    """The URL of ``name`` for a record's id, reversed once."""
    pattern = reverse(name, args=[_SENTINEL])
    return lambda pk: pattern.replace(str(_SENTINEL), str(pk))


def choice_labels(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices}
