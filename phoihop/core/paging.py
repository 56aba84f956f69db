"""Pages of a large list that choose their rows before they join.

A list page sorted and filtered over a province's rows, with its related records joined for
display, makes PostgreSQL join (and hash) every matching row with those records before it sorts
and keeps twenty. ``KeyedRows`` splits the two: the paginator's slice picks the primary keys by a
narrow query (its filter, its sort, its LIMIT and OFFSET), and only those rows are then loaded with
what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar, overload

from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.utils.functional import cached_property

M = TypeVar("M", bound=Model)


class KeyedRows(Generic[M]):
    """Rows for a ``Paginator``: ``count()`` counts ``keys``; a slice chooses its keys by a
    subquery in ``order`` and loads them through ``load`` (which adds ``select_related`` and
    the like), in the same order."""

    ordered = True  # the paginator's warning about unordered lists does not apply

    def __init__(
        self, keys: QuerySet[M], *, order: tuple[Any, ...], load: Callable[[QuerySet[M]], QuerySet[M]]
    ) -> None:
        self.keys = keys.order_by(*order)
        self.order = order
        self.load = load

    def count(self) -> int:
        return self.keys.count()

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> M: ...
    @overload
    def __getitem__(self, index: slice) -> list[M]: ...
    def __getitem__(self, index: int | slice) -> M | list[M]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        chosen = self.keys.values("pk")[index]
        model = self.keys.model
        return list(self.load(model._default_manager.filter(pk__in=chosen)).order_by(*self.order))

    def __iter__(self) -> Iterator[M]:
        return iter(self[:])


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` rows: past that, ``capped`` is true and the pages
    stop at the cap. A log of a nation's events is counted in milliseconds instead of read
    whole for a number nobody pages through (a narrower filter finds older rows)."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def found(self) -> int:
        """How many rows match, counting no further than one past the cap."""
        rows: Any = self.object_list  # a queryset (its count stops at the cap)
        return int(rows.order_by()[: self.cap + 1].count())

    @property
    def capped(self) -> bool:
        return self.found > self.cap

    @cached_property
    def count(self) -> int:
        return min(self.found, self.cap)
