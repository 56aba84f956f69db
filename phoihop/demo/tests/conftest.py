"""The demo as loaded on 01/03/2026, once per module that asks for it (``demo``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from phoihop.demo.base import DemoResult
from phoihop.testing.demo import DEMO_DAY, demo_loaded
from phoihop.testing.worlds import shared_world

TODAY = DEMO_DAY


@pytest.fixture(scope="module")
def demo_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoResult]:
    """Loading the demo takes seconds: a module's tests share one load (testing/worlds.py), and
    the modules after the first one of the run its copy (testing/demo.py)."""
    with shared_world(django_db_blocker), demo_loaded(TODAY) as loaded:
        yield loaded


@pytest.fixture
def demo(demo_world: DemoResult, db: Any) -> DemoResult:
    """The demo loaded on TODAY; what a test changes in it is undone after the test."""
    return demo_world
