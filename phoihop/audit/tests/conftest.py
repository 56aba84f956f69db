"""Fixtures for the audit tests: the request-keeping middleware switched on, an org admin."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from phoihop.orgs.models import Membership
from phoihop.testing.builders import make_activity, make_plan, make_user

AUDIT_MIDDLEWARE = "phoihop.audit.middleware.AuditRequestMiddleware"


@pytest.fixture(autouse=True)
def audit_middleware(settings: Any) -> None:
    """Until the lead adds it to settings.MIDDLEWARE: right after AuthenticationMiddleware."""
    if AUDIT_MIDDLEWARE not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        at = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
        middleware.insert(at, AUDIT_MIDDLEWARE)
        settings.MIDDLEWARE = middleware


@pytest.fixture
def district_admin(orgs: dict[str, Any]) -> Any:
    return make_user("district_admin", org=orgs["district"], role=Membership.Role.ADMIN)


@pytest.fixture
def submitted_activity(agreement: Any, users: dict[str, Any], orgs: dict[str, Any]) -> Any:
    plan = make_plan(actor=users["alice"], agreement=agreement, year=2024)
    return make_activity(
        actor=users["alice"], task=plan.tasks.get(number=1), orgs=[orgs["district"]],
        title="Tuyên truyền Luật Nghĩa vụ quân sự", day=datetime.date(2024, 3, 1), status="submitted",
    )
