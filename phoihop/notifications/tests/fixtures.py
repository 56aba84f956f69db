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
    from phoihop.activities.services import activity_create

    return activity_create(
        actor=users["alice"],
        task=task,
        organizations=[orgs["district"]],
        fields={"title": "Tuyên truyền Luật Nghĩa vụ quân sự", "start_date": datetime.date(2024, 3, 1)},
    )


def usernames(qs: Any) -> set[str]:
    return {n.user.username for n in qs.select_related("user")}
