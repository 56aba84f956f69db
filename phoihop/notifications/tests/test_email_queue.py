"""Notification e-mail goes through the task queue after the commit, with bounded retries; a
mail server that fails never fails the action that caused the notification."""

from __future__ import annotations

import smtplib
from typing import Any

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import reverse

from phoihop.activities.models import Activity
from phoihop.activities.services import activity_submit
from phoihop.notifications import services
from phoihop.notifications.models import Kind, Notification
from phoihop.plans.tests.helpers import record

FAILING = "phoihop.notifications.tests.test_email_queue.FailingBackend"
FLAKY = "phoihop.notifications.tests.test_email_queue.FlakyBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPException("451 mail server unavailable")


class FlakyBackend(BaseEmailBackend):
    """Refuses the first two messages, then delivers (to the test outbox)."""

    failures = 0

    def send_messages(self, email_messages: Any) -> int:
        if FlakyBackend.failures < 2:
            FlakyBackend.failures += 1
            raise smtplib.SMTPServerDisconnected("connection lost")
        from django.core import mail

        mail.outbox.extend(email_messages)
        return len(email_messages)


def wants_mail(user: Any, *kinds: str) -> None:
    user.email = f"{user.username}@example.org"
    user.save(update_fields=["email"])
    services.preferences_set(actor=user, by_email=dict.fromkeys(kinds, True))


@pytest.fixture
def dummy_queue(settings: Any) -> Any:
    """A task queue that only records what is enqueued."""
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend


@pytest.mark.django_db(transaction=True)
def test_it_submits_returns_and_approves_while_the_mail_server_fails(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], task: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = FAILING
    wants_mail(users["leader"], Kind.ACTIVITY_SUBMITTED)
    wants_mail(users["alice"], Kind.ACTIVITY_RETURNED)
    activity = record(users["alice"], task, [orgs["district"]])
    author, leader = login(users["alice"]), None

    response = author.post(reverse("activities:submit", args=[activity.pk]))
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).status == "submitted"

    leader = login(users["leader"])
    response = leader.post(reverse("activities:return", args=[activity.pk]), {"note": "Bổ sung ảnh"})
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).status == "returned"

    author = login(users["alice"])
    response = author.post(reverse("activities:edit", args=[activity.pk]), {
        "title": "Tuyên truyền Luật Nghĩa vụ quân sự", "organizations": [str(orgs["district"].pk)],
        "start_date": "01/03/2024", "action": "submit", "version": str(Activity.objects.get(pk=activity.pk).version),
    })
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).status == "submitted"

    leader = login(users["leader"])
    response = leader.post(reverse("activities:approve", args=[activity.pk]))
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).status == "approved"

    # Every notification is there, its e-mail tried the bounded number of times and the error kept.
    mails = Notification.objects.filter(emailed=True)
    assert mails.count() == 3
    for n in mails:
        assert n.email_sent_at is None and n.email_attempts == services.EMAIL_ATTEMPTS
        assert "SMTPException" in n.email_error


@pytest.mark.django_db(transaction=True)
def test_it_enqueues_the_mail_only_after_the_commit(users: dict[str, Any], orgs: dict[str, Any], task: Any, dummy_queue: Any) -> None:
    wants_mail(users["leader"], Kind.ACTIVITY_SUBMITTED)
    activity = record(users["alice"], task, [orgs["district"]])
    # A submission rolled back (the request failed after it) queues nothing.
    with pytest.raises(RuntimeError), transaction.atomic():
        activity_submit(actor=users["alice"], activity=activity)
        raise RuntimeError("the request failed after the submission")
    assert dummy_queue.results == []
    assert Activity.objects.get(pk=activity.pk).status == "draft" and not Notification.objects.exists()
    # A committed one queues the mail once the transaction has committed, not before.
    with transaction.atomic():
        activity_submit(actor=users["alice"], activity=activity)
        assert dummy_queue.results == []
    [job] = dummy_queue.results
    notification = Notification.objects.get(user=users["leader"])
    assert job.task.name == "send_notification_email" and job.args == [notification.pk, 1]


@pytest.mark.django_db(transaction=True)
def test_it_retries_a_failed_mail_later_and_then_sends_it_once(
    users: dict[str, Any], orgs: dict[str, Any], task: Any, settings: Any, dummy_queue: Any, mailoutbox: list[Any]
) -> None:
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.failures = 0
    wants_mail(users["leader"], Kind.ACTIVITY_SUBMITTED)
    activity_submit(actor=users["alice"], activity=record(users["alice"], task, [orgs["district"]]))
    notification = Notification.objects.get(user=users["leader"])

    # The worker runs what is queued; each failed try queues the next one, later.
    from phoihop.notifications.tasks import send_notification_email

    outcomes: list[str] = []
    while len(dummy_queue.results) > len(outcomes):
        job = dummy_queue.results[len(outcomes)]
        outcomes.append(send_notification_email.call(*job.args))
    assert outcomes == ["retry", "retry", "sent"]
    assert [job.task.run_after is not None for job in dummy_queue.results] == [False, True, True]
    first_retry = dummy_queue.results[1].task.run_after - dummy_queue.results[0].enqueued_at
    assert first_retry.total_seconds() >= services.EMAIL_RETRY_DELAYS[0] - 1
    notification.refresh_from_db()
    assert notification.email_sent_at is not None and notification.email_attempts == 3
    assert notification.email_error == ""
    assert [m.to for m in mailoutbox] == [["leader@example.org"]]
    # The same job run again (a worker that died before marking it done) sends nothing more.
    assert send_notification_email.call(notification.pk, 3) == "skipped"
    assert len(mailoutbox) == 1
