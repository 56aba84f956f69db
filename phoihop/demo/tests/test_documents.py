"""The demo register: each demo plan gets its number once."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest

from phoihop.demo import documents as demo
from phoihop.demo.base import ADMIN_USERNAME, DemoResult
from phoihop.documents.models import IssuedNumber


@pytest.fixture
def plan(agreement: Any, users: dict[str, Any]) -> Any:
    from phoihop.plans.services import plan_create

    return plan_create(actor=users["alice"], agreement=agreement, year=2024)


def test_it_numbers_the_demo_plans_once(plan: Any, django_user_model: Any) -> None:
    django_user_model.objects.create_user(username=ADMIN_USERNAME, password="x", is_staff=True, is_superuser=True)
    first = DemoResult(created=Counter(), kept=Counter())
    demo.load(orgs={}, agreements={"q4": plan.agreement}, result=first, today=datetime.date(2024, 11, 1))
    assert first.created["issued_numbers"] == 1
    entry = IssuedNumber.objects.get()
    assert (entry.symbol, entry.issued_on, entry.record) == ("01/KH-BCHQS-BTGQU", datetime.date(2024, 1, 10), plan)
    again = DemoResult(created=Counter(), kept=Counter())
    demo.load(orgs={}, agreements={"q4": plan.agreement}, result=again, today=datetime.date(2024, 11, 1))
    assert again.created["issued_numbers"] == 0 and again.kept["issued_numbers"] == 1
    assert set(demo.LABELS) == {"issued_numbers"}
