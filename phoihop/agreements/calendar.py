"""When an agreement ends."""

from __future__ import annotations

import datetime
from typing import Any


def agreement_end_date(agreement: Any) -> datetime.date | None:
    """The last day of an agreement: its own end date where it has one, else the last day of
    its period's final year."""
    valid_to = getattr(agreement, "valid_to", None)
    if isinstance(valid_to, datetime.date):
        return valid_to
    if agreement.period_end:
        return datetime.date(agreement.period_end, 12, 31)
    return None
