"""The demo as loaded on 01/03/2026, once per module that asks for it (``demo``)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from freezegun import freeze_time

from phoihop.demo.base import DemoResult
from phoihop.demo.loader import demo_load
from phoihop.testing.worlds import shared_world

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture(scope="module")
def demo_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoResult]:
    """Loading the demo takes seconds: a module's tests share one load (testing/worlds.py)."""
    with shared_world(django_db_blocker):
        with freeze_time(TODAY):
            loaded = demo_load(today=TODAY)
        yield loaded


@pytest.fixture
def demo(demo_world: DemoResult, db: Any) -> DemoResult:
    """The demo loaded on TODAY; what a test changes in it is undone after the test."""
    return demo_world
