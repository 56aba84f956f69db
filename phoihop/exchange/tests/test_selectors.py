from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from phoihop.exchange.selectors import (
    inspection_summary,
    open_recommendations,
    owed_reports,
    prefill_body,
    timeliness,
)
from phoihop.exchange.services import recommendation_add, recommendation_close, schedule_set
from phoihop.exchange.tests.conftest import D, make_report
from phoihop.plans.tests.helpers import approve, indicator, record
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def labels(slots, org=None):
    return [s.period_label for s in slots if org is None or s.organization == org]


def set_rhythm(agreement, users, rhythm, due_days=10):
    schedule_set(actor=users["alice"], agreement=agreement, rhythm=rhythm, due_days=due_days)
    agreement.refresh_from_db()


def test_it_owes_quarterly_reports_from_the_quarter_the_agreement_was_signed_in(agreement, users, orgs):
    # Signed on 15/09/2022, mid-quarter: the third quarter of 2022 is owed in full.
    set_rhythm(agreement, users, "quarterly")
    slots = owed_reports(today=D(2023, 1, 5), agreement_ids=[agreement.pk], organization_ids=[orgs["board"].pk])
    # Up to today + 31 days: the first quarter of 2023 has begun by then and shows as not due.
    assert labels(slots) == ["Quý III/2022", "Quý IV/2022", "Quý I/2023"]
    assert [s.state for s in slots] == ["missing", "due", "not_due"]
    first = slots[0]
    assert (first.period_start, first.period_end, first.due_date) == (D(2022, 7, 1), D(2022, 9, 30), D(2022, 10, 10))


def test_it_owes_each_rhythm_its_calendar_periods(agreement, users, orgs):
    board = [orgs["board"].pk]
    window = {"today": D(2024, 12, 31), "agreement_ids": [agreement.pk], "organization_ids": board,
              "start": D(2024, 1, 1), "end": D(2024, 12, 31)}
    set_rhythm(agreement, users, "monthly")
    assert labels(owed_reports(**window)) == [f"Tháng {m}/2024" for m in range(1, 13)]
    set_rhythm(agreement, users, "quarterly")
    assert labels(owed_reports(**window)) == ["Quý I/2024", "Quý II/2024", "Quý III/2024", "Quý IV/2024"]
    set_rhythm(agreement, users, "half_yearly")
    slots = owed_reports(**window)
    assert labels(slots) == ["6 tháng đầu năm 2024", "6 tháng cuối năm 2024"]
    assert [s.period_end for s in slots] == [D(2024, 6, 30), D(2024, 12, 31)]
    set_rhythm(agreement, users, "yearly")
    assert labels(owed_reports(**window)) == ["Năm 2024"]
    set_rhythm(agreement, users, "ad_hoc")
    assert owed_reports(**window) == []


def test_it_stops_at_today_plus_a_month_and_at_the_end_of_the_party(agreement, users, orgs):
    set_rhythm(agreement, users, "half_yearly")
    slots = owed_reports(today=D(2025, 12, 15), agreement_ids=[agreement.pk])
    # The district command ended on 30/06/2025: it owes nothing for the second half of 2025.
    assert labels(slots, orgs["district"])[-1] == "6 tháng đầu năm 2025"
    assert labels(slots, orgs["board"])[-1] == "6 tháng cuối năm 2025"
    early = owed_reports(today=D(2023, 5, 1), agreement_ids=[agreement.pk], organization_ids=[orgs["board"].pk])
    # Up to 31/05/2023: the first half of 2023 overlaps, the second does not.
    assert labels(early) == ["6 tháng cuối năm 2022", "6 tháng đầu năm 2023"]


def test_it_owes_only_the_parties_the_schedule_names(agreement, users, orgs):
    schedule_set(actor=users["alice"], agreement=agreement, rhythm="yearly", due_days=15, reporters=[orgs["board"]])
    slots = owed_reports(today=D(2024, 2, 1), agreement_ids=[agreement.pk])
    assert {s.organization for s in slots} == {orgs["board"]}


def test_it_tells_on_time_late_missing_due_and_not_due(agreement, users, orgs, quarterly):
    district = orgs["district"]
    make_report(users["alice"], agreement, district, D(2024, 1, 1), D(2024, 3, 31), submit_on=D(2024, 4, 10))
    make_report(users["alice"], agreement, district, D(2024, 4, 1), D(2024, 6, 30), submit_on=D(2024, 7, 11))
    make_report(users["alice"], agreement, district, D(2024, 7, 1), D(2024, 9, 30))  # draft only
    today = D(2024, 10, 15)
    slots = owed_reports(today=today, agreement_ids=[agreement.pk], organization_ids=[district.pk], start=D(2024, 1, 1))
    assert [(s.period_start.month, s.state) for s in slots] == [(1, "on_time"), (4, "late"), (7, "missing"), (10, "not_due")]
    assert slots[2].report is not None and slots[2].report.status == "draft"
    # Five days before the fourth quarter's due date (10/01/2025) it is due.
    soon = owed_reports(today=D(2025, 1, 5), agreement_ids=[agreement.pk], organization_ids=[district.pk], start=D(2024, 10, 1))
    assert soon[0].state == "due"


