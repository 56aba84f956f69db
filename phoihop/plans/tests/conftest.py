"""Fixtures for plan and activity tests: a 2024 plan made from the agreement's content areas."""

from __future__ import annotations

from typing import Any

import pytest

from phoihop.orgs.models import Membership
from phoihop.testing.builders import make_plan, make_user


@pytest.fixture
def board_leader(orgs: dict[str, Any]) -> Any:
    return make_user("board_leader", org=orgs["board"], role=Membership.Role.LEADER)


@pytest.fixture
def plan(agreement: Any, users: dict[str, Any]) -> Any:
    return make_plan(actor=users["alice"], agreement=agreement, year=2024)


@pytest.fixture
def task(plan: Any) -> Any:
    """Task 1: led by the district command, supported by the board."""
    return plan.tasks.get(number=1)
