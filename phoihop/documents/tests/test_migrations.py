"""The register as it was before a document had one number: the upgrade cancels the extras."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("documents", "0001_initial")]
AFTER = [("documents", "0002_number_counter")]


@pytest.fixture
def latest_schema_after() -> Any:
    """Going back to 0001 unapplies every later migration of documents (and of apps that
    depend on it): put the whole schema back afterwards, or later tests find tables missing."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_it_keeps_the_latest_number_of_a_document_and_fills_the_counters(plan: Any, users: dict[str, Any]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    IssuedNumber = apps.get_model("documents", "IssuedNumber")
    ContentType = apps.get_model("contenttypes", "ContentType")
    plan_type = ContentType.objects.get(app_label="plans", model="annualplan")
    lead = plan.agreement.parties.get(role="lead").organization
    for number in (1, 2, 3):  # asked three times, as the old form allowed
        IssuedNumber.objects.create(
            issuer_id=lead.pk, doc_type="KH", form="state", series="2024", number=number,
            symbol=f"0{number}/KH-BCHQS-BTGQU", issued_on=datetime.date(2024, 1, number),
            content_type=plan_type, object_id=plan.pk,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    from phoihop.documents import selectors, services
    from phoihop.documents.models import IssuedNumber as Current
    from phoihop.documents.models import NumberCounter

    entries = list(Current.objects.order_by("number").values_list("number", "voided"))
    assert entries == [(1, True), (2, True), (3, False)]
    assert Current.objects.get(number=1).note == "Đã hủy: văn bản được cấp số 03/KH-BCHQS-BTGQU, số cấp sau cùng."
    assert NumberCounter.objects.get(issuer=lead, series="2024").last_number == 3
    from phoihop.documents.drafting import issued_numbers_for

    assert [e.number for e in issued_numbers_for(plan)] == [3]  # what the plan's files print
    # Asked again, the plan keeps its number; the next document takes 04.
    again = services.reserve_number(actor=users["alice"], issuer=lead, doc_type="KH",
                                    issued_on=datetime.date(2024, 2, 1), record=plan)
    assert again.number == 3
    assert services.suggest_number(lead, "KH", datetime.date(2024, 2, 1)).number == 4
    assert selectors.series_integrity() == []
