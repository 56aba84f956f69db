"""Reporting periods: calendar months, quarters, halves and years, with their Vietnamese labels."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Months in each period of a rhythm.
MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def label_for(rhythm: str, start: datetime.date) -> str:
    if rhythm == "monthly":
        return _("Tháng %(m)s/%(y)s") % {"m": start.month, "y": start.year}
    if rhythm == "quarterly":
        return _("Quý %(q)s/%(y)s") % {"q": ROMAN[(start.month - 1) // 3 + 1], "y": start.year}
    if rhythm == "half_yearly":
        if start.month <= 6:
            return _("6 tháng đầu năm %(y)s") % {"y": start.year}
        return _("6 tháng cuối năm %(y)s") % {"y": start.year}
    return _("Năm %(y)s") % {"y": start.year}


def period_containing(rhythm: str, day: datetime.date) -> Period:
    months = MONTHS[rhythm]
    first_month = (day.month - 1) // months * months + 1
    start = datetime.date(day.year, first_month, 1)
    end = _month_end(day.year, first_month + months - 1)
    return Period(start, end, label_for(rhythm, start))


def periods_overlapping(rhythm: str, start: datetime.date, end: datetime.date) -> Iterator[Period]:
    """The calendar periods of ``rhythm`` that overlap [start, end], oldest first. An ad hoc
    rhythm has no calendar periods."""
    if rhythm not in MONTHS or end < start:
        return
    period = period_containing(rhythm, start)
    while period.start <= end:
        yield period
        period = period_containing(rhythm, period.end + datetime.timedelta(days=1))


def adhoc_label(start: datetime.date, end: datetime.date) -> str:
    from phoihop.vn.dates import format_short

    return _("Đột xuất (%(start)s – %(end)s)") % {"start": format_short(start), "end": format_short(end)}
