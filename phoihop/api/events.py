"""Conferences and other events (signing ceremonies, interim and final reviews, joint activities,
inspections, trainings), as the event pages show them: seen by those who see the host, one of
the participating organisations or one of the agreements (the events' access rules)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field as F
from ninja import Query, Router, Schema

from phoihop.agreements.models import Agreement
from phoihop.api import schemas
from phoihop.api.etags import tagged
from phoihop.api.organizations import choice, ref
from phoihop.api.paging import form_data, key, offset_page
from phoihop.events import access, selectors
from phoihop.events.forms import EventListFilterForm
from phoihop.events.models import Attendee, Event

router = Router(tags=["events"])


class EventFilters(Schema):
    q: str = F(
        "",
        max_length=200,
        pattern=schemas.NO_NUL,
        description="Words of the title or place (diacritics ignored)",
    )
    kind: Event.Kind | None = None
    year: int | None = F(None, ge=1, le=9999)
    host: schemas.Key | None = F(None, description="The host organisation")
    archived: bool = False
    limit: int = F(25, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


class EventOut(Schema):
    id: int
    kind: schemas.Choice
    title: str
    date: datetime.date
    time_of_day: str
    place: str
    host: schemas.Ref
    archived: bool


class EventListItem(EventOut):
    attendee_count: int
    agreement_count: int = F(description="Agreements signed or reviewed there, seen or not")


class AttendeeOut(Schema):
    full_name: str
    rank: str = F(description="As held on the day of the event")
    position: str = F(description="As held on the day of the event")
    organization: schemas.Ref | None
    person_id: int | None


class EventAgreement(Schema):
    id: int
    number_symbol: str
    title: str
    kind: schemas.Choice
    status: schemas.Choice


class EventDetail(EventOut):
    summary: str
    minutes: str
    source: str
    organizations: list[schemas.Ref] = F(description="The participating organisations")
    attendees: list[AttendeeOut]
    agreements: list[EventAgreement] = F(
        description="The agreements signed or reviewed there that you may open"
    )
    version: int


class EventPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EventListItem]


def event_out(e: Event) -> dict[str, Any]:
    return {
        "id": e.pk,
        "kind": choice(e, "kind"),
        "title": e.title,
        "date": e.date,
        "time_of_day": e.time_of_day,
        "place": e.place,
        "host": ref(e.host),
        "archived": e.is_archived,
    }


def event_list_item(e: Event) -> dict[str, Any]:
    return {
        **event_out(e),
        "attendee_count": getattr(e, "attendee_count", 0),
        "agreement_count": getattr(e, "agreement_count", 0),
    }


def attendee_out(a: Attendee) -> dict[str, Any]:
    return {
        "full_name": a.full_name,
        "rank": a.rank,
        "position": a.position,
        "organization": ref(a.organization),
        "person_id": a.person_id,
    }


def agreement_brief(a: Agreement) -> dict[str, Any]:
    return {
        "id": a.pk,
        "number_symbol": a.number_symbol,
        "title": a.title,
        "kind": choice(a, "kind"),
        "status": choice(a, "status"),
    }


@router.get(
    "/events",
    response={200: EventPage, **schemas.ERRORS},
    url_name="event_list",
    summary="List events",
)
def event_list(request: HttpRequest, filters: Query[EventFilters]) -> dict[str, Any]:
    """The events you see, newest first, filtered as on the event list."""
    form = EventListFilterForm(form_data(filters), years=[])
    rows = selectors.event_list(user=request.user, filters=form.filters())
    return offset_page(rows, limit=filters.limit, offset=filters.offset, out=event_list_item)


@router.get(
    "/events/{int:pk}",
    response={200: EventDetail, **schemas.READ_ERRORS},
    url_name="event_detail",
    summary="One event",
)
def event_detail(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """With its host, participating organisations, attendees (with the rank and position each
    held that day) and the agreements signed or reviewed there that you may open. Its ETag is
    that of the answer, which also changes when you come to see another of its agreements."""
    event = access.get_event_for_user(request.user, key(pk))
    parts = selectors.event_parts(user=request.user, event=event)
    body = {
        **event_out(event),
        "summary": event.summary,
        "minutes": event.minutes,
        "source": event.source,
        "version": event.version,
        "organizations": [ref(o) for o in parts.organizations],
        "attendees": [attendee_out(a) for a in parts.attendees],
        "agreements": [agreement_brief(a) for a in parts.agreements],
    }
    return tagged(request, response, body)
