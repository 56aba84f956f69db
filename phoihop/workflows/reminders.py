"""The day's reminders, each a scan of a domain app's records: tasks due within a week and
overdue, periodic reports due and late, agreements ending in 90 and in 30 days, submissions
waiting for approval. Registered with notifications' reminder job (``apps.py``), in this order.

Recipients are the users the rule names who may also see the record (its app's access rules).
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.activities.access import activity_approvers
from phoihop.activities.models import Activity
from phoihop.agreements.access import visible_agreements
from phoihop.agreements.calendar import agreement_end_date
from phoihop.agreements.models import Agreement
from phoihop.notifications.access import users_seeing
from phoihop.notifications.models import Kind
from phoihop.notifications.reminders import Members
from phoihop.notifications.services import notify
from phoihop.orgs.models import Membership
from phoihop.plans.access import visible_tasks
from phoihop.plans.models import AnnualPlan, Task
from phoihop.plans.selectors import TaskStatus, task_statuses
from phoihop.vn.dates import format_short

DUE_SOON_DAYS = 7
AGREEMENT_NOTICE_DAYS = (90, 30)
REPORT_LOOKBACK_DAYS = 92
WAITING_DAYS = 3  # a submission waiting this long is reminded (the submission itself notified)


def task_reminders(today: datetime.date, members: Members) -> Counter[str]:
    sent: Counter[str] = Counter()
    tasks = list(
        Task.objects.active()
        .filter(
            due__isnull=False,
            due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
            cancelled=False,
            completed_on__isnull=True,
            plan__archived_at__isnull=True,
            plan__agreement__archived_at__isnull=True,
        )
        .exclude(plan__status=AnnualPlan.Status.CLOSED)
        .select_related("plan__agreement", "lead_organization")
        .order_by("due", "pk")
    )
    statuses = task_statuses(tasks, today=today)
    for task in tasks:
        if statuses[task.pk] in (TaskStatus.DONE, TaskStatus.CANCELLED):
            continue
        # The responsible officer is an official's record, not an account: the lead
        # organisation's officers, leaders and admins are told.
        recipients = users_seeing(
            members(task.lead_organization_id, Membership.Role.OFFICER), task, visible_tasks
        )
        assert task.due is not None  # filtered on due
        args = {"task": task.title, "due": format_short(task.due), "plan": str(task.plan)}
        if task.due < today:
            kind, prefix = Kind.TASK_OVERDUE, "task-overdue"
            title = _("Nhiệm vụ quá hạn: %(task)s") % args
            body = (
                _("Nhiệm vụ “%(task)s” (%(plan)s) có hạn hoàn thành %(due)s nhưng chưa hoàn thành.")
                % args
            )
        else:
            kind, prefix = Kind.TASK_DUE_SOON, "task-due"
            title = _("Nhiệm vụ sắp đến hạn: %(task)s") % args
            body = _("Nhiệm vụ “%(task)s” (%(plan)s) có hạn hoàn thành %(due)s.") % args
        sent[kind] += notify(
            users=recipients,
            kind=kind,
            title=title,
            body=body,
            url=reverse("plans:task_detail", args=[task.pk]),
            key=f"{prefix}:{task.pk}:{task.due.isoformat()}",
            obj=task,
        )
    return sent


def report_reminders(today: datetime.date, members: Members) -> Counter[str]:
    sent: Counter[str] = Counter()
    try:
        from phoihop.exchange.selectors import owed_reports
    except ImportError:  # the report exchange is not installed in this deployment
        return sent
    # Periods of the last quarter or so: a report missing for years is a matter for the review,
    # not a reminder, and the first run after installing must not flood every officer.
    start = today - datetime.timedelta(days=REPORT_LOOKBACK_DAYS)
    for owed in owed_reports(today=today, start=start):
        if owed.state not in ("due", "missing") or owed.due_date < start:
            continue
        recipients = users_seeing(
            members(owed.organization.pk, Membership.Role.OFFICER),
            owed.agreement,
            visible_agreements,
        )
        args = {
            "period": owed.period_label,
            "agreement": owed.agreement.number_symbol or owed.agreement.title,
            "due": format_short(owed.due_date),
            "org": owed.organization.short_name or owed.organization.name,
        }
        if owed.state == "due":
            kind, prefix = Kind.REPORT_DUE, "report-due"
            title = _("Sắp đến hạn báo cáo — %(period)s: %(agreement)s") % args
            body = (
                _(
                    "%(org)s cần gửi báo cáo kỳ “%(period)s” theo văn bản “%(agreement)s”, hạn %(due)s."
                )
                % args
            )
        else:
            kind, prefix = Kind.REPORT_LATE, "report-late"
            title = _("Chưa gửi báo cáo — %(period)s: %(agreement)s") % args
            body = (
                _(
                    "Báo cáo kỳ “%(period)s” của %(org)s theo văn bản “%(agreement)s” đã quá hạn (%(due)s) mà chưa gửi."
                )
                % args
            )
        sent[kind] += notify(
            users=recipients,
            kind=kind,
            title=title,
            body=body,
            url=owed.agreement.get_absolute_url(),
            key=f"{prefix}:{owed.agreement.pk}:{owed.organization.pk}:{owed.period_start.isoformat()}",
            obj=owed.agreement,
        )
    return sent


def agreement_reminders(today: datetime.date, members: Members) -> Counter[str]:
    sent: Counter[str] = Counter()
    horizon = today + datetime.timedelta(days=max(AGREEMENT_NOTICE_DAYS))
    agreements = (
        Agreement.objects.active()
        .filter(
            status=Agreement.Status.IN_FORCE,
            period_end__gte=today.year,
            period_end__lte=horizon.year,
        )
        .prefetch_related("parties")
        .order_by("pk")
    )
    for agreement in agreements:
        end = agreement_end_date(agreement)
        if end is None or not today <= end <= horizon:
            continue
        days = (end - today).days
        # The nearest notice only: a program first seen 20 days before its end gets one reminder.
        notice = min(d for d in AGREEMENT_NOTICE_DAYS if days <= d)
        users: dict[int, Any] = {}
        for party in agreement.parties.all():
            for user in members(party.organization_id, Membership.Role.VIEWER):
                users[user.pk] = user
        args = {
            "agreement": agreement.number_symbol or agreement.title,
            "title": agreement.title,
            "end": format_short(end),
            "days": days,
        }
        sent[Kind.AGREEMENT_ENDING] += notify(
            users=users_seeing(users.values(), agreement, visible_agreements),
            kind=Kind.AGREEMENT_ENDING,
            title=_("Văn bản phối hợp sắp hết thời hạn: %(agreement)s") % args,
            body=_(
                "“%(title)s” hết thời hạn ngày %(end)s (còn %(days)s ngày). Chuẩn bị tổng kết và ký văn bản giai đoạn sau."
            )
            % args,
            url=agreement.get_absolute_url(),
            key=f"agreement-ending-{notice}:{agreement.pk}:{end.isoformat()}",
            obj=agreement,
        )
    return sent


def waiting_reminders(today: datetime.date, members: Members) -> Counter[str]:
    sent: Counter[str] = Counter()
    cutoff = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=WAITING_DAYS), datetime.time.max)
    )
    waiting = (
        Activity.objects.active()
        .filter(status=Activity.Status.SUBMITTED, submitted_at__lte=cutoff)
        .prefetch_related("organizations")
        .order_by("submitted_at", "pk")
    )
    for activity in waiting:
        since = timezone.localdate(activity.submitted_at)
        args = {"title": activity.title, "since": format_short(since), "days": (today - since).days}
        sent[Kind.ACTIVITY_SUBMITTED] += notify(
            users=activity_approvers(activity),
            kind=Kind.ACTIVITY_SUBMITTED,
            title=_("Hoạt động vẫn chờ duyệt: %(title)s") % args,
            body=_(
                "Hoạt động “%(title)s” được gửi duyệt từ %(since)s (%(days)s ngày) mà chưa được duyệt hoặc trả lại."
            )
            % args,
            url=reverse("activities:detail", args=[activity.pk]),
            key=f"activity-waiting:{activity.pk}:{activity.submitted_at:%Y%m%d%H%M%S%f}",
            obj=activity,
        )
    return sent
