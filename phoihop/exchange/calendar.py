"""Report due dates in the calendar: a source registered with notifications (``apps.py``)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from phoihop.agreements.access import visible_agreements
from phoihop.agreements.calendar import own_agreement_ids
from phoihop.exchange.selectors import owed_reports
from phoihop.notifications.calendar import CalendarItem, ComputedSource, url_for

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

REPORT_DELAY_DAYS = 92


def _items(
    user: AnyUser, start: datetime.date, end: datetime.date, today: datetime.date
) -> list[CalendarItem]:
    """Report due dates in [start, end] under the agreements of the user's own organisations.

    Computed from the reporting schedules (``owed_reports``), never from a whole subtree: a
    report is an obligation of its party, and the superior body follows its subordinates'
    reporting on the dashboards and the schedule pages."""
    # Listed once: visible and one of the user's own organisations is a party.
    own = list(
        visible_agreements(user).filter(pk__in=own_agreement_ids(user)).values_list("pk", flat=True)
    )
    if not own:
        return []
    items = []
    url = url_for("agreements:detail")
    # A period ending before ``start`` can fall due within it: look back a reporting delay.
    owed_list = owed_reports(
        today=today,
        agreement_ids=own,
        start=start - datetime.timedelta(days=REPORT_DELAY_DAYS),
        end=end,
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


REPORTS = ComputedSource(kind="report", items=_items)
