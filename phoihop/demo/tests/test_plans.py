"""The demo plans: 2022-2025 plans, targets and activities under the demo programs."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from freezegun import freeze_time

from phoihop.activities.models import Activity, IndicatorValue
from phoihop.activities.selectors import agreement_totals, approvals_inbox
from phoihop.agreements.models import Agreement
from phoihop.demo.loader import demo_load
from phoihop.demo.plans import HY_QUOTA
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.selectors import plan_detail

TODAY = datetime.date(2026, 3, 1)
MODELS = (AnnualPlan, Task, Indicator, Activity, IndicatorValue)
HY_PROGRAM = "Chương trình phối hợp hoạt động giữa Ban Chỉ huy Quân sự thành phố"


def counts() -> dict[str, int]:
    result = {m.__name__: m.objects.count() for m in MODELS}
    result.update({f"history of {m.__name__}": m.history.count() for m in MODELS})  # type: ignore[attr-defined]
    return result


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def hy_plan() -> AnnualPlan:
    return AnnualPlan.objects.get(agreement__title__startswith=HY_PROGRAM, year=2022)


def test_it_loads_the_plans_once_however_often_it_runs(demo: Any) -> None:
    first = counts()
    with freeze_time(TODAY):
        again = demo_load(today=TODAY)
    assert counts() == first
    assert not again.created
    assert again.kept["annual_plans"] == 10
    assert first["AnnualPlan"] == 12  # and this year's plans of the two renewed programs
    assert demo.created["activities"] == first["Activity"]
    assert first["Activity"] > 50
    years = set(
        AnnualPlan.objects.filter(agreement__title__contains="Quận 4").values_list(
            "year", flat=True
        )
    )
    assert years == {2022, 2023, 2024, 2025}


def test_it_shows_the_2022_conscription_quota_at_one_hundred_percent(demo: Any) -> None:
    page = plan_detail(user=user("chqs.hy.lanhdao"), pk=hy_plan().pk, today=TODAY)
    quota = [p for row in page.rows for p in row.indicators if p.indicator.name == HY_QUOTA]
    assert len(quota) == 1
    assert quota[0].indicator.unit == Indicator.Unit.PERCENT
    assert quota[0].indicator.aggregation == Indicator.Aggregation.PERCENT
    assert quota[0].target == Decimal(100)
    assert quota[0].achieved == Decimal(100)
    assert quota[0].percent == Decimal("100.0")


def test_it_counts_a_joint_activity_once_in_the_agreement_totals(demo: Any) -> None:
    agreement = Agreement.objects.get(title__startswith=HY_PROGRAM)
    approved = Activity.objects.filter(
        task__plan__agreement=agreement, status=Activity.Status.APPROVED
    )
    gifts = approved.get(title="Thăm hỏi, tặng quà thanh niên lên đường nhập ngũ năm 2022")
    assert gifts.organizations.count() == 6

    totals = agreement_totals(agreement=agreement, year=2022)

    assert totals.activities == approved.count() == 10
    assert totals.participants == sum(a.participants or 0 for a in approved)
    credited = sum(t.activities for t in totals.by_organization)
    assert credited > totals.activities  # joint work is credited to every co-organiser
    veterans = next(
        t for t in totals.by_organization if t.organization.short_name == "Hội CCB TP Hưng Yên"
    )
    assert veterans.activities == approved.filter(organizations=veterans.organization).count()


def test_it_puts_the_submitted_examples_in_the_hung_yen_leaders_inbox(demo: Any) -> None:
    inbox = list(approvals_inbox(user=user("chqs.hy.lanhdao")))
    assert {a.title for a in inbox} == {
        "Đào tạo nghề ngắn hạn cho quân nhân xuất ngũ năm 2022",
        "Tuyên truyền kết quả thực hiện nhiệm vụ quốc phòng, quân sự địa phương cho hội viên nông dân",
        "Tuyên truyền về chủ quyền biển, đảo Việt Nam cho hội viên phụ nữ",
    }
    assert all(a.status == Activity.Status.SUBMITTED for a in inbox)
    # The district 4 leader has their own waiting work, not Hưng Yên's.
    q4 = list(approvals_inbox(user=user("chqs.q4.lanhdao")))
    assert q4 and not {a.pk for a in q4} & {a.pk for a in inbox}


def test_it_keeps_the_reviewers_note_on_the_returned_activity(demo: Any) -> None:
    returned = Activity.objects.get(status=Activity.Status.RETURNED, task__plan__year=2022)
    assert returned.task.plan == hy_plan()
    assert "biên bản bàn giao nhà" in returned.reviewer_note
    assert returned.returned_by == user("chqs.hy.lanhdao")
    assert returned.created_by == user("phunu.hy.canbo")
    assert "Dữ liệu mẫu minh họa" in returned.description


def test_it_approves_as_the_leader_and_records_as_the_officer(demo: Any) -> None:
    quota = Activity.objects.get(title="Lễ giao nhận quân năm 2022")
    assert quota.created_by == user("chqs.hy.canbo")
    assert quota.approved_by == user("chqs.hy.lanhdao")
    assert quota.history.filter(status=Activity.Status.APPROVED).get().history_user == user(
        "chqs.hy.lanhdao"
    )
    assert quota.start_date.year == 2022


def test_it_carries_the_unfinished_2022_district_4_tasks_into_2023(demo: Any) -> None:
    plan = AnnualPlan.objects.get(
        agreement__title__contains="Ban Dân vận Quận ủy Quận 4", year=2023
    )
    carried = plan.tasks.exclude(carried_over_from=None)
    assert set(carried.values_list("content_area__number", flat=True)) == {2, 4}
    assert set(plan.tasks.values_list("content_area__number", flat=True)) == {1, 2, 3, 4, 5}


def test_it_dates_district_4_activities_before_the_district_ended(demo: Any) -> None:
    last = Activity.objects.filter(task__plan__agreement__title__contains="Quận 4").order_by(
        "-end_date"
    )[0]
    assert last.end_date <= datetime.date(2025, 6, 30)
    assert not Activity.objects.exclude(description__contains="Dữ liệu mẫu minh họa").exists()
