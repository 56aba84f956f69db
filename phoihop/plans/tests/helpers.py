"""Helpers for plan and activity tests: setting targets, recording and approving activities.

Short positional forms of the builders in phoihop/testing/builders.py, kept for the many tests
that read with them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from phoihop.testing.builders import make_activity, make_indicator


def indicator(actor: Any, owner: Any, name: str, target: str, aggregation: str = "sum", unit: str = "session") -> Any:
    return make_indicator(actor=actor, owner=owner, name=name, unit=unit, target=target, aggregation=aggregation)


def record(
    actor: Any,
    task: Any,
    orgs: list[Any],
    *,
    day: datetime.date = datetime.date(2024, 3, 1),
    values: dict[Any, Any] | None = None,
    participants: int | None = None,
    title: str = "Tuyên truyền Luật Nghĩa vụ quân sự",
) -> Any:
    return make_activity(
        actor=actor, task=task, orgs=orgs, title=title, day=day, values=values,
        participants=participants, place_text="Hội trường phường 1",
    )


def approve(author: Any, approver: Any, activity: Any) -> Any:
    from phoihop.activities.services import activity_approve, activity_submit

    activity_submit(actor=author, activity=activity)
    return activity_approve(actor=approver, activity=activity)


def D(text: str) -> Decimal:
    return Decimal(text)
