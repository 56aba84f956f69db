"""Reads of conferences and other events: access-scoped lists, a record's page, form choices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement
from phoihop.audit.personal_data import KeptNames
from phoihop.core import history
from phoihop.core.db import vi
from phoihop.core.selectors import filter_by_query
from phoihop.events import access
from phoihop.events.models import Attendee, Event
from phoihop.orgs.models import Organization, Person
from phoihop.orgs.panels import Panel

if TYPE_CHECKING:
    from phoihop.attachments.models import Attachment
    from phoihop.core.access import AnyUser


def event_list(*, user: AnyUser, filters: Mapping[str, object]) -> QuerySet[Event]:
    """Events the user may see, newest first, filtered by kind, year, host and text. Read through
    the reach rows joined at once: an officer who sees a few events no longer has the date
    index walked through a nation's 49,000 to fill a page (45 ms to 16), and a leader's count
    is not the OR tested on every event."""
    visible = access.visible_events_whole(user)
    qs: QuerySet[Event] = (
        visible.filter(archived_at__isnull=False) if filters.get("archived") else visible.active()
    )
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("year"):
        qs = qs.filter(date__year=filters["year"])
    host = filters.get("host")
    if isinstance(host, Organization | int) and host:  # the filter form's choice, or its key
        qs = qs.filter(host=host)
    qs = filter_by_query(qs, str(filters.get("q") or ""))
    # Subqueries rather than joins and GROUP BY: the paginator's COUNT(*) then leaves them out.
    attendees = Attendee.objects.filter(event=OuterRef("pk")).order_by().values("event").annotate(n=Count("pk")).values("n")
    links = (
        Event.agreements.through._default_manager.filter(event=OuterRef("pk"))
        # The plugin does not follow annotate() on an auto-created through model.
        .order_by().values("event").annotate(n=Count("pk")).values("n")  # type: ignore[misc]
    )
    return (
        qs.select_related("host")
        .annotate(attendee_count=Coalesce(Subquery(attendees), 0), agreement_count=Coalesce(Subquery(links), 0))
        .order_by("-date", "-id")
    )


def year_choices(*, user: AnyUser) -> list[int]:
    """Every year from the first to the last visible event (one aggregate query)."""
    bounds = access.visible_events_whole(user).active().aggregate(first=Min("date"), last=Max("date"))
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))


@dataclass(frozen=True)
class EventDetail:
    """What an event's page shows."""

    event: Event
    attendees: list[Attendee]
    organizations: list[Organization]
    # Only the agreements the reader may open; the rest stay linked but unseen.
    agreements: list[Agreement]
    photos: list[Attachment]
    documents: list[Attachment]
    can_edit: bool
    history: list[history.Entry]


def event_detail(*, user: AnyUser, pk: int) -> EventDetail:
    from phoihop.attachments.selectors import attachments_of

    event = access.get_event_for_user(user, pk)
    files = attachments_of(event)
    parts = event_parts(user=user, event=event)
    return EventDetail(
        event=event,
        attendees=parts.attendees,
        organizations=parts.organizations,
        agreements=parts.agreements,
        photos=[f for f in files if f.is_image],
        documents=[f for f in files if not f.is_image],
        can_edit=access.can_edit_event(user, event),
        history=event_history(event),
    )


@dataclass(frozen=True)
class EventParts:
    """What an event's page lists about the event (and the API with it)."""

    attendees: list[Attendee]
    organizations: list[Organization]
    # Only the agreements the reader may open; the rest stay linked but unseen.
    agreements: list[Agreement]


def event_parts(*, user: AnyUser, event: Event) -> EventParts:
    """Its attendees with the title each held that day, its participating organisations and
    the agreements signed or reviewed there that ``user`` may open. Three queries."""
    return EventParts(
        attendees=list(
            event.attendees.select_related("organization", "person").order_by("order", "id")
        ),
        organizations=list(event.organizations.order_by(vi("name"))),
        agreements=list(
            agreement_access.visible_agreements(user).filter(events=event).order_by("-signed_on", vi("title"))
        ),
    )


def person_attended_panel(*, user: AnyUser, person: Person) -> Panel:
    """The events a person attended that the user sees, with the title he held that day,
    newest first (a panel of the person's page, registered in apps.py)."""
    attended = list(
        Attendee.objects.filter(person=person, event__in=access.visible_events(user))
        .select_related("event")
        .order_by("-event__date")
    )
    return Panel("events/person_panel.html", {"attended": attended})


def person_names_as_recorded(person: Person) -> KeptNames:
    """The person's name in each attendance list, as recorded (kept when he is anonymised)."""
    attendances = Attendee.objects.filter(person=person).select_related("event").order_by("pk")
    return KeptNames(rows=[(a.full_name, a.event.title) for a in attendances])


@dataclass(frozen=True)
class AgreementEvents:
    """The agreement page's "Hội nghị, sự kiện" panel."""

    agreement: Agreement
    events: list[Event]


def agreement_panel(*, user: AnyUser, pk: int) -> AgreementEvents:
    """The agreement page's "Hội nghị, sự kiện" panel: the events of agreement ``pk`` the user sees."""
    agreement = agreement_access.get_agreement_for_user(user, pk)
    return AgreementEvents(
        agreement=agreement,
        events=list(access.visible_events(user).filter(agreements=agreement).select_related("host")),
    )


def event_history(event: Event) -> list[history.Entry]:
    return history.merged(
        history.entries(Event.history.filter(id=event.pk), Event, lambda r: r.title),
        history.entries(
            Attendee.history.filter(event_id=event.pk), Attendee, lambda r: r.full_name
        ),
    )


def host_choices(*, user: AnyUser, event: Event | None = None) -> QuerySet[Organization]:
    """Organisations the user may name as host: those they write for (and the current host)."""
    qs = agreement_access.lead_organizations_for(user)
    if event is not None:
        qs = Organization.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk=event.host_id))
    return qs.order_by(vi("name"))


def linkable_agreements(*, user: AnyUser, event: Event | None = None) -> QuerySet[Agreement]:
    """Agreements the user sees that an event may record as signed or reviewed there."""
    qs = agreement_access.visible_agreements(user)
    condition = Q(archived_at__isnull=True)
    if event is not None:
        linked = Event.agreements.through.objects.filter(event=event).values("agreement_id")
        condition |= Q(pk__in=linked)
    return qs.filter(condition).order_by(vi("title"))


def organization_choices() -> QuerySet[Organization]:
    return Organization.objects.active().order_by(vi("name"))
