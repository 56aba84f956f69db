"""Reads of conferences and other events: access-scoped lists, a record's page, form choices."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from phoihop.agreements import access as agreement_access
from phoihop.agreements.models import Agreement
from phoihop.audit.personal_data import KeptNames
from phoihop.core import history
from phoihop.core.db import vi
from phoihop.core.models import ActiveQuerySet
from phoihop.core.selectors import filter_by_query
from phoihop.events import access
from phoihop.events.models import Attendee, Event
from phoihop.orgs.models import Organization, Person
from phoihop.orgs.panels import Panel


def event_list(*, user: Any, filters: dict[str, Any]) -> QuerySet[Event]:
    """Events the user may see, newest first, filtered by kind, year, host and text."""
    # visible_events is typed as a plain QuerySet; it is built on Event.objects (ActiveQuerySet).
    visible = cast(ActiveQuerySet, access.visible_events(user))
    qs: QuerySet[Event] = (
        visible.filter(archived_at__isnull=False) if filters.get("archived") else visible.active()
    )
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("year"):
        qs = qs.filter(date__year=filters["year"])
    if filters.get("host"):
        qs = qs.filter(host_id=filters["host"])
    qs = filter_by_query(qs, filters.get("q", ""))
    # Subqueries rather than joins and GROUP BY: the paginator's COUNT(*) then leaves them out.
    attendees = Attendee.objects.filter(event=OuterRef("pk")).order_by().values("event").annotate(n=Count("pk")).values("n")
    links = (
        cast(Any, Event.agreements.through).objects.filter(event=OuterRef("pk"))
        .order_by().values("event").annotate(n=Count("pk")).values("n")
    )
    return (
        qs.select_related("host")
        .annotate(attendee_count=Coalesce(Subquery(attendees), 0), agreement_count=Coalesce(Subquery(links), 0))
        .order_by("-date", "-id")
    )


def year_choices(*, user: Any) -> list[int]:
    """Every year from the first to the last visible event (one aggregate query)."""
    bounds = cast(ActiveQuerySet, access.visible_events(user)).active().aggregate(first=Min("date"), last=Max("date"))
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))


def event_detail(*, user: Any, pk: int) -> dict[str, Any]:
    from phoihop.attachments.selectors import attachments_of

    event = access.get_event_for_user(user, pk)
    files = attachments_of(event)
    return {
        "event": event,
        "attendees": list(
            event.attendees.select_related("organization", "person").order_by("order", "id")
        ),
        "organizations": list(event.organizations.order_by(vi("name"))),
        # Only the agreements the reader may open; the rest stay linked but unseen.
        "agreements": list(
            agreement_access.visible_agreements(user).filter(events=event).order_by("-signed_on", vi("title"))
        ),
        "photos": [f for f in files if f.is_image],
        "documents": [f for f in files if not f.is_image],
        "can_edit": access.can_edit_event(user, event),
        "history": event_history(event),
    }


def person_attended_panel(*, user: Any, person: Person) -> Panel:
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


def agreement_panel(*, user: Any, pk: int) -> dict[str, Any]:
    """The agreement page's "Hội nghị, sự kiện" panel: the events of agreement ``pk`` the user sees."""
    agreement = agreement_access.get_agreement_for_user(user, pk)
    return {
        "agreement": agreement,
        "events": list(access.visible_events(user).filter(agreements=agreement).select_related("host")),
    }


def event_history(event: Event) -> list[history.Entry]:
    return history.merged(
        history.entries(Event.history.filter(id=event.pk), Event, lambda r: r.title),
        history.entries(
            Attendee.history.filter(event_id=event.pk), Attendee, lambda r: r.full_name
        ),
    )


def host_choices(*, user: Any, event: Event | None = None) -> QuerySet[Organization]:
    """Organisations the user may name as host: those they write for (and the current host)."""
    qs = agreement_access.lead_organizations_for(user)
    if event is not None:
        qs = Organization.objects.filter(Q(pk__in=qs.values("pk")) | Q(pk=event.host_id))
    return qs.order_by(vi("name"))


def linkable_agreements(*, user: Any, event: Event | None = None) -> QuerySet[Agreement]:
    """Agreements the user sees that an event may record as signed or reviewed there."""
    qs = agreement_access.visible_agreements(user)
    condition = Q(archived_at__isnull=True)
    if event is not None:
        linked = Event.agreements.through.objects.filter(event=event).values("agreement_id")
        condition |= Q(pk__in=linked)
    return qs.filter(condition).order_by(vi("title"))


def organization_choices() -> QuerySet[Organization]:
    return Organization.objects.active().order_by(vi("name"))
