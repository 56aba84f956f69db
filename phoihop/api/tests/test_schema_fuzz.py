"""Schemathesis against the API's own OpenAPI schema: for every operation, a bounded number of
generated requests as an officer and as a leader (each with a read-write token), with no server
error and every answer as the schema says (status, content type, body).

The requests go to the Django application in this process (its WSGI handler), inside the test's
transaction, on the fixture world of phoihop/conftest.py with a plan, an indicator, an activity,
a signing conference, a review with a proposed commendation, a sent report, an inspection with a
recommendation and files."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Each operation's examples per user; PHOIHOP_FUZZ_SCALE=20 (as for the forms' fuzz) makes a
# deeper run. Twelve reach every operation's answers; 25 took 38 s of each suite's run.
EXAMPLES = 12 * max(1, int(os.environ.get("PHOIHOP_FUZZ_SCALE", "1") or 1))


class InProcessWSGI:
    """Django's WSGI handler, without closing the database connection at the end of each
    request (the test's transaction lives on it), as Django's own test client does."""

    def __init__(self) -> None:
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.handler(environ, start_response)


@pytest.fixture
def api_schema() -> Iterator[Any]:
    from django.core import signals
    from django.db import close_old_connections

    from phoihop.api.main import api

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        loaded = schemathesis.openapi.from_dict(
            dict(api.get_openapi_schema(path_prefix="/api/v1/"))
        )
        loaded.app = InProcessWSGI()
        yield loaded
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(users: Any, orgs: Any, agreement: Any) -> dict[str, Any]:
    from phoihop.activities.services import activity_create
    from phoihop.events.services import AttendeeInput, event_create
    from phoihop.plans.services import indicator_set, plan_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    task = plan.tasks.get(number=1)
    sessions = indicator_set(
        actor=users["alice"], owner=task, name="Buổi tuyên truyền", unit="session", target="12"
    )
    activity = activity_create(
        actor=users["alice"],
        task=task,
        organizations=[orgs["district"]],
        fields={
            "title": "Tuyên truyền Luật Nghĩa vụ quân sự",
            "start_date": datetime.date(2024, 3, 1),
        },
        values={sessions: 3},
    )
    from phoihop.reviews.models import Commendation
    from phoihop.reviews.services import review_create

    review = review_create(
        actor=users["alice"],
        agreement=agreement,
        kind="interim",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    )
    Commendation.objects.create(
        review=review,
        organization=orgs["board"],
        form="merit",
        authority="UBND Quận 4",
        reason="Có thành tích",
        year=2024,
    )
    # A record of each kind the later operations read: a sent report, a visit with a
    # recommendation, files of the activity and of the agreement.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from phoihop.attachments.services import attachment_add
    from phoihop.exchange import services as exchange

    exchange.schedule_set(
        actor=users["alice"], agreement=agreement, rhythm="quarterly", due_days=10
    )
    report = exchange.report_create(
        actor=users["alice"],
        agreement=agreement,
        organization=orgs["district"],
        rhythm="quarterly",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 3, 31),
        period_label="Quý I/2024",
        due_date=datetime.date(2024, 4, 10),
        title="Báo cáo quý I/2024",
        body="Kết quả thực hiện",
    )
    exchange.report_submit(actor=users["alice"], report=report)
    inspection = exchange.inspection_create(
        actor=users["coop_officer"],
        agreement=agreement,
        kind="inspection",
        title="Kiểm tra quý I/2024",
        date=datetime.date(2024, 4, 20),
        inspecting=[orgs["board"]],
        inspected=[orgs["district"]],
    )
    exchange.recommendation_add(
        actor=users["coop_officer"],
        inspection=inspection,
        text="Bổ sung sổ theo dõi",
        responsible=orgs["district"],
    )
    for owner in (activity, agreement):
        pdf = SimpleUploadedFile("tep.pdf", b"%PDF-1.4\n% tep\n", content_type="application/pdf")
        attachment_add(actor=users["alice"], owner=owner, upload=pdf, kind="document")
    # The lists of events and people then have rows to answer with, attendees and titles too.
    event = event_create(
        actor=users["alice"],
        fields={
            "kind": "signing",
            "title": "Hội nghị ký kết chương trình phối hợp",
            "date": datetime.date(2022, 9, 15),
            "host": orgs["district"],
        },
        organizations=[orgs["board"]],
        agreements=[agreement],
        attendees=[
            AttendeeInput(full_name="Nguyễn Văn An", rank="Thượng tá", position="Chỉ huy trưởng")
        ],
    )
    return {
        "plan": plan,
        "activity": activity,
        "review": review,
        "report": report,
        "inspection": inspection,
        "event": event,
    }


def fuzz(schema: Any, secret: str) -> list[str]:
    """Each operation's generated requests; the operations whose answers broke a check."""
    failed = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - collected, then reported together
            failed.append(f"{operation.label}: {exc}")
    return failed


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "leader"])
def test_every_answer_follows_the_schema(
    api_schema: Any, world: Any, make_token: Any, settings: Any, who: str
) -> None:
    """As an officer and as a leader of the agreement's lead party."""
    settings.API_RATE_LIMIT = (
        100_000  # the limit has its own test; here it would only get in the way
    )
    failed = fuzz(api_schema, make_token(who, access="write"))
    assert not failed, "\n\n".join(failed)
