"""Figures of a review over several agreements and years: the same numbers as the record counted
one agreement and one year at a time gave (wide_review_figures.json was written by that
compilation on tests.world), in a number of queries that does not depend on how many agreements
and years the review covers; frozen at sign-off."""

from __future__ import annotations

import datetime
import json
import pathlib
import re
from decimal import Decimal
from typing import Any

import pytest

from phoihop.reviews.selectors import covered_agreements, figures_data, review_figures
from phoihop.reviews.tests import world
from phoihop.testing.queries import assert_queries, captured_queries

KNOWN = json.loads((pathlib.Path(__file__).parent / "wide_review_figures.json").read_text())
TODAY = datetime.date(2025, 1, 10)
# Covered agreements with their parties, tasks, indicators and their values, content areas,
# activities by area, credits by party, units outside the parties, credited values, reporters,
# owed reports (agreements, parties, organisations, reports), inspections, commendations.
FIGURE_QUERIES = 17
YEARLY_QUERIES = 2
# The review's page and its two downloads, for a review of one year.
PAGE_QUERIES = {"reviews:detail": 32, "reviews:download_docx": 30, "reviews:download_xlsx": 28}


@pytest.fixture
def wide_users(users: dict[str, Any], board_leader: Any) -> dict[str, Any]:
    return {**users, "board_leader": board_leader}


def _normalised(review: Any) -> dict[str, Any]:
    """Figures without database ids: agreements by their place in the review, units by name."""
    data: Any = figures_data(review_figures(review, today=TODAY))  # edited as plain JSON below
    place = {a.pk: i for i, a in enumerate(covered_agreements(review))}
    for area in data["areas"]:
        area["agreement_id"] = place[area["agreement_id"]]
    for row in [*data["parties"], *(data["timeliness"] or [])]:
        row.pop("organization_id")
    return data


def test_it_compiles_many_agreements_and_years_as_each_one_counted_alone(wide_users: dict[str, Any], orgs: dict[str, Any]) -> None:
    review = world.build(wide_users, orgs, agreements=3, years=(2023, 2024))
    data = _normalised(review)
    assert data == KNOWN["2023-2024"]
    # What the reference holds, in words: 2 approved activities a year in area 1 (one joint with
    # the board and a unit outside the parties), 1 in area 2; waiting, returned and archived
    # work left out; a task done only when completed or every indicator reached.
    assert (data["activities"], data["tasks_planned"], data["tasks_done"]) == (18, 12, 3)
    assert data["participants"] == sum(100 + i + 50 + 30 + year % 10 for i in range(3) for year in (2023, 2024)) == 1107
    assert [(p["organization_name"], p["role"], p["activities"]) for p in data["parties"]] == [
        ("Ban Chỉ huy Quân sự Quận 4", "lead", 12),
        ("Ban Tuyên giáo Quận ủy Quận 4", "cooperating", 12),
        ("Ban Chỉ huy Quân sự Phường 1 Quận 4", "", 6),
    ]
    assert data["inspections"] == {"inspections": 3, "recommendations": 6, "closed": 3, "open": 3}
    review.period_end = datetime.date(2023, 12, 31)
    assert _normalised(review) == KNOWN["2023"]


def _page_queries(client: Any, name: str, review: Any) -> int:
    import time

    from django.urls import reverse

    from phoihop.accounts import security

    # The sign-in stamp is written at most once a minute: not inside a measured page.
    session = client.session
    session[security.LAST_SEEN_KEY] = time.time()
    session.save()
    with captured_queries() as queries:
        response = client.get(reverse(name, args=[review.pk]))
    assert response.status_code == 200, name
    return len(queries)


