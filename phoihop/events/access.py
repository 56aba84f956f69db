"""Who sees and records events (conferences, joint activities, inspections, trainings).

- an event is seen by those who see its host, one of its agreements or one of its participating
  organisations;
- officers of the host organisation record and change it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from phoihop.agreements.access import can_create_agreement
from phoihop.events.models import Attendee, Event, EventReach
from phoihop.orgs.access import scope

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.core.models import ActiveQuerySet


def _reached(orgs: QuerySet[Model, Mapping[str, object]]) -> QuerySet[EventReach, Mapping[str, object]]:
    """The ids of the events reached through ``orgs``: hosted, taken part in, or linked to an
    agreement one of them is party to (the rows ``EventReach`` keeps)."""
    return EventReach.objects.filter(organization_id__in=orgs).values("event_id")


def events_filter(user: AnyUser) -> Q:
    """The condition for a window of days read under a small LIMIT. The host is also among
    the reach rows; named beside them, it keeps the condition an OR, which PostgreSQL tests on
    each row it walks in date order (one hashed set) instead of joining every reached event
    before the LIMIT (45 ms for a province leader's next five events, against 7)."""
    s = scope(user)
    if s.is_system_admin:
        return Q()
    orgs = s.visible_orgs().values("pk")
    return Q(host_id__in=orgs) | Q(pk__in=_reached(orgs))


def visible_event_ids(user: AnyUser) -> QuerySet[EventReach | Event, Mapping[str, object]]:
    """The ids of the events ``user`` sees, as a subquery for ``event_id__in``: one indexed read
    of the reach rows of the user's organisations."""
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none().values("pk")
    s = scope(user)
    if s.is_system_admin:
        return Event.objects.values("pk")
    return _reached(s.visible_orgs().values("pk"))


def visible_events(user: AnyUser) -> ActiveQuerySet[Event]:
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    return Event.objects.filter(events_filter(user))


def visible_events_whole(user: AnyUser) -> ActiveQuerySet[Event]:
    """The events ``user`` sees, through the reach rows joined at once: for a list, its count
    and its first and last date, where the OR of ``events_filter`` is tested on every event
    (a province leader's count at the nation: 19 ms against 7) or walks the date index through
    a nation's events for an officer's few."""
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    if scope(user).is_system_admin:
        return Event.objects.all()
    return Event.objects.filter(pk__in=visible_event_ids(user))


def visible_attendee_ids(user: AnyUser) -> QuerySet[Attendee, Mapping[str, object]]:
    """The people who attended an event ``user`` sees, as a subquery of person ids: he sees
    them too, wherever they work (registered with the registry's people rule in apps.py)."""
    return Attendee.objects.filter(event_id__in=visible_event_ids(user)).values("person_id")


def can_edit_event(user: AnyUser, event: Event) -> bool:
    return scope(user).can_write_for(event.host_id)


def can_create_event(user: AnyUser) -> bool:
    return can_create_agreement(user)


def get_event_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Event:
    event = visible_events(user).select_related("host").filter(pk=pk).first()
    if event is None:
        raise Http404
    if for_edit and not can_edit_event(user, event):
        raise PermissionDenied
    return event
