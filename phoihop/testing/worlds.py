"""A world built once and read by every test of a module (or class), each test starting from it
as it was built.

    @pytest.fixture(scope="module")
    def demo_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoResult]:
        with shared_world(django_db_blocker):
            yield demo_load(today=TODAY)

    @pytest.fixture
    def demo(demo_world: DemoResult, db: Any) -> DemoResult:
        return demo_world

The world is written inside a transaction that is rolled back when the module's last test has
run. Each test's own transaction (pytest-django's ``db``, as Django's ``TestCase``) nests in it
as a savepoint and is rolled back after the test, so what one test changes never reaches the
next: the pattern of ``TestCase.setUpTestData``, for pytest fixtures.

Two things to mind:

- From the first test that asks for the world to the end of the module, every test of the module
  sees it, asked or not; a test that needs an empty database goes to another module (or the
  world to a class-scoped fixture).
- Only tests on ``db``: a ``transactional_db`` test (``django_db(transaction=True)``, the live
  server of the browser tests) would commit and flush inside the world's transaction.

Objects the world returns are shared by the tests: a test that changes one in memory (not only
in the database) fetches its own copy first (``refresh_from_db`` or a new query).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction


@contextmanager
def shared_world(django_db_blocker: Any, *, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Opens the database to the block, inside a transaction that is always rolled back."""
    with django_db_blocker.unblock(), transaction.atomic(using=using):
        try:
            yield
        finally:
            transaction.set_rollback(True, using=using)
