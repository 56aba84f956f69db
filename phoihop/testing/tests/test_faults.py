"""The fault script, small: three trials of writes with gunicorn workers killed under them.

Runs in the PostgreSQL run of the suite (skipped on SQLite: the app servers are separate
processes that need a database server). A missing Redis is a skip, or a failure with CI=true.
The full run is ``python -m phoihop.testing.faults`` (``make faults``).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.db import connection

from phoihop.testing.faults import run_trials
from phoihop.testing.topology import Topology, database_url_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_killed_workers_leave_every_record_whole_and_no_number_doubled_or_skipped(
    redis_url: str, tmp_path: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the production topology runs on PostgreSQL (in the suite's PostgreSQL run)")
    lines: list[str] = []
    seed = int(os.getenv("FAULTS_SEED", "20250915"))
    with Topology(database_url_of(connection.settings_dict), redis_url=redis_url, media_root=tmp_path / "media",
                  log_dir=tmp_path / "logs") as top:
        violations = run_trials(top, 3, seed=seed, out=lines.append)
    assert violations == [], "\n".join(lines)
    assert sum("SIGKILL web worker" in line for line in lines) >= 3  # every trial killed at least one
