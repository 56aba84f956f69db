"""Review figures against a record counted by hand (see conftest.record_2024)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from phoihop.reviews.selectors import review_figures
from phoihop.testing.queries import assert_queries


def test_it_counts_agreement_totals_once_and_only_approved(review: Any) -> None:
    f = review_figures(review)
    assert f.years == [2024]
    assert (f.tasks_planned, f.tasks_done) == (2, 1)
    # A1, A2, A4 only; A1 is joint but counts once; A3 (submitted), A5 (returned), A6 (2025) out.
    assert f.activities == 3
    assert f.participants == 100 + 50 + 30
    assert f.tasks_percent == Decimal("50.0")


def test_it_compiles_results_by_content_area(review: Any) -> None:
    areas = review_figures(review).areas
    assert [(a.number, a.tasks_planned, a.tasks_done, a.activities, a.participants) for a in areas] == [
        (1, 1, 0, 2, 150),
        (2, 1, 1, 1, 30),
    ]
    [sessions] = areas[0].indicators
    assert (sessions.name, sessions.target, sessions.achieved, sessions.percent) == (
        "Buổi tuyên truyền", Decimal("10"), Decimal("7"), Decimal("70.0"),
    )
    [articles] = areas[1].indicators
    assert (articles.achieved, articles.percent) == (Decimal("4"), Decimal("100.0"))


def test_it_credits_a_joint_activity_to_each_party(review: Any, orgs: dict[str, Any]) -> None:
    parties = {p.organization.pk: p for p in review_figures(review).parties}
    district, board = parties[orgs["district"].pk], parties[orgs["board"].pk]
    assert (district.role, district.tasks_led, district.tasks_done) == ("lead", 1, 0)
    assert (district.activities, district.participants) == (2, 150)
    assert [(n, v) for n, _u, v in district.values] == [("Buổi tuyên truyền", Decimal("7"))]
    assert (board.role, board.tasks_led, board.tasks_done) == ("cooperating", 1, 1)
    assert (board.activities, board.participants) == (2, 130)
    assert [(n, v) for n, _u, v in board.values] == [("Buổi tuyên truyền", Decimal("4")), ("Tin bài", Decimal("4"))]
    # Credited per party: 4 activities; counted once for the agreement: 3.
    assert district.activities + board.activities == 4


def test_it_covers_every_year_of_a_longer_period(review: Any) -> None:
    import datetime

    review.period_end = datetime.date(2025, 12, 31)
    f = review_figures(review)
    assert f.years == [2024, 2025]
    assert f.activities == 4
    assert f.participants == 680
    # 2025 plan has two tasks of its own, none done.
    assert (f.tasks_planned, f.tasks_done) == (4, 1)


def test_it_needs_the_same_queries_for_few_and_many_activities(review: Any, users: dict[str, Any], orgs: dict[str, Any], record_2024: dict[str, Any]) -> None:
    import datetime

    from phoihop.plans.tests.helpers import D, approve, record

    with assert_queries(16):
        review_figures(review)
    for day in range(1, 8):
        a = record(users["alice"], record_2024["t1"], [orgs["district"], orgs["board"]], day=datetime.date(2024, 9, day), participants=10, values={record_2024["sessions"]: D("1")})
        approve(users["alice"], users["leader"], a)
    with assert_queries(16):
        f = review_figures(review)
    assert f.activities == 10


def test_it_counts_inspections_of_the_period_from_the_exchange(review: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    import datetime

    from phoihop.exchange.services import (
        inspection_create,
        recommendation_add,
        recommendation_close,
    )

    def inspect(day: datetime.date) -> Any:
        return inspection_create(
            actor=users["alice"], agreement=agreement, kind="inspection", title="Kiểm tra thực hiện chương trình",
            date=day, inspecting=[orgs["district"]], inspected=[orgs["board"]],
        )

    held = inspect(datetime.date(2024, 10, 1))
    first = recommendation_add(actor=users["alice"], inspection=held, text="Bổ sung hồ sơ", responsible=orgs["board"])
    recommendation_add(actor=users["alice"], inspection=held, text="Báo cáo đúng hạn", responsible=orgs["board"])
    recommendation_close(actor=users["alice"], recommendation=first)
    inspect(datetime.date(2025, 2, 1))  # after the period
    f = review_figures(review)
    assert f.inspections == {"inspections": 1, "recommendations": 2, "closed": 1, "open": 1}
    assert f.timeliness is not None
