"""Helpers for plan and activity tests: setting targets, recording and approving activities."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any


def indicator(actor: Any, owner: Any, name: str, target: str, aggregation: str = "sum", unit: str = "session") -> Any:
    from phoihop.plans.services import indicator_set

    return indicator_set(actor=actor, owner=owner, name=name, unit=unit, target=target, aggregation=aggregation)


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
    from phoihop.activities.services import activity_create

    return activity_create(
        actor=actor,
        task=task,
        fields={"title": title, "start_date": day, "participants": participants, "place_text": "Hội trường phường 1"},
        organizations=orgs,
        values=values or {},
    )


def approve(author: Any, approver: Any, activity: Any) -> Any:
    from phoihop.activities.services import activity_approve, activity_submit

    activity_submit(actor=author, activity=activity)
    return activity_approve(actor=approver, activity=activity)


def D(text: str) -> Decimal:
    return Decimal(text)
