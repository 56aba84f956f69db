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

from phoihop.agreements.access import can_create_agreement, visible_agreement_ids
from phoihop.core.db import union_of
from phoihop.events.models import Attendee, Event
from phoihop.orgs.access import scope

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.core.models import ActiveQuerySet


IdQuery = QuerySet[Model, Mapping[str, object]]  # a values() query of one column of ids


def _linked_event_ids(user: AnyUser, orgs: IdQuery) -> tuple[IdQuery, IdQuery]:
    """The ids of the events linked to an agreement ``user`` sees, and of those one of the
    organisations ``orgs`` takes part in (the ways in besides the host)."""
    via_agreement = Event.agreements.through.objects.filter(
        agreement_id__in=visible_agreement_ids(user)
    ).values("event_id")
    via_org = Event.organizations.through.objects.filter(organization_id__in=orgs).values(
        "event_id"
    )
    return via_agreement, via_org


def events_filter(user: AnyUser) -> Q:
    s = scope(user)
    if s.is_system_admin:
        return Q()
    orgs = s.visible_orgs().values("pk")
    via_agreement, via_org = _linked_event_ids(user, orgs)
    return Q(host_id__in=orgs) | Q(pk__in=via_agreement) | Q(pk__in=via_org)


def visible_event_ids(user: AnyUser) -> QuerySet[Event, Mapping[str, object]]:
    """The ids of the events ``user`` sees, as a subquery for ``event_id__in``: the three ways of
    seeing one as a UNION, each read through its own index. (The OR of ``events_filter`` tests
    every event of a nation against the three; fine under a page's LIMIT, not inside another
    subquery.)"""
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none().values("pk")
    s = scope(user)
    if s.is_system_admin:
        return Event.objects.values("pk")
    orgs = s.visible_orgs().values("pk")
    hosted = Event.objects.filter(host_id__in=orgs).values("pk")
    return union_of(hosted, *_linked_event_ids(user, orgs))


def visible_events(user: AnyUser) -> ActiveQuerySet[Event]:
    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    return Event.objects.filter(events_filter(user))


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
