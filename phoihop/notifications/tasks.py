"""Background jobs of notifications, run by the database worker (``manage.py run_worker``)."""

from __future__ import annotations

import datetime

from django_tasks import task

from phoihop.notifications.reminders import reminders_send
from phoihop.notifications.services import notification_email_send


@task()
def send_reminders(today: str | None = None) -> dict[str, int]:
    """The day's reminders (``today`` as YYYY-MM-DD, else the local date). Safe to run often:
    a reminder already sent is not sent again."""
    day = datetime.date.fromisoformat(today) if today else None
    return reminders_send(today=day)


@task()
def send_notification_email(notification_id: int, attempt: int = 1) -> str:
    """One notification's e-mail. django-tasks does not retry: a failed try queues the next
    one itself, with a growing delay, up to ``EMAIL_ATTEMPTS`` tries; the row keeps the error."""
    return notification_email_send(notification_id=notification_id, attempt=attempt)
