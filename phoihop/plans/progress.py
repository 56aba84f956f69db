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

from django.core.exceptions import ImproperlyConfigured

# (indicator id, value, the activity's end date, when it was approved, the activity's id)
CountedValue = tuple[int, Decimal, datetime.date, datetime.datetime | None, int]


@dataclass(frozen=True)
class ProgressSource:
    # The values that count towards these indicators, in one query.
    counted_values: Callable[[list[int]], Iterable[CountedValue]]
    # Which of these tasks have work that counts (an approved activity), in one query.
    tasks_with_counted_work: Callable[[list[int]], set[int]]


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