def test_it_rates_each_party_on_time_over_a_year(agreement, users, orgs, quarterly):
    district, board = orgs["district"], orgs["board"]
    make_report(users["alice"], agreement, district, D(2024, 1, 1), D(2024, 3, 31), submit_on=D(2024, 4, 2))
    make_report(users["alice"], agreement, district, D(2024, 4, 1), D(2024, 6, 30), submit_on=D(2024, 7, 30))
    make_report(users["coop_officer"], agreement, board, D(2024, 1, 1), D(2024, 3, 31), submit_on=D(2024, 4, 9))
    rows = {t.organization: t for t in timeliness(agreement=agreement, year=2024, today=D(2024, 8, 1))}
    d, b = rows[district], rows[board]
    # Q3 and Q4 are not yet due on 01/08/2024.
    assert (d.owed, d.on_time, d.late, d.missing, d.rate) == (2, 1, 1, 0, Decimal("50.0"))
    assert (b.owed, b.on_time, b.late, b.missing, b.rate) == (2, 1, 0, 1, Decimal("50.0"))
    early = {t.organization: t.rate for t in timeliness(agreement=agreement, year=2025, today=D(2025, 2, 1))}
    assert early == {district: None, board: None}


def test_it_counts_queries_independently_of_the_number_of_rows(agreement, users, orgs, quarterly):
    def count(**kwargs):
        with assert_queries(4):
            owed_reports(today=D(2025, 3, 1), **kwargs)

    count(agreement_ids=[agreement.pk], start=D(2024, 1, 1), end=D(2024, 3, 31))
    for q in range(4):
        start = D(2023, 3 * q + 1, 1)
        end = D(2023, 12, 31) if q == 3 else D(2023, 3 * q + 4, 1) - datetime.timedelta(days=1)
        make_report(users["alice"], agreement, orgs["district"], start, end, submit_on=end)
    count(agreement_ids=None)


def test_it_prefills_a_draft_with_the_approved_activities_of_the_period_only(agreement, users, orgs, task):
    sessions = indicator(users["alice"], task, "Buổi tuyên truyền", "12")
    approved = record(users["alice"], task, [orgs["district"]], day=D(2024, 2, 10), values={sessions: "3"}, title="Tuyên truyền Luật Nghĩa vụ quân sự")
    approve(users["alice"], users["leader"], approved)
    other = record(users["alice"], task, [orgs["district"]], day=D(2024, 3, 5), values={sessions: "2"}, title="Nói chuyện truyền thống")
    approve(users["alice"], users["leader"], other)
    record(users["alice"], task, [orgs["district"]], day=D(2024, 3, 8), title="Hoạt động còn nháp")
    later = record(users["alice"], task, [orgs["district"]], day=D(2024, 5, 8), title="Hoạt động quý sau")
    approve(users["alice"], users["leader"], later)
    board_only = record(users["coop_officer"], task, [orgs["board"]], day=D(2024, 2, 1), title="Hoạt động của bên kia")
    body = prefill_body(agreement=agreement, organization=orgs["district"], start=D(2024, 1, 1), end=D(2024, 3, 31))
    assert "Tuyên truyền Luật Nghĩa vụ quân sự" in body and "Nói chuyện truyền thống" in body
    assert "Hoạt động còn nháp" not in body and "Hoạt động quý sau" not in body
    assert board_only.title not in body
    assert "Buổi tuyên truyền: 5 buổi" in body  # the period's total
    assert "10/02/2024" in body


def test_it_lists_open_recommendations_and_sums_up_inspections(agreement, users, orgs, inspection):
    first = recommendation_add(actor=users["coop_officer"], inspection=inspection, text="Bổ sung sổ theo dõi", responsible=orgs["district"])
    second = recommendation_add(actor=users["coop_officer"], inspection=inspection, text="Báo cáo đúng hạn", responsible=orgs["district"], due_date=D(2025, 1, 15))
    recommendation_close(actor=users["coop_officer"], recommendation=first)
    assert list(open_recommendations(agreement_ids=[agreement.pk])) == [second]
    assert list(open_recommendations(organization_ids=[orgs["board"].pk])) == []
    assert inspection_summary(agreement=agreement, start=D(2024, 1, 1), end=D(2024, 12, 31)) == {
        "inspections": 1, "recommendations": 2, "closed": 1, "open": 1,
    }
    assert inspection_summary(agreement=agreement, start=D(2025, 1, 1), end=D(2025, 12, 31))["inspections"] == 0
