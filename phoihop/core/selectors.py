"""Searching by words: the filter every list and the global search share, and one search section
ranked the Vietnamese way. Each app declares what it lets the global search find (``Searchable``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils.functional import Promise

from phoihop.vn.collation import sort_key
from phoihop.vn.text import exact_key, fold

SECTION_LIMIT = 20
SEARCH_CAP = 500  # candidates ranked per section; the count shown stops there

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

_M = TypeVar("_M", bound=Model)
_QS = TypeVar("_QS", bound=QuerySet[Model])
_T = TypeVar("_T")


# A period typed as a range: "2022 - 2025", "2022–2025", "2022-2025" (dashes are "-" once
# folded), or "2022 đến 2025" ("den" folded).
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|\bden\b)\s*((?:19|20)\d\d)(?!\d)")


def search_filter(query: str, model: type[Model] | None = None) -> Q:
    """Every word of the query, folded, appears in the record's folded names.

    A period typed as a range is one term, not two years and a dash: it matches the range
    written in the text with any spacing around the dash, or the record's own period when its
    model names the fields that hold it (``search_period = ("period_start", "period_end")``).
    A word without a letter or digit (a lone dash) is no condition."""
    condition = Q()
    folded = fold(query)
    period_fields = getattr(model, "search_period", None)
    for start, end in _YEAR_RANGE.findall(folded):
        # One pattern, not four LIKEs: pg_trgm's index serves a regular expression too, and beside
        # the period's own index the planner then ORs two bitmaps instead of reading the table.
        written = Q(search_text__regex=f"{start} ?- ?{end}")
        if period_fields:
            written |= Q(**{period_fields[0]: int(start), period_fields[1]: int(end)})
        condition &= written
    for word in _YEAR_RANGE.sub(" ", folded).split():
        if any(ch.isalnum() for ch in word):
            condition &= Q(search_text__contains=word)
    return condition


def rank(items: list[_T], query: str, label: str) -> list[_T]:
    """Exact-diacritic matches first, then Vietnamese alphabetical order."""
    wanted = exact_key(query)
    return sorted(
        items,
        key=lambda o: (wanted not in exact_key(getattr(o, label)), sort_key(getattr(o, label))),
    )


def filter_by_query(qs: _QS, query: str) -> _QS:
    query = (query or "").strip()
    return qs.filter(search_filter(query, qs.model)) if fold(query) else qs


@dataclass(frozen=True)
class Searchable:
    """One kind of record the global search finds, as its own app declares it (``<app>/search.py``):
    the records a user may see, the field they are ranked on, the partial that shows one of them
    (as ``record``), and the list page that searches them all, if any."""

    key: str
    title: str | Promise  # a lazy translation, read when the page is drawn
    records: Callable[[AnyUser], QuerySet[Model]]
    label: str
    template: str
    list_url: str = ""


def search_section(qs: QuerySet[_M], query: str, label: str) -> tuple[list[_M], int]:
    """The section's first rows in ranking order, and how many match (up to SEARCH_CAP).

    The candidates are ranked on their labels alone; only the rows shown are loaded whole, so a
    common word that matches hundreds of records in a province builds twenty objects, not 500.
    """
    candidates = list(
        qs.filter(search_filter(query, qs.model)).order_by().values_list("pk", label)[:SEARCH_CAP]
    )
    wanted = exact_key(query)
    candidates.sort(key=lambda row: (wanted not in exact_key(row[1]), sort_key(row[1])))
    shown = [pk for pk, _ in candidates[:SECTION_LIMIT]]
    by_pk = _loader(qs).in_bulk(shown)
    return [by_pk[pk] for pk in shown if pk in by_pk], len(candidates)


def _loader(qs: QuerySet[_M]) -> QuerySet[_M]:
    """``qs``'s joined rows and deferred fields (a ``Searchable`` declares no more), without its
    conditions: the ids it is asked for passed them in the query that chose them. (Asked again,
    a leader's visible people were computed twice.)"""
    loader = qs.model._default_manager.all()
    loader.query.select_related = qs.query.select_related
    loader.query.deferred_loading = qs.query.deferred_loading
    return loader
