"""Two people editing the same task or indicator: the later save is refused, not lost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from phoihop.plans.models import Indicator, Task
from phoihop.plans.tests.helpers import indicator
from phoihop.testing.edits import check_concurrent_edit

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _task_data(task: Task, **overrides: Any) -> dict[str, Any]:
    data = {
        "number": str(task.number),
        "title": task.title,
        "content_area": str(task.content_area_id or ""),
        "lead_organization": str(task.lead_organization_id),
        "supporting_organizations": [str(pk) for pk in task.supporting_organizations.values_list("pk", flat=True)],
        "responsible_officer": "",
        "start": task.start.strftime("%d/%m/%Y") if task.start else "",
        "due": task.due.strftime("%d/%m/%Y") if task.due else "",
        "notes": task.notes,
    }
    return data | overrides


def test_it_refuses_the_second_of_two_task_edits_and_keeps_the_first_title(users: dict[str, Any], task: Task) -> None:
    def first_kept() -> None:
        assert Task.objects.get(pk=task.pk).title == "Tiêu đề do lãnh đạo sửa"

    check_concurrent_edit(
        _client(users["leader"]),
        _client(users["alice"]),
        reverse("plans:task_edit", args=[task.pk]),
        first_data=_task_data(task, title="Tiêu đề do lãnh đạo sửa"),
        second_data=_task_data(task, notes="Ghi chú cán bộ gõ"),
        first_kept=first_kept,
        second_typed="Ghi chú cán bộ gõ",
        changed_shown="Nội dung nhiệm vụ: «Tiêu đề do lãnh đạo sửa»",
    )
    saved = Task.objects.get(pk=task.pk)
    # The second save was made deliberately over the first: it is what the second person typed.
    assert (saved.notes, saved.title, saved.version) == ("Ghi chú cán bộ gõ", task.title, 3)


def test_it_refuses_the_second_of_two_indicator_edits(users: dict[str, Any], task: Task) -> None:
    target = indicator(users["alice"], task, "Buổi tuyên truyền", "12")
    data = {"indicator": str(target.pk), "name": "Buổi tuyên truyền", "unit": "session", "aggregation": "sum"}

    def first_kept() -> None:
        assert Indicator.objects.get(pk=target.pk).target == Decimal(20)

    check_concurrent_edit(
        _client(users["leader"]),
        _client(users["alice"]),
        reverse("plans:task_indicator_edit", args=[task.pk]),
        params={"indicator": target.pk},
        first_data=data | {"target": "20"},
        second_data=data | {"target": "15", "name": "Buổi tuyên truyền lưu động"},
        first_kept=first_kept,
        second_typed="Buổi tuyên truyền lưu động",
        changed_shown="«20»",
    )
    assert Indicator.objects.get(pk=target.pk).target == Decimal(15)
