"""Where a task's progress comes from: the work recorded against it, which plans do not know.

Plans keep the targets and their arithmetic (sum, latest, percent: see ``selectors``). Which
recorded values count (those of approved activities that are not archived) is the rule of the
app that records them, one layer up: activities registers its source here in its
``AppConfig.ready``, as the apps owning files register with attachments. Each read of the
source is one query whatever the number of tasks or indicators, so a plan table, a dashboard or
a reminder run costs what it did when plans read the activity tables themselves.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

# (indicator id, value, the activity's end date, when it was approved, the activity's id)
CountedValue = tuple[int, Decimal, datetime.date, datetime.datetime | None, int]


@dataclass(frozen=True)
class ProgressSource:
    # The values that count towards these indicators, in one query.
    counted_values: Callable[[list[int]], Iterable[CountedValue]]
    # Which of these tasks have work that counts (an approved activity), in one query.
    tasks_with_counted_work: Callable[[list[int]], set[int]]
    # The values that count towards one indicator (an id or an expression such as
    # ``OuterRef("pk")``), as an unordered queryset: for judging progress inside a query.
    values_counting_towards: Callable[[Any], QuerySet[Any]]
    # The work that counts for one task (an id or ``OuterRef("pk")``): for EXISTS in a query.
    work_counting_for: Callable[[Any], QuerySet[Any]]


_source: ProgressSource | None = None


def register_source(source: ProgressSource) -> None:
    global _source
    _source = source


def source() -> ProgressSource:
    if _source is None:
        raise ImproperlyConfigured(
            "No progress source registered (phoihop.activities registers it)."
        )
    return _source
