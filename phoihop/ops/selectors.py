"""What a load balancer asks: is this process ready to serve requests?"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger("phoihop.ops")

DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"


class _Checked:
    # The code of a running process does not change: once its migrations are all applied they
    # stay applied (rolling back under a running site is not supported), so the migration
    # files are read and compared once, not at every probe.
    migrations_applied = False


def readiness_problems(*, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Why this process should not get traffic now; empty when it is ready.

    One query once the migrations have been seen applied (the oldest waiting background job,
    or SELECT 1); three before. The reasons are for the server's log, never for the answer to
    the load balancer.
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
        if tasks_checked():
            stalled = tasks_stalled()
            if stalled:
                problems.append(stalled)
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return [*problems, f"database unreachable: {type(exc).__name__}"]
    return problems


def tasks_checked() -> bool:
    return bool(settings.TASKS["default"]["BACKEND"] == DATABASE_TASKS_BACKEND)


def tasks_stalled() -> str:
    """A reason when background jobs wait far longer than the worker takes to start them.

    The database backend is checked for a job ready to run for more than
    TASK_STALL_MINUTES (the worker looks at the queue every few seconds: a job that old means
    no worker is running). The immediate backend runs jobs inside the request, so it cannot
    stall; other backends keep their queue outside the database and are not checked here.
    """
    if not tasks_checked():
        return ""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    cutoff = timezone.now() - datetime.timedelta(minutes=settings.TASK_STALL_MINUTES)
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff)
    )
    if waiting.exists():
        return f"a background job has waited more than {settings.TASK_STALL_MINUTES} minutes"
    return ""
