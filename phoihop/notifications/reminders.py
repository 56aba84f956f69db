"""The reminders computed for a day, sent by the job the worker runs every hour.

Notifications know no domain app: what is reminded of (tasks due and overdue, periodic reports
due and late, agreements ending, submissions waiting for approval) is found by steps registered
from above, in an ``AppConfig.ready`` (``workflows`` registers the day's scans of the domain apps);
each step sends its reminders with ``notify``.
Each reminder carries a key naming its record and the date it is about, so running the job
again sends nothing new, and a moved due date is reminded afresh.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from phoihop.notifications.access import members_of

logger = logging.getLogger(__name__)


class Members:
    """Organisation members by minimum role, each list read once per run."""

    def __init__(self) -> None:
        self.cache: dict[tuple[int, str], list[Any]] = {}

    def __call__(self, org_id: int, min_role: str) -> list[Any]:
        key = (org_id, min_role)
        if key not in self.cache:
            self.cache[key] = list(members_of([org_id], min_role=min_role))
        return self.cache[key]


ReminderStep = Callable[[datetime.date, Members], Counter[str]]

_steps: list[ReminderStep] = []


def register_reminders(*steps: ReminderStep) -> None:
    """Run ``steps``, in this order after those registered before, in each day's reminders."""
    _steps.extend(step for step in steps if step not in _steps)


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send the day's reminders; return how many new notifications of each kind went out."""
    today = today or timezone.localdate()
    members = Members()
    sent: Counter[str] = Counter()
    with translation.override(settings.LANGUAGE_CODE):
        for step in _steps:
            with transaction.atomic():
                sent.update(step(today, members))
    counts = {str(kind): n for kind, n in sent.items() if n}
    logger.debug("reminders for %s: %s", today.isoformat(), counts)
    return counts
