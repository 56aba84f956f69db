"""Fixtures for the audit tests: the request-keeping middleware switched on, an org admin."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from phoihop.orgs.models import Membership

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
def district_admin(orgs: dict[str, Any], django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user(username="district_admin", password="matkhau-123")
    Membership.objects.create(user=user, organization=orgs["district"], role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def submitted_activity(agreement: Any, users: dict[str, Any], orgs: dict[str, Any]) -> Any:
    from phoihop.activities.services import activity_create, activity_submit
    from phoihop.plans.services import plan_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    task = plan.tasks.get(number=1)
    activity = activity_create(
        actor=users["alice"], task=task, organizations=[orgs["district"]],
        fields={"title": "Tuyên truyền Luật Nghĩa vụ quân sự", "start_date": datetime.date(2024, 3, 1)},
    )
    return activity_submit(actor=users["alice"], activity=activity)
