"""Shared fixtures: a small organisation tree, users of every role, and one agreement.

The tree:
    city_command (Bộ Tư lệnh)            <- superior body
      district_command (Ban CHQS Quận 4)  <- lead party of `agreement`
        ward_command (Ban CHQS Phường)    <- subordinate body
    district_board (Ban Tuyên giáo Quận ủy Quận 4)  <- co-operating party
    unrelated (Hội Nông dân xã khác)       <- no part in anything

Users: alice (officer of the lead party), bob (viewer of the lead party), leader (leader of
the lead party), coop_officer (officer of the co-operating party), superior (viewer of the
superior body), subordinate (officer of the subordinate body), charlie (officer of an
unrelated organisation), staff (system administrator).

They are made with the builders of phoihop/testing/builders.py (``make_org``, ``make_user``,
``make_agreement``, ``make_plan``, ``make_task``, ``make_indicator``, ``make_activity``), which a
test uses for whatever else it needs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

pytest_plugins = ["phoihop.testing.browser"]

# What opens the test database: the tests that ask for none of it answer the same on any database.
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """With ``PHOIHOP_TESTS=database`` (make test's PostgreSQL run) only the tests that use the
    database run: the others (Vietnamese text, document layout, form bounds: about 360) have
    just run in the SQLite run beside it, and running them twice proves nothing."""
    if os.environ.get("PHOIHOP_TESTS", "") != "database":
        return
    kept: list[Any] = []
    left: list[Any] = []
    for item in items:
        uses_database = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames)
        (kept if uses_database else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def pytest_unconfigure(config: Any) -> None:
    """Removes this run's own upload folder (settings_test makes one per process)."""
    import shutil
    import tempfile
    from pathlib import Path

    from django.conf import settings

    media = Path(settings.MEDIA_ROOT)
    if settings.configured and media.name.startswith("phoihop-test-media-") and media.parent == Path(tempfile.gettempdir()):
        shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def flush_tables_with_rows() -> Iterator[None]:
    """After a test on ``transactional_db``, only the tables that hold rows are emptied
    (phoihop/testing/flush.py)."""
    from phoihop.testing.flush import flush_tables_with_rows

    with flush_tables_with_rows():
        yield


@pytest.fixture
def orgs(db: Any) -> dict[str, Any]:
    from phoihop.testing.base_world import base_orgs

    return base_orgs()


@pytest.fixture
def users(orgs: dict[str, Any]) -> dict[str, Any]:
    from phoihop.testing.base_world import base_users

    return base_users(orgs)


@pytest.fixture
def agreement(orgs: dict[str, Any], users: dict[str, Any]) -> Any:
    from phoihop.testing.base_world import base_agreement

    return base_agreement(orgs, users)


@pytest.fixture
def loaded_demo(db: Any) -> Iterator[Any]:
    """The demo as loaded on 01/03/2026, for a test that reads it: loaded by the first such test
    of the run, written back row for row for the others (phoihop/testing/demo.py)."""
    from phoihop.testing.demo import DEMO_DAY, demo_loaded

    with demo_loaded(DEMO_DAY) as result:
        yield result


@pytest.fixture
def login(client: Any) -> Any:
    def do(user: Any) -> Any:
        client.force_login(user)
        return client

    return do
