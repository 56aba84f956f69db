"""Fixtures for exchange tests: a quarterly schedule, report and inspection helpers."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from phoihop.plans.tests.conftest import board_leader, plan, task  # noqa: F401  (shared fixtures)

D = datetime.date


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    from django.utils import timezone

    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def quarterly(agreement: Any, users: dict[str, Any]) -> Any:
    from phoihop.exchange.services import schedule_set

    return schedule_set(actor=users["alice"], agreement=agreement, rhythm="quarterly", due_days=10)


def make_report(user: Any, agreement: Any, org: Any, start: datetime.date, end: datetime.date, *, submit_on: datetime.date | None = None, label: str = "Kỳ") -> Any:
    from phoihop.exchange.services import report_create, report_submit

    report = report_create(
        actor=user, agreement=agreement, organization=org, rhythm=agreement.reporting_schedule.rhythm,
        period_start=start, period_end=end, period_label=label, due_date=end + datetime.timedelta(days=10),
        title=f"Báo cáo {label}", body="Kết quả thực hiện trong kỳ.",
    )
    if submit_on is not None:
        report_submit(actor=user, report=report, at=at(submit_on))
    return report


@pytest.fixture
def inspection(agreement: Any, users: dict[str, Any], orgs: dict[str, Any]) -> Any:
    from phoihop.exchange.services import inspection_create

    return inspection_create(
        actor=users["coop_officer"], agreement=agreement, kind="inspection", title="Kiểm tra việc thực hiện chương trình năm 2024",
        date=D(2024, 11, 20), inspecting=[orgs["board"]], inspected=[orgs["district"]],
        scope_text="Công tác tuyên truyền quốc phòng", findings="Thực hiện cơ bản đầy đủ.",
    )
