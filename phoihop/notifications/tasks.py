"""Background jobs of notifications, run by the database worker (``manage.py run_worker``)."""

from __future__ import annotations

import datetime

from django_tasks import task

from phoihop.notifications.reminders import reminders_send


@task()
def send_reminders(today: str | None = None) -> dict[str, int]:
    """The day's reminders (``today`` as YYYY-MM-DD, else the local date). Safe to run often:
    a reminder already sent is not sent again."""
    day = datetime.date.fromisoformat(today) if today else None
    return reminders_send(today=day)
