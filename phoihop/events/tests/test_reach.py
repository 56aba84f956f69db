"""The organisations an event is seen through (EventReach) follow every change that moves them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phoihop.agreements.models import Party
from phoihop.agreements.services import party_transfer
from phoihop.events import access
from phoihop.events.models import Event, EventReach
from phoihop.events.services import event_create, event_reach_rebuild, event_update

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 10)


def sees(user: Any, event: Event) -> bool:
    """Seen under both forms of the rule (a page's, and the whole list's) or under neither."""
    page = access.visible_events(user).filter(pk=event.pk).exists()
    assert access.visible_events_whole(user).filter(pk=event.pk).exists() == page
    return page


def reach(event: Event) -> set[int]:
    return set(EventReach.objects.filter(event=event).values_list("organization_id", flat=True))


@pytest.fixture
def meeting(users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> Event:
    """Hosted by the district, under the agreement of the district and the board."""
    return event_create(
        actor=users["alice"],
        fields={"kind": Event.Kind.JOINT_ACTIVITY, "title": "Giao ban quý II", "date": DAY, "host": orgs["district"]},
        agreements=[agreement],
    )


def test_an_event_is_reached_through_its_host_bodies_and_agreement_parties(
    meeting: Event, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    assert reach(meeting) == {orgs["district"].pk, orgs["board"].pk}
    assert sees(users["coop_officer"], meeting) and sees(users["superior"], meeting)
    assert not sees(users["charlie"], meeting)

    event_update(
        actor=users["alice"], event=meeting,
        fields={"kind": meeting.kind, "title": meeting.title, "date": DAY, "host": orgs["district"]},
        organizations=[orgs["unrelated"]], agreements=[], attendees=[],
    )
    assert reach(meeting) == {orgs["district"].pk, orgs["unrelated"].pk}
    assert sees(users["charlie"], meeting)
    assert not sees(users["coop_officer"], meeting)  # the agreement is no longer linked


def test_a_party_added_moved_or_removed_moves_who_sees_the_agreements_events(
    meeting: Event, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    party = Party.objects.create(agreement=agreement, organization=orgs["unrelated"], role=Party.Role.COOPERATING, order=3)
    assert sees(users["charlie"], meeting)
    party.delete()
    assert not sees(users["charlie"], meeting)

    # A reorganisation passes the board's role to another body.
    party_transfer(agreement=agreement, movers={orgs["board"].pk}, successor=orgs["unrelated"], reason="Sáp nhập")
    assert reach(meeting) == {orgs["district"].pk, orgs["unrelated"].pk}
    assert sees(users["charlie"], meeting) and not sees(users["coop_officer"], meeting)


def test_links_changed_from_the_agreements_side_are_followed(
    users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    hosted = event_create(
        actor=users["charlie"],
        fields={"kind": Event.Kind.TRAINING, "title": "Tập huấn", "date": DAY, "host": orgs["unrelated"]},
    )
    assert not sees(users["alice"], hosted)
    agreement.events.add(hosted)
    assert sees(users["alice"], hosted)
    agreement.events.clear()
    assert not sees(users["alice"], hosted) and reach(hosted) == {orgs["unrelated"].pk}


def test_the_rebuild_writes_what_the_changes_kept(meeting: Event, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    event_create(
        actor=users["coop_officer"],
        fields={"kind": Event.Kind.TRAINING, "title": "Tập huấn", "date": DAY, "host": orgs["board"]},
        organizations=[orgs["ward"], orgs["board"]],
    )
    kept = set(EventReach.objects.values_list("event_id", "organization_id"))
    assert event_reach_rebuild() == len(kept) == 4
    assert set(EventReach.objects.values_list("event_id", "organization_id")) == kept


def test_the_events_a_user_sees_are_one_read_of_the_reach_rows(meeting: Event, users: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as queries:
        list(access.visible_event_ids(users["coop_officer"]))
    (sql,) = [q["sql"] for q in queries.captured_queries if "events_" in q["sql"]]
    assert "events_eventreach" in sql and "events_event_agreements" not in sql and "agreements_party" not in sql


@pytest.mark.django_db(transaction=True)
def test_two_changes_of_one_event_at_once_leave_the_rows_of_the_last(
    users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    """A refresh of the event is under way (its rows rewritten, not yet committed) when a party
    of its agreement is removed: the removal's refresh waits for it and writes last, so the
    removed body does not stay among the rows (nor does the second refresh fail on them)."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writing transactions: no race to show (runs on PostgreSQL)")
    import threading

    from django.db import transaction

    from phoihop.events.services import event_reach_refresh

    meeting = event_create(
        actor=users["alice"],
        fields={"kind": Event.Kind.JOINT_ACTIVITY, "title": "Giao ban", "date": DAY, "host": orgs["district"]},
        agreements=[agreement],
    )
    party = Party.objects.create(agreement=agreement, organization=orgs["unrelated"], role=Party.Role.COOPERATING, order=3)
    assert reach(meeting) == {orgs["district"].pk, orgs["board"].pk, orgs["unrelated"].pk}
    refreshed, errors = threading.Event(), []

    def first() -> None:
        try:
            with transaction.atomic():
                event_reach_refresh(event_ids=[meeting.pk])  # still reads the party
                refreshed.set()
                threading.Event().wait(0.5)  # the removal below starts meanwhile
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert refreshed.wait(5)
    try:
        with transaction.atomic():
            party.delete()
    finally:
        thread.join()
    assert errors == []
    assert reach(meeting) == {orgs["district"].pk, orgs["board"].pk}
