"""An annual plan's tasks and indicators brought in from Excel."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from phoihop.imports.models import ImportBatch
from phoihop.imports.services import import_confirm, import_upload
from phoihop.imports.tests.workbook_files import upload
from phoihop.plans.models import AnnualPlan


@pytest.fixture
def plan(agreement: Any, users: dict[str, Any]) -> AnnualPlan:
    from phoihop.plans.services import plan_create

    return plan_create(actor=users["alice"], agreement=agreement, year=2024)


def workbook(
    plan: AnnualPlan, tasks: Sequence[Sequence[Any]], indicators: Sequence[Sequence[Any]] = ()
) -> bytes:
    from openpyxl import load_workbook

    from phoihop.imports import annual_plan

    wb = load_workbook(io.BytesIO(annual_plan.template(plan)))
    for sheet, rows in (("Nhiệm vụ", tasks), ("Chỉ tiêu", indicators)):
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=1):
                wb[sheet].cell(row=r, column=c, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def errors(batch: ImportBatch) -> list[str]:
    from phoihop.imports.checking import issue_text

    return [issue_text(i) for i in batch.result["issues"]]


def send(
    user: Any,
    plan: AnnualPlan,
    tasks: Sequence[Sequence[Any]],
    indicators: Sequence[Sequence[Any]] = (),
) -> ImportBatch:
    return import_upload(
        actor=user, kind="plan", target=plan, upload=upload(workbook(plan, tasks, indicators))
    )


def test_it_offers_the_plans_parties_and_content_areas_in_the_template(plan: AnnualPlan) -> None:
    from openpyxl import load_workbook

    from phoihop.imports import annual_plan

    wb = load_workbook(io.BytesIO(annual_plan.template(plan)))
    lists = [c.value for col in wb["Danh mục"].iter_cols() for c in col]
    assert "1. Định hướng tư tưởng, tuyên truyền về quốc phòng" in lists
    assert "Ban Chỉ huy Quân sự Quận 4" in lists and "buổi" in lists and "Cộng dồn" in lists


def test_it_brings_in_tasks_and_indicators_and_then_finds_them_unchanged(
    users: dict[str, Any], plan: AnnualPlan
) -> None:
    tasks = [
        [
            3,
            "Tuyên truyền Luật Nghĩa vụ quân sự",
            "1",
            "Ban CHQS Quận 4",
            "BTG Quận ủy Quận 4",
            "01/02/2024",
            "30/11/2024",
        ],
        [1, "", "", "", "", None, "30/06/2024"],
    ]
    indicators = [
        [3, "Số buổi tuyên truyền", "buổi", 12, ""],
        [3, "Số lượt người dự", "lượt người", "1.500", "Cộng dồn"],
    ]
    batch = send(users["alice"], plan, tasks, indicators)
    assert batch.counts == {"create": 3, "update": 1, "unchanged": 0, "error": 0}, errors(batch)
    import_confirm(actor=users["alice"], batch=batch)
    task = plan.tasks.get(number=3)
    assert task.lead_organization.name == "Ban Chỉ huy Quân sự Quận 4"
    assert [o.name for o in task.supporting_organizations.all()] == [
        "Ban Tuyên giáo Quận ủy Quận 4"
    ]
    assert (
        task.content_area is not None
        and task.content_area.number == 1
        and task.due == datetime.date(2024, 11, 30)
    )
    assert [(i.name, i.target) for i in task.indicators.all()] == [
        ("Số buổi tuyên truyền", Decimal(12)),
        ("Số lượt người dự", Decimal(1500)),
    ]
    assert plan.tasks.get(number=1).due == datetime.date(2024, 6, 30)
    again = send(users["alice"], plan, tasks, indicators)
    assert again.counts == {"create": 0, "update": 0, "unchanged": 4, "error": 0}, errors(again)


def test_it_reports_each_error_of_the_plan(users: dict[str, Any], plan: AnnualPlan) -> None:
    batch = send(
        users["alice"],
        plan,
        [
            [5, "Nhiệm vụ A", "", "Hội Nông dân xã Khánh Hội", "", None, None],
            [6, "Nhiệm vụ B", "9", "Ban CHQS Quận 4", "", None, None],
            [6, "Nhiệm vụ C", "", "Ban CHQS Quận 4", "", None, None],
            ["hai", "Nhiệm vụ D", "", "Ban CHQS Quận 4", "", None, None],
        ],
        [[8, "Chỉ tiêu X", "buổi", 3, ""], [1, "Chỉ tiêu Y", "buổi", "nhiều", ""]],
    )
    assert errors(batch) == [
        'Trang Nhiệm vụ, dòng 2, cột D: "Hội Nông dân xã Khánh Hội" không phải là một bên tham gia văn bản của kế hoạch.',
        'Trang Nhiệm vụ, dòng 3, cột C: "9" không có trong danh sách; chọn trong danh sách thả xuống.',
        "Trang Nhiệm vụ, dòng 4, cột A: Trùng với dòng 3: cùng số thứ tự nhiệm vụ.",
        'Trang Nhiệm vụ, dòng 5, cột A: "hai" không phải là một số.',
        "Trang Chỉ tiêu, dòng 2, cột A: Kế hoạch và tệp không có nhiệm vụ số 8.",
        'Trang Chỉ tiêu, dòng 3, cột D: "nhiều" không phải là một số.',
    ]


def test_it_lets_only_the_plans_editors_import(
    users: dict[str, Any], plan: AnnualPlan, login: Any
) -> None:
    with pytest.raises(PermissionDenied):
        send(users["coop_officer"], plan, [[9, "Nhiệm vụ", "", "Ban CHQS Quận 4", "", None, None]])
    assert (
        login(users["coop_officer"])
        .get(reverse("imports:plan_template", args=[plan.pk]))
        .status_code
        == 403
    )
    assert (
        login(users["charlie"]).get(reverse("imports:plan_upload", args=[plan.pk])).status_code
        == 404
    )
    client = login(users["alice"])
    assert client.get(reverse("imports:plan_template", args=[plan.pk])).content.startswith(b"PK")
    body = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("imports:plan_upload", args=[plan.pk]) in body
    response = client.post(
        reverse("imports:plan_upload", args=[plan.pk]),
        {
            "file": upload(
                workbook(plan, [[9, "Nhiệm vụ mới", "", "Ban CHQS Quận 4", "", None, None]])
            )
        },
    )
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
    assert batch.target_id == plan.pk and batch.counts["create"] == 1
    client.post(reverse("imports:confirm", args=[batch.pk]))
    assert plan.tasks.filter(number=9, title="Nhiệm vụ mới").exists()
