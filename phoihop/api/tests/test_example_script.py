"""examples/create_activity.py against a running server: it records an activity with a token,
sends it for approval and reads it back."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "examples" / "create_activity.py"


@pytest.mark.django_db(transaction=True)
def test_the_example_script_creates_submits_and_reads_back(
    live_server: Any, users: Any, agreement: Any, make_token: Any
) -> None:
    from phoihop.activities.models import Activity
    from phoihop.plans.services import plan_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    task = plan.tasks.get(number=1)
    env = {
        **os.environ,
        "PHOIHOP_URL": live_server.url,
        "PHOIHOP_TOKEN": make_token("alice", access="write"),
    }
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--task",
            str(task.pk),
            "--title",
            "Hội nghị tuyên truyền Luật Nghĩa vụ quân sự",
            "--date",
            datetime.date(2024, 5, 10).isoformat(),
            "--participants",
            "80",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Read back: Hội nghị tuyên truyền" in done.stdout
    activity = Activity.objects.get()
    assert activity.status == "submitted" and activity.participants == 80
    assert activity.submitted_by == users["alice"]


@pytest.mark.django_db(transaction=True)
def test_the_example_script_says_why_the_api_refused(
    live_server: Any, users: Any, agreement: Any, make_token: Any
) -> None:
    env = {
        **os.environ,
        "PHOIHOP_URL": live_server.url,
        "PHOIHOP_TOKEN": make_token("alice", access="read"),
    }
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--task", "1", "--title", "X", "--date", "2024-05-10"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "403 forbidden" in done.stderr and "read-only" in done.stderr
