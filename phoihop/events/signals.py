"""The organisations through which an event is seen (``EventReach``), kept up with the changes
that move them: an event saved (its host), its taking-part bodies or agreements changed, a party
added to, moved within or removed from one of its agreements.

Access depends on these rows, so they are written at once, in the change's transaction (unlike
the dashboards' figures, refreshed after the commit). Signals rather than calls from each
service: the registry's succession, an agreement's edit and the demo write parties and events
in several places, and a row missed would hide an event from those who may see it or show it
to those who may not. Bulk loading sends no signals; it ends with ``event_reach_rebuild``.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save


def connect() -> None:
    from phoihop.agreements.models import Party
    from phoihop.events.models import Event

    post_save.connect(on_event, sender=Event, dispatch_uid="events-reach-event")
    for through in (Event.organizations.through, Event.agreements.through):
        m2m_changed.connect(on_links, sender=through, dispatch_uid=f"events-reach-{through.__name__}")
    post_save.connect(on_party, sender=Party, dispatch_uid="events-reach-party-saved")
    post_delete.connect(on_party, sender=Party, dispatch_uid="events-reach-party-deleted")


def _refresh(event_ids: Any) -> None:
    from phoihop.events.services import event_reach_refresh

    event_reach_refresh(event_ids=event_ids)


def on_event(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _refresh([instance.pk])


def on_links(sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
    """An event's bodies or agreements changed (from the event's side, or from the other)."""
    from phoihop.events.models import Event

    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            _refresh([instance.pk])
        return
    # From the organisation's or agreement's side: the events named, or, when it clears them
    # all, those it had (read before they go).
    if action == "pre_clear":
        field = "organizations" if sender is Event.organizations.through else "agreements"
        instance._reach_cleared = list(Event.objects.filter(**{field: instance}).values_list("pk", flat=True))
    elif action == "post_clear":
        _refresh(getattr(instance, "_reach_cleared", []))
    elif action in ("post_add", "post_remove"):
        _refresh(pk_set or [])


def on_party(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    from phoihop.events.models import Event

    if not raw:
        _refresh(Event.agreements.through.objects.filter(agreement_id=instance.agreement_id).values_list("event_id", flat=True))
