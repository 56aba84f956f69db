"""The Redis task backend of a deployment with several app servers.

django-tasks-rq's backend pushes a job to Redis the moment it is enqueued. A job enqueued
inside a transaction would then run before the rows it reads are committed, or after they were
rolled back. This backend pushes it when the transaction commits (at once outside one), as the
database backend does by writing the job in the same transaction.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

import django_rq
from django.db import transaction
from django_tasks.base import TASK_MAX_PRIORITY, Task, TaskResult, TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks.utils import get_random_id
from django_tasks_rq import Job, RQBackend
from django_tasks_rq.backend import failed_callback, success_callback
from rq.job import Callback, JobStatus

logger = logging.getLogger(__name__)

T = TypeVar("T")


class RedisTaskBackend(RQBackend):
    """django-tasks-rq's backend, pushing each job when the surrounding transaction commits."""

    def enqueue(self, task: Task[Any, T], args: Any, kwargs: Any) -> TaskResult[T]:
        self.validate_task(task)
        result: TaskResult[T] = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

        def push() -> None:
            queue = django_rq.get_queue(task.queue_name, job_class=Job)
            job = queue.create_job(
                task.module_path,
                args=args,
                kwargs=kwargs,
                job_id=result.id,
                status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
                on_failure=Callback(failed_callback),
                on_success=Callback(success_callback),
                meta={"backend_name": self.alias},
            )
            if task.run_after is None:
                job = queue.enqueue_job(job, at_front=task.priority == TASK_MAX_PRIORITY)
            else:
                job = queue.schedule_job(job, task.run_after)
            object.__setattr__(result, "enqueued_at", job.enqueued_at)
            task_enqueued.send(type(self), task_result=result)

        if not transaction.get_connection().in_atomic_block:
            push()  # nothing to wait for; a Redis failure reaches the caller
            return result

        def push_after_commit() -> None:
            # The caller's work is committed: a Redis failure now is logged, not raised.
            try:
                push()
            except Exception:
                logger.exception("Could not queue task %s (%s) in Redis", task.module_path, result.id)

        transaction.on_commit(push_after_commit)
        return result
