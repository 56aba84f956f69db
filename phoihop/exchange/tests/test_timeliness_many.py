"""Timeliness of many agreements and years at once, in a fixed number of queries, the same
figures as one agreement and year at a time; the schedule page's queries pinned."""

from __future__ import annotations

import pytest
from django.urls import reverse

from phoihop.exchange.selectors import owed_reports, timeliness, timeliness_many
from phoihop.exchange.services import schedule_set
from phoihop.exchange.tests.conftest import D, make_report
from phoihop.testing.builders import make_agreement
from phoihop.testing.queries import captured_queries

pytestmark = pytest.mark.django_db

SCHEDULE_PAGE_QUERIES = 15


def second_agreement(orgs, users):
    other = make_agreement(
        actor=users["alice"], parties=[orgs["district"], orgs["board"]],
        kind="plan", number_symbol="05/KH-BCHQS", title="Kế hoạch phối hợp tuyển quân",
        period_start=2023, period_end=2025, signed_on=D(2023, 1, 10),
    )
    schedule_set(actor=users["alice"], agreement=other, rhythm="monthly", due_days=5)
    return other


def fill(users, orgs, agreement, year):
    """Reports of some quarters of ``year``: on time, late, and one missing."""
    make_report(users["alice"], agreement, orgs["district"], D(year, 1, 1), D(year, 3, 31), submit_on=D(year, 4, 2))
    make_report(users["alice"], agreement, orgs["district"], D(year, 4, 1), D(year, 6, 30), submit_on=D(year, 8, 30))
    make_report(users["coop_officer"], agreement, orgs["board"], D(year, 1, 1), D(year, 3, 31), submit_on=D(year, 4, 9))


def as_tuples(rows):
    return [(t.organization.pk, t.owed, t.on_time, t.late, t.missing, t.rate) for t in rows]


def test_it_gives_each_agreement_and_year_what_timeliness_gives(agreement, users, orgs, quarterly):
    other = second_agreement(orgs, users)
    fill(users, orgs, agreement, 2023)
    fill(users, orgs, agreement, 2024)
    make_report(users["alice"], other, orgs["district"], D(2024, 2, 1), D(2024, 2, 29), submit_on=D(2024, 3, 3))
    today = D(2024, 9, 1)
    many = timeliness_many(agreement_ids=[agreement.pk, other.pk], years=[2023, 2024, 2022], today=today)
    assert set(many) == {(a, y) for a in (agreement.pk, other.pk) for y in (2022, 2023, 2024)}
    for (agreement_id, year), rows in many.items():
        one = agreement if agreement_id == agreement.pk else other
        assert as_tuples(rows) == as_tuples(timeliness(agreement=one, year=year, today=today)), (agreement_id, year)
    district = {t.organization.pk: t for t in many[(agreement.pk, 2024)]}[orgs["district"].pk]
    assert (district.owed, district.on_time, district.late, district.missing) == (2, 1, 1, 0)
    # The second agreement began in 2023: nothing owed in 2022, its parties listed with zeros.
    assert [t.owed for t in many[(other.pk, 2022)]] == [0, 0]


def test_it_makes_four_queries_whatever_the_agreements_and_years(agreement, users, orgs, quarterly):
    def count(ids, years):
        with captured_queries() as ctx:
            timeliness_many(agreement_ids=ids, years=years, today=D(2025, 3, 1))
        return len(ctx.captured_queries)

    few = count([agreement.pk], [2024])
    others = [second_agreement(orgs, users) for _ in range(3)]
    fill(users, orgs, agreement, 2023)
    fill(users, orgs, agreement, 2024)
    many = count([agreement.pk, *(o.pk for o in others)], [2022, 2023, 2024, 2025])
    assert few == many == 4


def test_it_never_reads_report_bodies_and_only_the_window(agreement, users, orgs, quarterly):
    fill(users, orgs, agreement, 2023)
    fill(users, orgs, agreement, 2024)
    with captured_queries() as ctx:
        slots = owed_reports(today=D(2024, 9, 1), agreement_ids=[agreement.pk], start=D(2024, 1, 1), end=D(2024, 12, 31))
    report_sql = [q["sql"] for q in ctx.captured_queries if 'FROM "exchange_periodicreport"' in q["sql"]]
    assert len(report_sql) == 1 and '"body"' not in report_sql[0] and "period_end" in report_sql[0]
    assert {s.report.period_start.year for s in slots if s.report} == {2024}


def test_the_schedule_page_makes_the_same_queries_for_more_parties_and_reports(login, agreement, users, orgs, quarterly):
    from phoihop.agreements.models import Party

    client = login(users["coop_officer"])
    url = reverse("exchange:schedule", args=[agreement.pk])
    make_report(users["alice"], agreement, orgs["district"], D(2024, 1, 1), D(2024, 3, 31), submit_on=D(2024, 4, 5))
    client.get(url, {"year": 2024})

    def count():
        with captured_queries() as ctx:
            assert client.get(url, {"year": 2024}).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    Party.objects.create(agreement=agreement, organization=orgs["ward"], role="cooperating", name_as_signed="Phường 1")
    fill(users, orgs, agreement, 2023)
    make_report(users["coop_officer"], agreement, orgs["board"], D(2024, 4, 1), D(2024, 6, 30), submit_on=D(2024, 7, 5))
    make_report(users["alice"], agreement, orgs["district"], D(2024, 4, 1), D(2024, 6, 30))
    assert count() == few == SCHEDULE_PAGE_QUERIES
    assert orgs["ward"].name in client.get(url, {"year": 2024}).content.decode()  # the new party's row
