"""What a load balancer asks: is this process ready to serve requests?"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("phoihop.ops")


class _Checked:
    # The code of a running process does not change: once its migrations are all applied they
    # stay applied (rolling back under a running site is not supported), so the migration
    # files are read and compared once, not at every probe.
    migrations_applied = False


def readiness_problems(*, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Why this process should not get traffic now; empty when it is ready.

    One query once the migrations have been seen applied (the oldest waiting job of the
    database queue, or SELECT 1); three before. The reasons are for the server's log, never for
    the answer to the load balancer.
    """
    connection = connections[using]
    problems = []
    try:
        connection.ensure_connection()
        if not _Checked.migrations_applied:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if plan:
                problems.append(f"{len(plan)} migration(s) not applied")
            _Checked.migrations_applied = not plan
        if not issubclass(_task_backend_class(), _database_backend()):
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")  # the queue is elsewhere: ask the database itself
        stalled = tasks_stalled()
    except DatabaseError as exc:
        return [*problems, f"database unreachable: {type(exc).__name__}"]
    return [*problems, stalled] if stalled else problems


def _task_backend_class() -> type:
    return import_string(settings.TASKS["default"]["BACKEND"])  # type: ignore[no-any-return]


def _database_backend() -> type:
    from django_tasks_db.backend import DatabaseBackend

    return DatabaseBackend


def tasks_stalled() -> str:
    """A reason when background jobs wait far longer than the worker takes to start them.

    A job ready to run for more than TASK_STALL_MINUTES means no worker is taking jobs (the
    workers look at the queue every few seconds). Checked for the database backend (one query)
    and the Redis backend (the oldest job of each queue). The immediate backend runs jobs
    inside the request, so it cannot stall; another backend is not checked.
    """
    backend = _task_backend_class()
    cutoff = timezone.now() - datetime.timedelta(minutes=settings.TASK_STALL_MINUTES)
    reason = f"a background job has waited more than {settings.TASK_STALL_MINUTES} minutes"
    if issubclass(backend, _database_backend()):
        from django_tasks_db.compat import TaskResultStatus
        from django_tasks_db.models import DBTaskResult, get_date_max

        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
            Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff)
        )
        return reason if waiting.exists() else ""
    try:
        from django_tasks_rq import RQBackend
    except ImportError:  # pragma: no cover - installed with the project
        return ""
    if issubclass(backend, RQBackend):
        return reason if _redis_oldest_job_before(cutoff) else ""
    return ""


def _redis_oldest_job_before(cutoff: datetime.datetime) -> bool:
    """Whether the next job of a Redis queue was queued before ``cutoff``. A Redis that does not
    answer is a stalled queue too."""
    import django_rq
    from redis.exceptions import RedisError

    for name in settings.TASKS["default"].get("QUEUES") or ["default"]:
        try:
            jobs = django_rq.get_queue(name).get_jobs(0, 1)
        except RedisError:
            return True
        queued = jobs[0].enqueued_at if jobs else None
        if queued is not None:
            if timezone.is_naive(queued):  # rq keeps UTC times
                queued = queued.replace(tzinfo=datetime.UTC)
            if queued < cutoff:
                return True
    return False