def test_it_needs_the_same_queries_for_two_agreements_as_for_many(login: Any, wide_users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = login(wide_users["leader"])
    small = world.build(wide_users, orgs, agreements=2, years=(2024, 2024))
    with assert_queries(FIGURE_QUERIES):
        review_figures(small, today=TODAY)
    small_pages = {name: _page_queries(client, name, small) for name in PAGE_QUERIES}
    large = world.build(wide_users, orgs, agreements=4, years=(2023, 2024))
    with assert_queries(FIGURE_QUERIES):
        figures = review_figures(large, today=TODAY)
    assert figures.activities == 4 * 2 * 3
    assert small_pages == PAGE_QUERIES
    large_pages = {name: _page_queries(client, name, large) for name in small_pages}
    # A report over several years adds its table by year: two queries (the indicators and their
    # values), whatever the number of agreements and years.
    assert large_pages == {**PAGE_QUERIES, "reviews:download_docx": PAGE_QUERIES["reviews:download_docx"] + YEARLY_QUERIES}


def test_it_freezes_the_figures_at_sign_off(review: Any, users: dict[str, Any], orgs: dict[str, Any], record_2024: dict[str, Any]) -> None:
    from phoihop.plans.tests.helpers import D, approve, record
    from phoihop.reviews.models import Review
    from phoihop.reviews.services import review_sign_off, review_update

    review_update(actor=users["alice"], review=review, fields={"situation": "Tình hình", "results": "Kết quả", "directions": "Phương hướng", "strengths": "Ưu điểm", "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học", "proposals": "Kiến nghị", "report_date": datetime.date(2025, 1, 10)})
    before = review_figures(review)
    review_sign_off(actor=users["leader"], review=review)
    stored = Review.objects.get(pk=review.pk)
    assert stored.figures is not None and stored.figures["activities"] == before.activities == 3
    # Work approved afterwards does not change a signed report.
    late = record(users["alice"], record_2024["t1"], [orgs["district"]], day=datetime.date(2024, 12, 1), participants=40, values={record_2024["sessions"]: D("3")})
    approve(users["alice"], users["leader"], late)
    frozen = review_figures(stored)
    assert (frozen.activities, frozen.participants) == (3, 180)
    assert figures_data(frozen) == figures_data(before)
    [district] = [p for p in frozen.parties if p.organization.pk == orgs["district"].pk]
    assert district.organization.name == "Ban Chỉ huy Quân sự Quận 4"
    assert district.values == [("Buổi tuyên truyền", "buổi", Decimal("7.00"))]
    # Read back in a constant, small number of queries (the commendations).
    with assert_queries(1):
        review_figures(stored)


def test_a_second_sign_off_returns_the_first_one(review: Any, users: dict[str, Any]) -> None:
    from phoihop.documents.models import IssuedNumber
    from phoihop.reviews.models import Review
    from phoihop.reviews.services import review_sign_off, review_update

    review_update(actor=users["alice"], review=review, fields={"situation": "Tình hình", "results": "Kết quả", "directions": "Phương hướng", "strengths": "Ưu điểm", "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học", "proposals": "Kiến nghị", "report_date": datetime.date(2025, 1, 10)})
    stale = Review.objects.get(pk=review.pk)
    first = review_sign_off(actor=users["leader"], review=review)
    again = review_sign_off(actor=users["leader"], review=stale)
    assert (again.is_locked, again.signed_off_at, again.number_symbol) == (True, first.signed_off_at, first.number_symbol)
    assert IssuedNumber.objects.count() == 1


def test_a_wide_review_page_shows_one_agreement_at_a_time(login: Any, wide_users: dict[str, Any], orgs: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Over PAGE_AGREEMENTS agreements, the page has a summary row per agreement and the tables of
    one of them, in the same number of queries; the totals stay those of the whole review."""
    from django.urls import reverse

    from phoihop.reviews import selectors

    review = world.build(wide_users, orgs, agreements=3, years=(2023, 2024))
    whole = review_figures(review, today=TODAY)
    client = login(wide_users["leader"])
    narrow_queries = _page_queries(client, "reviews:detail", review)
    monkeypatch.setattr(selectors, "PAGE_AGREEMENTS", 2)
    assert _page_queries(client, "reviews:detail", review) == narrow_queries

    covered = covered_agreements(review)
    second = review_figures(review, today=TODAY, detail=covered[1].pk)
    assert (second.tasks_planned, second.tasks_done, second.activities, second.participants) == (
        whole.tasks_planned, whole.tasks_done, whole.activities, whole.participants
    )
    assert [s.agreement.pk for s in second.by_agreement] == [a.pk for a in covered]
    assert sum(s.activities for s in second.by_agreement) == whole.activities
    assert sum(s.tasks_planned for s in second.by_agreement) == whole.tasks_planned
    assert {a.agreement_id for a in second.areas} == {covered[1].pk}
    assert second.areas == [a for a in whole.areas if a.agreement_id == covered[1].pk]
    # The parties' table counts that agreement's work only.
    assert sum(p.activities for p in second.parties) < sum(p.activities for p in whole.parties)

    def summary_rows(asked: str) -> list[tuple[int, bool]]:
        html = client.get(reverse("reviews:detail", args=[review.pk]), {"agreement": asked}).content.decode()
        table = html.split('id="figures-agreements"')[1].split("</table>")[0]
        return [(int(pk), bool(current)) for current, pk in re.findall(r'<tr( class="table-active" aria-current="true")? data-agreement="(\d+)"', table)]

    assert summary_rows(str(covered[1].pk)) == [(covered[0].pk, False), (covered[1].pk, True), (covered[2].pk, False)]
    html = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert f'data-figure="activities">{whole.activities}<' in html
    # An agreement the review does not cover, or nonsense, shows the main one.
    for asked in ("999999", "x"):
        assert [pk for pk, current in summary_rows(asked) if current] == [covered[0].pk]
    # Frozen at sign-off, the page splits the stored figures the same way.
    frozen = selectors.figures_from_data(figures_data(whole))
    selectors._detail_frozen(frozen, covered[1].pk)
    assert [(s.agreement.pk, s.tasks_planned, s.tasks_done, s.activities, s.participants) for s in frozen.by_agreement] == [
        (s.agreement.pk, s.tasks_planned, s.tasks_done, s.activities, s.participants) for s in second.by_agreement
    ]
    assert frozen.areas == second.areas
