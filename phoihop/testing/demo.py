"""The demo for tests that read it: loaded once a process for each day, written back after that.

Loading the demo runs every service it goes through (history, numbering, notifications): about
six seconds. Half a dozen test modules only read what it made, on the same day. The first of
them loads it and keeps a copy of every table (phoihop/testing/kept.py); each later one writes the
copy back, in a fraction of a second, into a database that is then exactly the one the load left:

    @pytest.fixture
    def demo(db: Any) -> Iterator[DemoResult]:
        with demo_loaded(datetime.date(2026, 3, 1)) as result:
            yield result

Only into an empty database, inside a transaction that is rolled back (pytest-django's ``db``,
or ``shared_world``): writing the copy back empties every table first, and nothing of that may
be committed. The clock stands at the day while the demo loads. A test of the loader itself
(what it creates, what a second load keeps) still calls ``demo_load``: what it finds after
``demo_on`` is what a load leaves, row for row (test_demo.py checks that).

A browser test needs the demo committed, for the live server: ``demo_committed()`` loads it (or
writes it back) in a transaction of its own, the first load's copy taken after its commit, with
what runs after a commit (the dashboards' summaries) done. Mail sent at that commit is not sent
again.

What is copied is the database, not the process: the content types (the demo adds some) are
written back with the rest, so ``demo_loaded`` empties their cache on the way in and on the way
out (before the rollback brings back the rows the cache would otherwise still point to).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from freezegun import freeze_time

from phoihop.demo.base import DemoResult
from phoihop.testing.kept import content_types_forgotten, kept, kept_committed

# The day most tests read the demo on (in the 2026–2029 period, its first plans made).
DEMO_DAY = datetime.date(2026, 3, 1)


@contextmanager
def demo_loaded(today: datetime.date) -> Iterator[DemoResult]:
    """``demo_on(today)``, the content type cache emptied before and after."""
    with content_types_forgotten():
        yield demo_on(today)


def demo_on(today: datetime.date) -> DemoResult:
    """The demo as ``demo_load(today=today)`` leaves it, the clock at ``today`` while it loads."""
    from phoihop.demo.loader import demo_load

    def load() -> DemoResult:
        with freeze_time(today):
            return demo_load(today=today)

    return kept(f"the demo on {today.isoformat()}", load)


def demo_committed() -> DemoResult:
    """The demo as ``demo_load()`` leaves it today, committed: for a test on ``transactional_db``
    (whose flush empties the tables again after it)."""
    from phoihop.demo.loader import demo_load

    return kept_committed(committed_name(), demo_load)


def committed_name() -> str:
    """The name the committed demo of today is kept under."""
    from django.utils import timezone

    return f"the demo committed on {timezone.localdate().isoformat()}"
