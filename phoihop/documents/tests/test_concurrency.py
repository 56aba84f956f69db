"""Numbers issued by requests running at the same moment, each on its own database connection.

SQLite runs one writing transaction at a time, so only PostgreSQL can show a race here; on
SQLite these tests are skipped (on PostgreSQL they always run).
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from phoihop.documents import selectors, services
from phoihop.documents.models import IssuedNumber

pytestmark = pytest.mark.django_db(transaction=True)

D = datetime.date
JAN_10 = D(2024, 1, 10)


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writing transactions: no race to show (runs on PostgreSQL)")


def run_together(count: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException | None]]:
    """Run ``work(0) … work(count - 1)`` in threads released together, one connection each."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException | None] = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            errors[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def reserve_plan_number(user: Any, plan: Any, on: datetime.date = JAN_10) -> IssuedNumber:
    return services.reserve_number(
        actor=user, issuer=plan.agreement.parties.get(role="lead").organization, doc_type="KH",
        issued_on=on, record=plan, title=f"Kế hoạch phối hợp năm {plan.year}",
    )


def test_it_gives_a_plan_one_number_when_asked_twice_at_once_and_again(plan: Any, users: dict[str, Any]) -> None:
    results, errors = run_together(2, lambda _i: reserve_plan_number(users["alice"], plan))
    assert errors == [None, None]
    again = reserve_plan_number(users["alice"], plan)
    assert {r.pk for r in results} == {again.pk}
    assert list(IssuedNumber.objects.values_list("number", flat=True)) == [1]
    assert services.suggest_number(plan.agreement.parties.get(role="lead").organization, "KH", D(2024, 5, 1)).number == 2


def test_it_numbers_documents_reserved_at_once_without_gap_or_repeat(agreement: Any, users: dict[str, Any]) -> None:
    from phoihop.plans.models import AnnualPlan

    count = 8
    plans = [AnnualPlan.objects.create(agreement=agreement, year=2030 + i) for i in range(count)]
    results, errors = run_together(count, lambda i: reserve_plan_number(users["alice"], plans[i]))
    assert errors == [None] * count
    assert sorted(r.number for r in results) == list(range(1, count + 1))
    assert set(IssuedNumber.objects.values_list("object_id", flat=True)) == {p.pk for p in plans}
    assert selectors.series_integrity() == []


def test_it_refuses_the_second_of_two_identical_typed_numbers(agreement: Any, users: dict[str, Any]) -> None:
    from django.core.exceptions import ValidationError

    from phoihop.plans.models import AnnualPlan

    plans = [AnnualPlan.objects.create(agreement=agreement, year=2030 + i) for i in range(2)]
    district = agreement.parties.get(role="lead").organization

    def typed(index: int) -> IssuedNumber:
        return services.reserve_number(
            actor=users["alice"], issuer=district, doc_type="KH", issued_on=D(2024, 1, 10), number=1,
            record=plans[index],
        )

    results, errors = run_together(2, typed)
    assert sum(e is None for e in errors) == 1
    [refusal] = [e for e in errors if e is not None]
    assert isinstance(refusal, ValidationError)
    assert "Số 01 đã được cấp trong sổ 2024" in " ".join(refusal.messages)
    assert list(IssuedNumber.objects.values_list("number", flat=True)) == [1]
