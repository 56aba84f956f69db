"""The demo's present: whatever day it is loaded, the successor bodies have work in progress."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from freezegun import freeze_time

from phoihop.activities import access as activity_access
from phoihop.activities.models import Activity
from phoihop.agreements.models import Agreement
from phoihop.agreements.selectors import agreement_detail
from phoihop.demo.current import current_period
from phoihop.demo.loader import demo_load
from phoihop.events import access as event_access
from phoihop.exchange.models import Recommendation
from phoihop.exchange.selectors import State, owed_reports
from phoihop.plans.models import AnnualPlan
from phoihop.plans.selectors import TaskStatus, task_statuses
from phoihop.reviews.models import Review
from phoihop.testing.worlds import shared_world

# A day late in the first year of a period, and a day early in the second year of the next one.
DAYS = (datetime.date(2026, 12, 3), datetime.date(2031, 1, 6))


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def test_it_finds_the_period_that_holds_the_day() -> None:
    assert current_period(datetime.date(2025, 12, 31)) is None
    assert current_period(datetime.date(2026, 1, 1)) == (2026, 2029)
    assert current_period(datetime.date(2029, 12, 31)) == (2026, 2029)
    assert current_period(datetime.date(2031, 1, 6)) == (2030, 2033)


@pytest.fixture(scope="module", params=DAYS, ids=str)
def loaded_on(request: Any, django_db_setup: Any, django_db_blocker: Any) -> Iterator[datetime.date]:
    """The demo loaded on each of DAYS, once a day for the module (testing/worlds.py)."""
    with shared_world(django_db_blocker):
        with freeze_time(request.param):
            demo_load(today=request.param)
        yield request.param


def test_it_shows_a_living_system_on_the_day_it_is_loaded(loaded_on: datetime.date, db: Any, client: Any) -> None:
    today = loaded_on
    with freeze_time(today):
        officer, leader = user("btl.hcm.canbo"), user("btl.hcm.lanhdao")
        renewed = Agreement.objects.get(renews__title__startswith="Chương trình phối hợp giữa Ban Chỉ huy Quân sự Quận 4")

        # The renewed program is between the successor bodies and in force this period.
        assert renewed.status == Agreement.Status.IN_FORCE
        assert renewed.period_start is not None and renewed.period_end is not None
        assert renewed.period_start <= today.year <= renewed.period_end
        assert renewed.signed_on is not None and datetime.date(2025, 7, 1) <= renewed.signed_on <= today
        assert {p.organization.name for p in renewed.parties.select_related("organization")} == {
            "Bộ Tư lệnh Thành phố Hồ Chí Minh",
            "Ban Tuyên giáo và Dân vận Thành ủy Thành phố Hồ Chí Minh",
        }
        assert "Quận 4" not in renewed.title and not renewed.needs_review
        assert renewed.renews is not None and renewed.renews.status == Agreement.Status.SUPERSEDED

        # This year's plan is in progress, with tasks done, open and overdue.
        plan = AnnualPlan.objects.get(agreement=renewed, year=today.year)
        assert plan.status == AnnualPlan.Status.IN_FORCE
        tasks = list(plan.tasks.active())
        statuses = task_statuses(tasks)
        overdue = [t for t in tasks if statuses[t.pk] == TaskStatus.OVERDUE]
        assert overdue and all(t.due is not None and t.due < today for t in overdue)
        assert any(statuses[t.pk] == TaskStatus.DONE for t in tasks)
        assert any(t.due is not None and t.due >= today and statuses[t.pk] not in (TaskStatus.DONE, TaskStatus.CANCELLED) for t in tasks)

        # The officer's home lists the program in force; reports and events are due from today.
        client.force_login(officer)
        page = client.get(reverse("core:home"))
        assert page.status_code == 200
        assert renewed.title in page.content.decode()
        owed = owed_reports(today=today, agreement_ids=[renewed.pk])
        assert any(s.state == State.MISSING for s in owed), "one past report is missing"
        due = [s for s in owed if s.report is None and s.due_date >= today]
        assert {s.organization.short_name for s in due} == {"Bộ Tư lệnh TP Hồ Chí Minh", "Ban TG&DV Thành ủy TP Hồ Chí Minh"}
        assert all(s.period_start <= today + datetime.timedelta(days=31) for s in due)
        upcoming = event_access.visible_events(officer).filter(date__gt=today, agreements=renewed)
        assert upcoming.count() == 3
        assert event_access.visible_events(officer).filter(kind="signing", agreements=renewed, date__lt=today).exists()

        # Work waits for people: approvals, a returned draft, a recommendation, contributions.
        waiting = Activity.objects.filter(task__plan=plan, status=Activity.Status.SUBMITTED)
        assert any(activity_access.can_approve_activity(leader, a) for a in waiting)
        assert any(activity_access.can_approve_activity(user("btgdv.hcm.lanhdao"), a) for a in waiting)
        assert Activity.objects.filter(task__plan=plan, status=Activity.Status.RETURNED, created_by=officer).exists()
        recommendation = Recommendation.objects.get(inspection__agreement=renewed)
        assert recommendation.due_date is not None
        assert recommendation.closed_at is None and recommendation.due_date > today
        review = Review.objects.get(agreement=renewed)
        assert (review.period_start.year, review.status) == (today.year, Review.Status.DRAFT)
        assert review.event is not None and review.event.date > today

        # The successors' officer and leader can renew the city program their command led.
        city = Agreement.objects.get(title__startswith="Chương trình phối hợp giữa Ban Tuyên giáo Thành ủy với Bộ Tư lệnh")
        for member in (officer, leader):
            assert agreement_detail(user=member, pk=city.pk).can_renew, member.username
        assert not agreement_detail(user=user("btl.hcm.xem"), pk=city.pk).can_renew


@pytest.mark.parametrize("loaded_on", DAYS[:1], indirect=True, ids=str)
def test_it_adds_nothing_when_loaded_again_on_a_later_day(loaded_on: datetime.date, db: Any) -> None:
    counts = (Agreement.objects.count(), Activity.objects.count(), AnnualPlan.objects.count())
    later = loaded_on + datetime.timedelta(days=40)
    with freeze_time(later):
        again = demo_load(today=later)
    assert (Agreement.objects.count(), Activity.objects.count(), AnnualPlan.objects.count()) == counts
    assert again.kept["renewed_agreements"] == 2 and not again.created["renewed_agreements"]


@pytest.mark.parametrize("loaded_on", DAYS[1:], indirect=True, ids=str)
def test_it_renews_the_mong_cai_program_between_the_provincial_successors(loaded_on: datetime.date, db: Any) -> None:
    today = loaded_on
    renewed = Agreement.objects.get(renews__title__contains="Móng Cái giai đoạn 2021-2025")
    assert (renewed.status, renewed.period_start, renewed.period_end) == (Agreement.Status.IN_FORCE, 2031, 2035)
    assert {p.organization.name for p in renewed.parties.select_related("organization")} == {
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh",
        "Bộ Chỉ huy Quân sự tỉnh Quảng Ninh",
    }
    plan = AnnualPlan.objects.get(agreement=renewed, year=today.year)
    assert plan.status == AnnualPlan.Status.IN_FORCE and plan.tasks.active().exists()
