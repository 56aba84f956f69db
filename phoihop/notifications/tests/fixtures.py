"""Fixtures of the notification tests: a fixed day, an annual plan in force and a draft activity of
the district command (on top of the plan fixtures, shared through conftest.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

TODAY = datetime.date(2024, 6, 10)


@pytest.fixture
def today() -> datetime.date:
    return TODAY


@pytest.fixture
def in_force_plan(plan: Any) -> Any:
    from phoihop.plans.models import AnnualPlan

    plan.status = AnnualPlan.Status.IN_FORCE
    plan.save(update_fields=["status"])
    return plan


@pytest.fixture
def draft_activity(users: dict[str, Any], orgs: dict[str, Any], task: Any) -> Any:
    from phoihop.testing.builders import make_activity

    return make_activity(
        actor=users["alice"], task=task, orgs=[orgs["district"]],
        title="Tuyên truyền Luật Nghĩa vụ quân sự", day=datetime.date(2024, 3, 1),
    )


def usernames(qs: Any) -> set[str]:
    return {n.user.username for n in qs.select_related("user")}
