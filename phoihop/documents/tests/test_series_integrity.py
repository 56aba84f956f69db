"""The register check: repeats, unconfirmed gaps and entries that stand for no document."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType

from phoihop.documents import services
from phoihop.documents.models import IssuedNumber, NumberCounter
from phoihop.documents.selectors import SeriesProblem, series_integrity
from phoihop.plans.models import AnnualPlan

JAN_5 = datetime.date(2023, 1, 5)


def reserve(user: Any, issuer: Any, **kw: Any) -> IssuedNumber:
    return services.reserve_number(actor=user, issuer=issuer, doc_type="KH", issued_on=JAN_5, **kw)


def entry(issuer: Any, number: int, **kw: Any) -> IssuedNumber:
    return IssuedNumber.objects.create(issuer=issuer, doc_type="KH", form="state", series="2023", number=number,
                                       symbol=f"{number:02d}/KH-BCHQS", issued_on=JAN_5, **kw)


def test_it_finds_nothing_wrong_with_a_series_given_in_order(orgs: dict[str, Any], users: dict[str, Any], agreement: Any) -> None:
    plans = [AnnualPlan.objects.create(agreement=agreement, year=2030 + i) for i in range(3)]
    for plan in plans:
        reserve(users["alice"], orgs["district"], record=plan)
    reserve(users["alice"], orgs["district"], number=6, confirm_out_of_sequence=True,
            record=AnnualPlan.objects.create(agreement=agreement, year=2040))
    assert series_integrity() == []


def test_it_reports_a_gap_nobody_confirmed(orgs: dict[str, Any], agreement: Any) -> None:
    plan_type = ContentType.objects.get_for_model(AnnualPlan)
    for number in (1, 4):
        plan = AnnualPlan.objects.create(agreement=agreement, year=2030 + number)
        entry(orgs["district"], number, content_type=plan_type, object_id=plan.pk)
    assert series_integrity() == [SeriesProblem("gap", orgs["district"].pk, "2023", (2, 3))]
    assert series_integrity(issuer_ids=[orgs["board"].pk]) == []


def test_it_reports_entries_that_stand_for_no_document(orgs: dict[str, Any], users: dict[str, Any]) -> None:
    reserve(users["alice"], orgs["district"])
    entry(orgs["district"], 2, content_type=ContentType.objects.get_for_model(AnnualPlan), object_id=987654)
    problems = series_integrity()
    # The second one was written around the service, so the counter lags behind it as well.
    assert [(p.kind, p.numbers) for p in problems] == [("counter_behind", (1, 2)), ("orphan", (1,)), ("orphan", (2,))]
    assert problems[1].detail == "01/KH-BCHQS: no document recorded"
    assert "is gone" in problems[2].detail


def test_it_reports_a_document_showing_another_number(orgs: dict[str, Any], users: dict[str, Any], agreement: Any) -> None:
    reserve(users["alice"], orgs["district"], record=agreement)  # the agreement reads 03/CTr-BCHQS-BTGQU
    [problem] = series_integrity()
    assert (problem.kind, problem.numbers) == ("mismatch", (1,))
    assert problem.detail.startswith("01/KH-BCHQS in the register, 03/CTr-BCHQS-BTGQU on ")


def test_it_reports_a_counter_behind_the_register(orgs: dict[str, Any], users: dict[str, Any], agreement: Any) -> None:
    plan = AnnualPlan.objects.create(agreement=agreement, year=2031)
    reserve(users["alice"], orgs["district"], record=plan)
    NumberCounter.objects.filter(issuer=orgs["district"]).update(last_number=0)
    assert series_integrity() == [SeriesProblem("counter_behind", orgs["district"].pk, "2023", (0, 1))]
