"""Demo notifications: the reminders the demo record calls for on the loading day, and one demo
leader's choice to get submissions by e-mail.

Submitting and returning the demo activities (demo/plans.py) has already notified their
approvers and authors; the reminder run adds overdue and due tasks, reports, agreements near their
end and long-waiting submissions. Its keys make a second run send nothing new.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_noop

from phoihop.notifications.models import Kind, Notification, NotificationPreference
from phoihop.notifications.reminders import reminders_send

LABELS = {
    "notifications": gettext_noop("thông báo nhắc việc"),
    "notification_preferences": gettext_noop("tùy chọn nhận thông báo"),
}

# The keys of the reminder job's notifications (see reminders.py).
REMINDER_KEYS = ("task-", "report-", "agreement-ending-", "activity-waiting:")
REMINDER_KINDS = (
    Kind.TASK_OVERDUE, Kind.TASK_DUE_SOON, Kind.REPORT_DUE, Kind.REPORT_LATE, Kind.AGREEMENT_ENDING,
    Kind.ACTIVITY_SUBMITTED,
)
EMAIL_CHOICES = (("chqs.q4.lanhdao", Kind.ACTIVITY_SUBMITTED), ("chqs.q4.canbo", Kind.ACTIVITY_RETURNED))


def load(*, orgs: dict[str, Any], agreements: dict[str, Any], result: Any, today: datetime.date) -> None:
    reminders = Q()
    for prefix in REMINDER_KEYS:
        reminders |= Q(key__startswith=prefix)
    # Other news shares some key prefixes ("report-" of a report sent): count the reminders only.
    reminders &= Q(kind__in=REMINDER_KINDS)
    before = Notification.objects.filter(reminders).count()
    sent = sum(reminders_send(today=today).values())
    if sent:
        result.created["notifications"] += sent
    if before:
        result.kept["notifications"] += before
    _mark_settled_read(today)
    User = get_user_model()
    for username, kind in EMAIL_CHOICES:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        _pref, created = NotificationPreference.objects.get_or_create(
            user=user, kind=kind, defaults={"by_email": True}
        )
        (result.created if created else result.kept)["notification_preferences"] += 1


def _mark_settled_read(today: datetime.date) -> None:
    """Show the demo as a user who keeps up: news of submissions already approved and of returns
    already corrected is read; what still waits stays unread."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from phoihop.activities.models import Activity

    settled = Activity.objects.exclude(status=Activity.Status.SUBMITTED).values("pk")
    returned_open = Activity.objects.filter(status=Activity.Status.RETURNED).values("pk")
    Notification.objects.filter(
        read_at__isnull=True,
        content_type=ContentType.objects.get_for_model(Activity),
    ).filter(
        Q(kind=Kind.ACTIVITY_SUBMITTED, object_id__in=settled)
        | Q(kind=Kind.ACTIVITY_RETURNED) & ~Q(object_id__in=returned_open)
    ).update(read_at=timezone.now())
