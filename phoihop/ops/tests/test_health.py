"""/healthz and /readyz: short plain answers for load balancers, without signing in."""

from __future__ import annotations

import datetime
import os
import uuid
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_it_answers_healthz_without_the_database(client: Any) -> None:
    # No django_db mark: any query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture(autouse=True)
def unchecked() -> Any:
    """Every test starts as a new process would: migrations not yet seen applied."""
    from phoihop.ops.selectors import _Checked

    _Checked.migrations_applied = False
    yield
    _Checked.migrations_applied = False


@pytest.mark.django_db
def test_it_answers_readyz_when_ready_in_one_query(client: Any, settings: Any, django_assert_max_num_queries: Any) -> None:
    settings.TASKS = DB_TASKS
    with django_assert_max_num_queries(3):  # the tables, the applied migrations, the queue
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    with django_assert_max_num_queries(1):  # the queue; the migrations were seen applied
        assert client.get("/readyz").content == b"ok\n"


@pytest.mark.django_db
def test_it_is_not_ready_with_a_migration_not_applied(client: Any) -> None:
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    pending = graph.nodes[("orgs", "0001_initial")]
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=[(pending, False)]):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"not ready\n"


@pytest.mark.django_db
def test_it_is_not_ready_when_the_database_does_not_answer(client: Any) -> None:
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("no route to host 10.0.0.7")):
        response = client.get("/readyz")
    assert response.status_code == 503
    # Nothing about the cause reaches the caller.
    assert response.content == b"not ready\n"


@pytest.mark.django_db
def test_it_is_not_ready_when_background_jobs_stall(client: Any, settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_TASKS
    settings.TASK_STALL_MINUTES = 15
    job = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="phoihop.notifications.tasks.send_reminders",
        backend_name="default", run_after=datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC),
    )
    assert client.get("/readyz").status_code == 200, "a job just queued is not a stall"
    DBTaskResult.objects.filter(pk=job.pk).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=16))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"not ready\n"
    # Scheduled for later is not stalled; started is not waiting.
    DBTaskResult.objects.filter(pk=job.pk).update(run_after=timezone.now() + datetime.timedelta(hours=1))
    assert client.get("/readyz").status_code == 200
    DBTaskResult.objects.filter(pk=job.pk).update(
        run_after=timezone.now() - datetime.timedelta(minutes=20), status="RUNNING"
    )
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_it_does_not_check_the_queue_of_the_immediate_backend(client: Any, settings: Any, django_assert_max_num_queries: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_assert_max_num_queries(3):
        assert client.get("/readyz").status_code == 200
    with django_assert_max_num_queries(1):  # SELECT 1: the database answers
        assert client.get("/readyz").status_code == 200


@pytest.fixture
def redis_queue(settings: Any) -> Iterator[Any]:
    """The task backend on Redis, with a queue of this test's own on the real server."""
    import django_rq
    from redis.exceptions import ConnectionError as RedisConnectionError

    name = f"h_ops_{uuid.uuid4().hex[:8]}"
    settings.RQ_QUEUES = {**settings.RQ_QUEUES, name: {"URL": settings.REDIS_URL}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [name]}}
    queue = django_rq.get_queue(name)
    try:
        queue.connection.ping()
    except RedisConnectionError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no Redis at {settings.REDIS_URL} (with CI=true it must run)")
        pytest.skip(f"no Redis at {settings.REDIS_URL}")
    yield queue
    queue.delete(delete_jobs=True)


@pytest.mark.django_db
def test_it_is_not_ready_when_redis_jobs_stall(client: Any, settings: Any, redis_queue: Any) -> None:
    settings.TASK_STALL_MINUTES = 15
    from rq import Queue

    job = Queue(redis_queue.name, connection=redis_queue.connection).enqueue("phoihop.notifications.tasks.send_reminders")
    assert client.get("/readyz").status_code == 200, "a job just queued is not a stall"
    job.enqueued_at = timezone.now() - datetime.timedelta(minutes=16)
    job.save()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"not ready\n"


@pytest.mark.django_db
def test_it_is_not_ready_when_redis_does_not_answer(client: Any, settings: Any) -> None:
    settings.RQ_QUEUES = {**settings.RQ_QUEUES, "h_ops_nowhere": {"URL": "redis://127.0.0.1:1/0"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["h_ops_nowhere"]}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"not ready\n"


@pytest.mark.django_db
def test_it_answers_over_plain_http_when_other_pages_redirect_to_https(client: Any, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("core:home")).status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_it_answers_signed_in_users_and_refuses_post(client: Any, django_user_model: Any) -> None:
    client.force_login(django_user_model.objects.create_user("alice", password="x" * 12))
    assert client.get("/readyz").content == b"ok\n"
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405


def test_the_route_walk_knows_the_health_routes() -> None:
    from phoihop.core.tests.test_access_walk import routes, view_rule

    rules = {name: view_rule(pattern) for name, pattern in routes()}
    assert rules["ops:healthz"] == "public"
    assert rules["ops:readyz"] == "public"
    assert reverse("ops:healthz") == "/healthz"
    assert reverse("ops:readyz") == "/readyz"
