"""The summary rows: kept by the domain models' signals after commit, rebuilt in full the same
way, and giving exactly the figures the live computation (tests/reference.py) gave."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command

from phoihop.dashboards import selectors
from phoihop.dashboards.models import ActivityFigure, ReportSlot, TaskFigure
from phoihop.dashboards.services import dashboard_summaries_rebuild, dashboard_summaries_refresh
from phoihop.dashboards.tests import reference
from phoihop.dashboards.tests.conftest import TODAY

D = datetime.date
DAYS = (TODAY, D(2025, 10, 1), D(2025, 12, 31), D(2026, 1, 3), D(2024, 6, 1))
YEARS = (2024, 2025, 2026)


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    def rows(model: Any, *skip: str) -> list[tuple[Any, ...]]:
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in ("id", *skip)]
        return sorted(model.objects.values_list(*names))

    return {
        "tasks": rows(TaskFigure),
        "activities": rows(ActivityFigure),
        # The slot order is the exchange's order within one refresh: compare without it.
        "reports": rows(ReportSlot, "order"),
    }


def compare(user: Any, organizations: list[Any]) -> None:
    for today in DAYS:
        for year in YEARS:
            old = reference.organization_figures(user=user, organizations=organizations, today=today, year=year)
            new = selectors.organization_figures(organizations=organizations, today=today, year=year)
            for org in organizations:
                o, n = old[org.pk], new[org.pk]
                expected = (
                    len(o.in_force), len(o.ending_soon), len(o.due_this_month), len(o.overdue), len(o.reports_due),
                    len(o.reports_missing), len(o.reports_late), o.approvals, o.activities, o.attainment,
                )
                got = (
                    n.in_force, n.ending_soon, n.due_this_month, n.overdue, n.reports_due, n.reports_missing,
                    n.reports_late, n.approvals, n.activities, n.attainment,
                )
                assert got == expected, (org.name, today, year)
                d = selectors.organization_detail(user=user, organization=org, today=today, year=year, limit=5)
                assert [a.pk for a in d.agreements] == [a.pk for a in o.in_force][: selectors.AGREEMENT_LIMIT]
                assert d.ending_ids == {a.pk for a in o.ending_soon}
                assert [x.task.pk for x in d.overdue_lines] == [x.task.pk for x in o.overdue][:5]
                assert [x.status for x in d.overdue_lines] == [x.status for x in o.overdue][:5]
                assert [x.task.pk for x in d.due_lines] == [x.task.pk for x in o.due_this_month][:5]
                assert [(r.agreement.pk, r.period_start, r.due_date) for r in d.missing_list] == [
                    (r.agreement.pk, r.period_start, r.due_date) for r in o.reports_missing
                ][:5]
                assert [(r.agreement.pk, r.period_start, r.due_date) for r in d.due_list] == [
                    (r.agreement.pk, r.period_start, r.due_date) for r in o.reports_due
                ][:5]
                assert [e.pk for e in d.events] == [e.pk for e in o.events]
                assert [(p.indicator.pk, p.percent) for p in d.indicators] == [
                    (p.indicator.pk, p.percent) for p in o.indicators
                ][: selectors.INDICATOR_LIMIT]
                assert d.indicator_count == len(o.indicators)


def test_it_gives_the_live_figures_of_every_organisation(richer: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.events.models import Event

    under = Event.objects.create(kind="final_review", title="Hội nghị tổng kết", date=D(2025, 12, 20), host=orgs["city"])
    under.agreements.add(richer["later"])
    Event.objects.create(kind="training", title="Tập huấn", date=D(2025, 10, 20), host=orgs["board"])
    everyone = [orgs[k] for k in ("city", "district", "ward", "board", "unrelated")]
    compare(users["staff"], everyone)


def test_it_gives_the_live_figures_to_a_superior_body(richer: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.orgs import access as org_access

    below = [o for o in (orgs[k] for k in ("city", "district", "ward", "board")) if org_access.scope(users["superior"]).sees_org(o.pk)]
    assert orgs["district"] in below
    compare(users["superior"], below)


def test_it_rebuilds_the_same_rows_the_signals_kept(richer: dict[str, Any]) -> None:
    kept = snapshot()
    assert kept["tasks"] and kept["activities"] and kept["reports"]
    dashboard_summaries_rebuild()
    assert snapshot() == kept
    call_command("rebuild_dashboard_summaries", verbosity=0)
    assert snapshot() == kept


def test_it_counts_a_joint_activity_once_for_each_organiser(dash: dict[str, Any], orgs: dict[str, Any]) -> None:
    joint = dash["activities"][1]
    area = dash["plan"].agreement_id
    for org in (orgs["district"], orgs["board"]):
        row = ActivityFigure.objects.get(organization=org, agreement_id=area, year=2025)
        assert row.approved == (2 if org == orgs["district"] else 1)
    assert set(joint.organizations.values_list("pk", flat=True)) == {orgs["district"].pk, orgs["board"].pk}


def test_it_refreshes_after_the_commit_once_per_transaction(
    dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.db import transaction

    from phoihop.activities.services import activity_submit
    from phoihop.dashboards import services, signals
    from phoihop.plans.tests.helpers import record

    monkeypatch.setattr(signals, "on_commit", transaction.on_commit)  # the real thing again
    refreshed: list[list[int]] = []
    real = services.dashboard_summaries_refresh

    def spy(*, agreement_ids: Any) -> None:
        refreshed.append(sorted(agreement_ids))
        real(agreement_ids=agreement_ids)

    monkeypatch.setattr(services, "dashboard_summaries_refresh", spy)
    before = ActivityFigure.objects.get(organization=orgs["board"], agreement_id=dash["plan"].agreement_id, year=2025)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            waiting = record(users["alice"], dash["tasks"][2], [orgs["board"], orgs["district"]], day=D(2025, 9, 1))
            activity_submit(actor=users["alice"], activity=waiting)
        assert refreshed == []  # nothing before the commit
    assert refreshed == [[dash["plan"].agreement_id]]
    after = ActivityFigure.objects.get(organization=orgs["board"], agreement_id=dash["plan"].agreement_id, year=2025)
    assert after.submitted == before.submitted + 1


def test_it_refreshes_an_agreement_idempotently(dash: dict[str, Any], agreement: Any) -> None:
    kept = snapshot()
    dashboard_summaries_refresh(agreement_ids=[agreement.pk, agreement.pk])
    dashboard_summaries_refresh(agreement_ids=[agreement.pk])
    assert snapshot() == kept


def test_it_follows_task_completion_and_indicator_values(dash: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.plans.services import task_complete, task_reopen

    t4 = dash["tasks"][4]
    assert selectors.organization_figures(organizations=[orgs["district"]], today=TODAY, year=2025)[orgs["district"].pk].overdue == 2
    task_complete(actor=users["alice"], task=t4, on=D(2025, 11, 14))
    assert selectors.organization_figures(organizations=[orgs["district"]], today=TODAY, year=2025)[orgs["district"].pk].overdue == 1
    task_reopen(actor=users["alice"], task=t4)
    assert TaskFigure.objects.get(task=t4, organization=orgs["district"]).state == TaskFigure.State.OPEN


def test_it_registers_the_rebuild_as_the_last_derived_step() -> None:
    from phoihop.scale.derived import rebuilders

    label, step = rebuilders()[-1]
    assert step is dashboard_summaries_rebuild


def test_it_fills_empty_summaries_after_migrating(dash: dict[str, Any]) -> None:
    from phoihop.dashboards.apps import _fill_after_migrate

    kept = snapshot()
    TaskFigure.objects.all().delete()
    ActivityFigure.objects.all().delete()
    _fill_after_migrate(using="default")
    assert snapshot() == kept
    ActivityFigure.objects.all().delete()
    _fill_after_migrate(using="default")  # task rows exist: a later migrate leaves the rows alone
    assert not ActivityFigure.objects.exists()
