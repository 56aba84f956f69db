"""The worker command: queues the reminders and runs them through the database queue."""

from __future__ import annotations

import datetime
import signal
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from phoihop.notifications.models import Kind, Notification

SIGNALS = [s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGQUIT", None)) if s is not None]


@pytest.fixture
def keep_signal_handlers() -> Iterator[None]:
    """The database worker installs its own handlers; give pytest its own back."""
    saved = {s: signal.getsignal(s) for s in SIGNALS}
    yield
    for s, handler in saved.items():
        signal.signal(s, handler)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_run_worker_queues_the_reminders_and_runs_them(agreement: Any, in_force_plan: Any, task: Any, keep_signal_handlers: None) -> None:
    from django_tasks_db.models import DBTaskResult

    type(task).objects.filter(pk=task.pk).update(due=timezone.localdate() + datetime.timedelta(days=2))
    call_command("run_worker", "--once", verbosity=0)
    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL" and result.task_path == "phoihop.notifications.tasks.send_reminders"
    assert set(Notification.objects.filter(kind=Kind.TASK_DUE_SOON).values_list("user__username", flat=True)) == {"alice", "leader"}
    call_command("run_worker", "--once", verbosity=0)
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert Notification.objects.filter(kind=Kind.TASK_DUE_SOON).count() == 2  # sent once
