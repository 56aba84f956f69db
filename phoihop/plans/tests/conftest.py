"""Fixtures for plan and activity tests: a 2024 plan made from the agreement's content areas."""

from __future__ import annotations

from typing import Any

import pytest

from phoihop.orgs.models import Membership


@pytest.fixture
def board_leader(orgs: dict[str, Any], django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user(username="board_leader", password="matkhau-123")
    Membership.objects.create(user=user, organization=orgs["board"], role=Membership.Role.LEADER)
    return user


@pytest.fixture
def plan(agreement: Any, users: dict[str, Any]) -> Any:
    from phoihop.plans.services import plan_create

    return plan_create(actor=users["alice"], agreement=agreement, year=2024)


@pytest.fixture
def task(plan: Any) -> Any:
    """Task 1: led by the district command, supported by the board."""
    return plan.tasks.get(number=1)
