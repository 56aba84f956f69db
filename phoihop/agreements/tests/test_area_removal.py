"""Removing a content area that plan tasks still belong to is refused with a form error naming
the tasks, and nothing is changed; an area no task holds is removed as before."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from phoihop.plans.services import plan_create

pytestmark = pytest.mark.django_db


def edit_data(agreement: Any, orgs: dict[str, Any], keep: list[Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": agreement.kind, "number_symbol": agreement.number_symbol, "title": agreement.title,
        "status": agreement.status, "period_start": agreement.period_start, "period_end": agreement.period_end,
        "signed_on": agreement.signed_on.strftime("%d/%m/%Y"), "version": str(agreement.version),
        "parties-TOTAL_FORMS": "2", "parties-INITIAL_FORMS": "2",
        "parties-0-organization": orgs["district"].pk, "parties-0-role": "lead",
        "parties-1-organization": orgs["board"].pk, "parties-1-role": "cooperating",
        "areas-TOTAL_FORMS": str(len(keep)), "areas-INITIAL_FORMS": str(len(keep)),
    }
    for i, area in enumerate(keep):
        data.update({f"areas-{i}-id": area.pk, f"areas-{i}-number": area.number, f"areas-{i}-title": area.title})
    return data


def test_it_refuses_to_remove_an_area_that_tasks_hold_and_names_them(login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    first, second = agreement.content_areas.order_by("number")
    task = plan.tasks.get(content_area=second)
    response = login(users["leader"]).post(reverse("agreements:edit", args=[agreement.pk]), edit_data(agreement, orgs, [first]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Không bỏ được nội dung phối hợp còn có nhiệm vụ trong kế hoạch" in body
    assert f"nhiệm vụ {task.number} «{task.title}» (kế hoạch năm 2024)" in body
    assert agreement.content_areas.count() == 2


def test_it_removes_an_area_no_task_holds(login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    first, _second = agreement.content_areas.order_by("number")
    response = login(users["leader"]).post(reverse("agreements:edit", args=[agreement.pk]), edit_data(agreement, orgs, [first]))
    assert response.status_code == 302
    assert list(agreement.content_areas.all()) == [first]
