"""Two people editing the same report, inspection, recommendation or schedule: the later save is
refused, not lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from phoihop.exchange.models import Inspection, PeriodicReport, Recommendation, ReportingSchedule
from phoihop.exchange.services import recommendation_add
from phoihop.exchange.tests.conftest import D, make_report
from phoihop.orgs.models import Membership
from phoihop.testing.edits import check_concurrent_edit

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def board_officer(orgs: dict[str, Any], django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user(username="board_officer2", password="matkhau-123")
    Membership.objects.create(user=user, organization=orgs["board"], role=Membership.Role.OFFICER)
    return user


def test_it_refuses_the_second_of_two_report_edits(users: dict[str, Any], orgs: dict[str, Any], agreement: Any, quarterly: Any) -> None:
    draft = make_report(users["alice"], agreement, orgs["district"], D(2024, 1, 1), D(2024, 3, 31), label="Quý I/2024")

    def first_kept() -> None:
        assert PeriodicReport.objects.get(pk=draft.pk).title == "Báo cáo quý I do lãnh đạo sửa"

    check_concurrent_edit(
        _client(users["leader"]),
        _client(users["alice"]),
        reverse("exchange:report_edit", args=[draft.pk]),
        first_data={"title": "Báo cáo quý I do lãnh đạo sửa", "body": draft.body},
        second_data={"title": draft.title, "body": "Nội dung cán bộ gõ thêm"},
        first_kept=first_kept,
        second_typed="Nội dung cán bộ gõ thêm",
        changed_shown="«Báo cáo quý I do lãnh đạo sửa»",
    )
    assert PeriodicReport.objects.get(pk=draft.pk).body == "Nội dung cán bộ gõ thêm"


def test_it_refuses_the_second_of_two_inspection_edits(users: dict[str, Any], orgs: dict[str, Any], inspection: Inspection, board_officer: Any) -> None:
    data = {"kind": "inspection", "title": inspection.title, "date": "20/11/2024", "inspected": [orgs["district"].pk],
            "scope": inspection.scope, "findings": inspection.findings}

    def first_kept() -> None:
        assert Inspection.objects.get(pk=inspection.pk).findings == "Kết luận do người thứ nhất ghi"

    check_concurrent_edit(
        _client(users["coop_officer"]),
        _client(board_officer),
        reverse("exchange:inspection_edit", args=[inspection.pk]),
        first_data=data | {"findings": "Kết luận do người thứ nhất ghi"},
        second_data=data | {"scope": "Phạm vi người thứ hai gõ"},
        first_kept=first_kept,
        second_typed="Phạm vi người thứ hai gõ",
        changed_shown="«Kết luận do người thứ nhất ghi»",
    )
    assert Inspection.objects.get(pk=inspection.pk).scope == "Phạm vi người thứ hai gõ"


def test_it_refuses_the_second_of_two_recommendation_edits(users: dict[str, Any], orgs: dict[str, Any], inspection: Inspection, board_officer: Any) -> None:
    recommendation = recommendation_add(
        actor=users["coop_officer"], inspection=inspection, text="Bổ sung sổ theo dõi", responsible=orgs["district"],
        due_date=D(2024, 12, 31),
    )
    data = {"text": recommendation.text, "responsible": orgs["district"].pk, "due_date": "31/12/2024"}

    def first_kept() -> None:
        assert Recommendation.objects.get(pk=recommendation.pk).due_date == D(2025, 1, 15)

    check_concurrent_edit(
        _client(users["coop_officer"]),
        _client(board_officer),
        reverse("exchange:recommendation_edit", args=[recommendation.pk]),
        first_data=data | {"due_date": "15/01/2025"},
        second_data=data | {"text": "Bổ sung sổ theo dõi tuyên truyền hằng tháng"},
        first_kept=first_kept,
        second_typed="Bổ sung sổ theo dõi tuyên truyền hằng tháng",
        changed_shown="«15/01/2025»",
    )
    assert Recommendation.objects.get(pk=recommendation.pk).text == "Bổ sung sổ theo dõi tuyên truyền hằng tháng"


def test_it_refuses_the_second_of_two_schedule_edits(users: dict[str, Any], orgs: dict[str, Any], agreement: Any, quarterly: Any) -> None:
    data = {"rhythm": "quarterly", "due_days": "10", "reporters": [], "note": ""}

    def first_kept() -> None:
        assert ReportingSchedule.objects.get(pk=quarterly.pk).due_days == 20

    check_concurrent_edit(
        _client(users["leader"]),
        _client(users["alice"]),
        reverse("exchange:schedule_edit", args=[agreement.pk]),
        first_data=data | {"due_days": "20"},
        second_data=data | {"note": "Ghi chú cán bộ gõ"},
        first_kept=first_kept,
        second_typed="Ghi chú cán bộ gõ",
        changed_shown="«20»",
    )
    assert ReportingSchedule.objects.get(pk=quarterly.pk).note == "Ghi chú cán bộ gõ"
