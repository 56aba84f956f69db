"""The dashboard figures computed from the known world of conftest.py."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from phoihop.dashboards import selectors
from phoihop.dashboards.tests.conftest import TODAY, grow
from phoihop.testing.queries import assert_queries


def known(value: Decimal | None) -> Decimal:
    assert value is not None
    return value


def numbers(lines: list[Any]) -> list[int]:
    return sorted(line.task.number for line in lines)


def figures_of(user: Any, *orgs: Any, year: int = 2025, today: datetime.date = TODAY) -> dict[int, selectors.OrganizationFigures]:
    return selectors.organization_figures(organizations=list(orgs), today=today, year=year)


def detail(user: Any, org: Any, *, today: datetime.date = TODAY, year: int = 2025) -> selectors.OrganizationFigures:
    return selectors.organization_detail(user=user, organization=org, today=today, year=year, limit=5)


def test_it_computes_the_district_figures(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    f = detail(users["leader"], orgs["district"])
    assert (f.in_force, f.ending_soon, f.due_this_month, f.overdue) == (2, 1, 2, 2)
    assert {a.pk for a in f.agreements} == {agreement.pk, dash["later"].pk}
    assert f.ending_ids == {agreement.pk}
    assert numbers(f.due_lines) == [3, 7]
    assert numbers(f.overdue_lines) == [4, 5]
    assert f.approvals == 1
    assert f.activities == 2
    assert f.attainment == Decimal("70.0")
    assert sorted(known(p.percent) for p in f.indicators) == [Decimal("40.0"), Decimal("120.0")]


def test_it_computes_the_cooperating_partys_figures(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    f = detail(users["staff"], orgs["board"])
    assert f.in_force == 1 and f.ending_soon == 1
    assert numbers(f.due_lines) == [7]
    assert f.overdue == 0 and f.overdue_lines == []
    assert f.approvals == 0
    assert f.activities == 1  # the joint activity, credited to each co-organiser
    assert f.attainment == Decimal("70.0")


def test_it_computes_figures_of_many_organisations_at_once(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    both = figures_of(users["staff"], orgs["district"], orgs["board"], orgs["unrelated"])
    assert both[orgs["district"].pk].overdue == 2
    assert both[orgs["board"].pk].due_this_month == 1
    nothing = both[orgs["unrelated"].pk]
    assert (nothing.in_force, nothing.overdue, nothing.activities, nothing.attainment) == (0, 0, 0, None)


def test_it_moves_with_the_date(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    # On 01/10/2025: nothing overdue yet (task 8 is cancelled), task 4 due this month, and the
    # agreement's end (31/12/2025) is 91 days away: not yet "ending soon".
    f = detail(users["leader"], orgs["district"], today=datetime.date(2025, 10, 1))
    assert f.overdue == 0
    assert numbers(f.due_lines) == [4]
    assert f.ending_soon == 0 and f.ending_ids == set()


def test_it_lists_only_the_tasks_the_reader_sees(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    # The figures of an organisation are shown only to whoever may see its dashboard; the task
    # list behind them may be asked for any organisation, and shows only visible tasks.
    lines = selectors.task_lines(user=users["charlie"], today=TODAY, organization_ids=[orgs["district"].pk])
    assert list(lines) == []
    assert selectors.task_lines(user=users["leader"], today=TODAY, organization_ids=[orgs["district"].pk]).count() == 7


def test_it_lists_upcoming_conferences_of_the_organisation(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    from phoihop.events.models import Event

    hosted = Event.objects.create(kind="training", title="Tập huấn báo cáo viên", date=datetime.date(2025, 12, 1), host=orgs["district"])
    under = Event.objects.create(kind="final_review", title="Hội nghị tổng kết chương trình", date=datetime.date(2025, 12, 20), host=orgs["city"])
    under.agreements.add(agreement)
    Event.objects.create(kind="other", title="Đã qua", date=datetime.date(2025, 11, 1), host=orgs["district"])
    Event.objects.create(kind="other", title="Quá xa", date=datetime.date(2026, 3, 1), host=orgs["district"])
    district = detail(users["leader"], orgs["district"])
    assert [e.pk for e in district.events] == [hosted.pk, under.pk] and district.event_count == 2
    assert [e.pk for e in detail(users["leader"], orgs["board"]).events] == [under.pk]


def test_it_computes_the_agreement_dashboard(dash: dict[str, Any], users: dict[str, Any], agreement: Any, orgs: dict[str, Any]) -> None:
    d = selectors.agreement_dashboard(user=users["bob"], agreement=agreement, year=2025, today=TODAY)
    assert (d.tasks, d.done, d.overdue) == (7, 1, 2)
    assert d.activities == 2  # the joint activity counted once
    assert d.participants == 50
    assert d.attainment == Decimal("70.0")
    area1, area2, other = d.areas
    assert area1.area is not None and area2.area is not None
    assert (area1.area.number, area1.tasks, area1.done, area1.overdue, area1.activities, area1.attainment) == (1, 1, 0, 0, 1, Decimal("70.0"))
    assert (area2.area.number, area2.tasks, area2.activities, area2.attainment) == (2, 1, 0, None)
    assert (other.area, other.tasks, other.done, other.overdue, other.activities) == (None, 5, 1, 2, 1)
    district, board = d.parties
    assert district.party.organization == orgs["district"]
    assert (district.tasks, district.done, district.overdue, district.activities, district.participants) == (5, 1, 2, 2, 50)
    assert (board.tasks, board.done, board.overdue, board.activities, board.participants) == (2, 0, 0, 1, 20)
    assert [(p.target, p.achieved) for p in d.targets] == [(Decimal(10), Decimal(4)), (Decimal(5), Decimal(6))]
    assert d.monthly.total == 2
    assert d.end == datetime.date(2025, 12, 31)


def test_it_counts_activities_per_month_and_content_area(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    monthly = selectors.monthly_activities(user=users["leader"], year=2025, organization_id=orgs["district"].pk)
    series = {s.area_id: s.counts for s in monthly.series}
    area1 = dash["tasks"][1].content_area_id
    assert series[area1][2] == 1 and sum(series[area1]) == 1  # March
    assert series[None][5] == 1 and sum(series[None]) == 1  # June, a task without content area
    assert selectors.monthly_activities(user=users["leader"], year=2024, organization_id=orgs["district"].pk).total == 0


def test_it_filters_task_lines_by_state(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    def of(state: str) -> list[int]:
        lines = selectors.task_lines(user=users["bob"], today=TODAY, agreement_id=agreement.pk, year=2025, state=state)
        return numbers(selectors.task_lines_of(lines, TODAY))

    assert of("overdue") == [4, 5]
    assert of("done") == [6]
    assert of("cancelled") == [8]
    assert of("live") == [1, 2, 3, 4, 5, 6, 7]
    assert of("open") == [1, 2, 3, 4, 5, 7]
    assert of("pending") == [1, 2, 3, 7]
    assert of("in_progress") == [1, 3] and of("not_started") == [2, 7]
    led = selectors.task_lines(user=users["bob"], today=TODAY, organization_ids=[orgs["board"].pk], lead_only=True)
    assert numbers(selectors.task_lines_of(led, TODAY)) == [2, 7]


def test_it_sorts_subordinate_rows(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Organization

    quiet = Organization.objects.create(name="Ban Chỉ huy Quân sự Quận 7", kind="military", level="district", parent=orgs["city"])
    rows = list(figures_of(users["superior"], *selectors.subordinates(orgs["city"])).values())
    assert [r.organization for r in selectors.sort_figures(rows, "-overdue")] == [orgs["district"], quiet]
    assert [r.organization for r in selectors.sort_figures(rows, "overdue")] == [quiet, orgs["district"]]
    assert [r.organization for r in selectors.sort_figures(rows, "name")] == [orgs["district"], quiet]
    assert [r.organization for r in selectors.sort_figures(rows, "-attainment")] == [orgs["district"], quiet]


def test_it_keeps_the_query_count_when_rows_grow(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    user = users["leader"]

    def measure() -> None:
        from phoihop.orgs import access as org_access

        org_access.forget(user)
        with assert_queries(39):
            figures_of(user, orgs["district"], orgs["board"])
            detail(user, orgs["district"])
            selectors.monthly_activities(user=user, year=2025, organization_id=orgs["district"].pk)
            selectors.agreement_dashboard(user=user, agreement=agreement, year=2025, today=TODAY)

    measure()
    grow(users["alice"], user, orgs, 4)
    assert figures_of(user, orgs["district"])[orgs["district"].pk].overdue == 6
    measure()


@pytest.mark.parametrize("end,expected", [(2025, datetime.date(2025, 12, 31)), (None, None)])
def test_it_ends_an_agreement_on_the_last_day_of_its_period(end: int | None, expected: datetime.date | None) -> None:
    from phoihop.agreements.models import Agreement

    assert selectors.agreement_end(Agreement(period_end=end)) == expected


def test_it_counts_reports_owed_missing_and_late(reports: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    f = figures_of(users["leader"], orgs["district"], orgs["board"])
    district = f[orgs["district"].pk]
    assert (district.reports_missing, district.reports_late, district.reports_due) == (1, 1, 0)
    assert [r.period_start.year for r in detail(users["leader"], orgs["district"]).missing_list] == [2024]
    # The board owes nothing: the schedule names only the district.
    board = f[orgs["board"].pk]
    assert (board.reports_missing, board.reports_late, board.reports_due) == (0, 0, 0)
    # Ten days before the 2025 report is due, it is "due".
    later = detail(users["leader"], orgs["district"], today=datetime.date(2026, 1, 3))
    assert later.reports_due == 1
    assert [r.period_start.year for r in later.due_list] == [2025]


def test_it_shows_timeliness_and_open_recommendations_on_the_agreement(reports: dict[str, Any], users: dict[str, Any], agreement: Any, orgs: dict[str, Any]) -> None:
    d = selectors.agreement_dashboard(user=users["bob"], agreement=agreement, year=2024, today=TODAY)
    district = d.parties[0]
    assert district.party.organization == orgs["district"]
    t = district.timeliness
    assert t is not None
    assert (t.owed, t.on_time, t.late, t.missing, t.rate) == (1, 0, 0, 1, Decimal("0.0"))
    assert d.parties[1].timeliness is None  # the board reports nothing
    d2023 = selectors.agreement_dashboard(user=users["bob"], agreement=agreement, year=2023, today=TODAY)
    t = d2023.parties[0].timeliness
    assert t is not None
    assert (t.owed, t.late, t.rate) == (1, 1, Decimal("0.0"))
    assert [r.pk for r in d.recommendations] == [reports["open"].pk]
    assert d.recommendation_count == 1
