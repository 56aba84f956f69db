"""The event list costs the same queries whatever the user may see, and offers only the chosen
host instead of every host."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from phoihop.testing.queries import captured_queries
from phoihop.vn.text import fold

pytestmark = pytest.mark.django_db

# Pinned: the same with 3 events as with 60, filters and search included.
LIST_QUERIES = 9


def make_events(count: int, *, host: Any, start: int = 0) -> list[Any]:
    from phoihop.events.models import Event
    from phoihop.events.services import event_reach_rebuild

    rows = []
    for i in range(start, start + count):
        row = Event(kind=Event.Kind.OTHER, title=f"Hội nghị giao ban số {i}", date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i), host=host)
        row.search_text = " | ".join(fold(part) for part in row.search_source() if part)
        rows.append(row)
    made = Event.objects.bulk_create(rows)
    event_reach_rebuild()  # bulk loading sends no signals, so it ends with the rebuild
    return made


def _get(client: Any, params: dict[str, Any] | None = None) -> tuple[Any, int]:
    with captured_queries() as queries:
        response = client.get(reverse("events:list"), params or {})
    assert response.status_code == 200
    return response, len(queries)


def test_it_lists_events_with_the_same_queries_for_few_and_many(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client = login(users["superior"])
    params = {"host": orgs["district"].pk, "q": "giao ban", "year": 2024}
    make_events(3, host=orgs["district"])
    _get(client)
    _, few = _get(client, params)
    make_events(60, host=orgs["district"], start=3)
    make_events(30, host=orgs["ward"], start=63)
    response, many = _get(client, params)
    assert (few, many) == (LIST_QUERIES, LIST_QUERIES)
    body = response.content.decode()
    assert f'<option value="{orgs["district"].pk}" selected>' in body and orgs["ward"].name not in body
    assert response.context["page"].paginator.count == 63


def test_it_pages_newest_first_and_counts_attendees_and_agreements(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    made = make_events(30, host=orgs["district"])
    made[-1].agreements.add(agreement)
    client = login(users["alice"])
    first = list(client.get(reverse("events:list")).context["page"].object_list)
    second = list(client.get(reverse("events:list"), {"page": 2}).context["page"].object_list)
    assert [e.pk for e in first + second] == [e.pk for e in reversed(made)]
    assert (first[0].agreement_count, first[0].attendee_count, first[1].agreement_count) == (1, 0, 0)
    assert client.get(reverse("events:list")).context["years"] == [2024]


def test_it_filters_events_by_host(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    mine = make_events(2, host=orgs["district"])
    make_events(2, host=orgs["ward"], start=2)
    page = login(users["superior"]).get(reverse("events:list"), {"host": orgs["district"].pk}).context["page"]
    assert {e.pk for e in page.object_list} == {e.pk for e in mine}


def test_it_offers_only_the_linked_agreements_and_organisations_on_the_form(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    from phoihop.agreements.tests.bulk import make_agreements

    others = make_agreements(20, party=orgs["district"])
    event = make_events(1, host=orgs["district"])[0]
    event.agreements.add(agreement)
    event.organizations.add(orgs["board"])
    body = login(users["alice"]).get(reverse("events:edit", args=[event.pk])).content.decode()
    assert f'<option value="{agreement.pk}" selected>03/CTr-BCHQS-BTGQU · {agreement.title}</option>' in body
    assert others[0].title not in body
    # (Attendee rows and the host still offer their own lists.)
    participants = body[body.index('name="organizations"'):]
    participants = participants[: participants.index("</select>")]
    assert participants.count("<option") == 1 and f'<option value="{orgs["board"].pk}" selected>' in participants
