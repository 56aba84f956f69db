"""Fixtures for document tests: the shared agreement with its texts and a 2024 plan with dates
and targets, a Party-led agreement, and helpers that read a .docx back."""

from __future__ import annotations

import datetime
import os
from typing import Any

import pytest


@pytest.fixture
def full_agreement(agreement: Any, users: dict[str, Any]) -> Any:
    from phoihop.agreements.models import Agreement
    from phoihop.plans.services import indicator_set

    Agreement.objects.filter(pk=agreement.pk).update(
        legal_bases=(
            "Quy chế công tác dân vận của hệ thống chính trị ban hành kèm theo Quyết định số "
            "23-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương\n"
            "- Căn cứ Nghị quyết số 03-NQ/QU ngày 12/3/2022 của Quận ủy Quận 4"
        ),
        purpose="Nâng cao hiệu quả tuyên truyền nhiệm vụ quốc phòng trên địa bàn quận.",
        reporting="định kỳ 6 tháng và hằng năm",
    )
    agreement.refresh_from_db()
    area = agreement.content_areas.get(number=1)
    indicator_set(actor=users["alice"], owner=area, name="Buổi tuyên truyền", unit="session", target="48")
    return agreement


@pytest.fixture
def plan(full_agreement: Any, users: dict[str, Any]) -> Any:
    from phoihop.plans.models import Task
    from phoihop.plans.services import indicator_set, plan_create

    plan = plan_create(actor=users["alice"], agreement=full_agreement, year=2024)
    Task.objects.filter(plan=plan, number=1).update(
        start=datetime.date(2024, 3, 1), due=datetime.date(2024, 6, 30), notes="Phối hợp Đài truyền thanh quận"
    )
    Task.objects.filter(plan=plan, number=2).update(due=datetime.date(2024, 11, 30))
    indicator_set(actor=users["alice"], owner=plan.tasks.get(number=1), name="Lượt người nghe tuyên truyền",
                  unit="person_time", target="1250")
    return plan


@pytest.fixture
def party_agreement(orgs: dict[str, Any], users: dict[str, Any]) -> Any:
    """Led by the district's Party board: its documents take the Party form."""
    from phoihop.agreements.models import Party
    from phoihop.agreements.services import PartyInput
    from phoihop.testing.builders import make_agreement

    return make_agreement(
        actor=users["coop_officer"],
        kind="plan",
        title="Kế hoạch phối hợp tuyên truyền kỷ niệm Ngày thành lập Quân đội nhân dân Việt Nam",
        period_start=2023,
        period_end=2023,
        signed_on=datetime.date(2023, 1, 5),
        parties=[
            PartyInput(organization=orgs["board"], role=Party.Role.LEAD, signatory_name="Trần Thị Bình",
                       signatory_position="Trưởng ban"),
            PartyInput(organization=orgs["ward"], role=Party.Role.COOPERATING, signatory_name="Lê Văn Cường",
                       signatory_rank="Đại úy", signatory_position="Chỉ huy trưởng"),
        ],
        areas=["Tuyên truyền trên báo chí"],
    )


@pytest.fixture
def soffice() -> str:
    """LibreOffice for PDF conversion: missing, the test fails on CI and is skipped elsewhere."""
    from phoihop.documents.pdf import soffice_path

    path = soffice_path()
    if path is None:
        message = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
