"""The planner settings phoihop puts on its own PostgreSQL connections (phoihop.core.db), and the
refusal of a bad value for them."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def current(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return str(cursor.fetchone()[0])


def test_it_sets_the_planner_on_each_new_postgresql_connection(settings: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner; SQLite has none of these settings")
    assert current("jit") == "off"
    assert float(current("random_page_cost")) == pytest.approx(1.1)

    settings.DATABASE_RANDOM_PAGE_COST = "2.5"
    settings.DATABASE_JIT = True
    with connection.cursor() as cursor:
        cursor.execute("RESET ALL")
    jit_of_server = current("jit")
    from phoihop.core.db import set_postgresql_planner

    set_postgresql_planner(sender=None, connection=connection)
    assert float(current("random_page_cost")) == pytest.approx(2.5)
    assert current("jit") == jit_of_server  # the server's own, left alone

    settings.DATABASE_RANDOM_PAGE_COST = ""
    settings.DATABASE_JIT = False
    with connection.cursor() as cursor:
        cursor.execute("RESET ALL")
    cost_of_server = current("random_page_cost")
    set_postgresql_planner(sender=None, connection=connection)
    assert current("random_page_cost") == cost_of_server
    assert current("jit") == "off"


@pytest.mark.parametrize(
    ("value", "accepted"), [("1.1", True), ("", True), ("fast", False), ("-1", False), ("0", False)]
)
def test_it_refuses_a_random_page_cost_that_is_not_a_positive_number(
    value: str, accepted: bool
) -> None:
    env = {**os.environ, "DATABASE_RANDOM_PAGE_COST": value, "DEBUG": "true"}
    result = subprocess.run(
        [sys.executable, "-c", "import phoihop.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode == 0) is accepted, result.stderr
    if not accepted:
        assert "DATABASE_RANDOM_PAGE_COST must be a positive number" in result.stderr
