"""Background jobs through the real Redis at REDIS_URL (127.0.0.1:6379), run by a real worker.

A missing Redis server is a skip, or a failure with CI=true (see conftest.redis_url).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from phoihop.testing.topology import BASE_DIR, REDIS_BACKEND

pytestmark = pytest.mark.django_db(transaction=True)


def redis_settings(url: str) -> Any:
    return override_settings(
        TASKS={"default": {"BACKEND": REDIS_BACKEND, "QUEUES": ["default"]}},
        RQ_QUEUES={"default": {"URL": url, "DEFAULT_TIMEOUT": 60}},
    )


def run_burst_worker(url: str) -> subprocess.CompletedProcess[str]:
    """`manage.py rqworker --burst`: the deployment's worker command, stopping when the queue is empty."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="phoihop.settings", PHOIHOP_INSECURE_DEV_KEY="true", DEBUG="false",
        DATA_DIR=tempfile.mkdtemp(prefix="phoihop-worker-"), TASKS_BACKEND=REDIS_BACKEND, REDIS_URL=url,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def queued(url: str) -> int:
    import django_rq

    with override_settings(RQ_QUEUES={"default": {"URL": url}}):
        return int(django_rq.get_queue("default").count)


def test_a_job_enqueued_in_redis_is_done_by_the_worker(redis_url: str) -> None:
    from django_tasks import TaskResultStatus

    from phoihop.testing.tasks import echo

    with redis_settings(redis_url):
        result = echo.enqueue("xin chào")
        assert queued(redis_url) == 1
        worker = run_burst_worker(redis_url)
        assert worker.returncode == 0, worker.stdout + worker.stderr
        done = echo.get_result(result.id)
        assert done.status == TaskResultStatus.SUCCESSFUL, done.errors
        answer = done.return_value
        assert answer is not None and answer["value"] == "xin chào"
        assert answer["pid"] != os.getpid()  # run by the worker, not here
        assert queued(redis_url) == 0


def test_a_job_enqueued_in_a_transaction_reaches_redis_only_when_it_commits(redis_url: str) -> None:
    from phoihop.testing.tasks import echo

    with redis_settings(redis_url):
        with transaction.atomic():
            echo.enqueue("committed")
            assert queued(redis_url) == 0  # the worker must not run it before the rows exist
        assert queued(redis_url) == 1
        with pytest.raises(RuntimeError), transaction.atomic():
            echo.enqueue("rolled back")
            raise RuntimeError
        assert queued(redis_url) == 1  # a rolled back transaction queues nothing
