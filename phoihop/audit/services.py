"""Writing to the audit trail. ``record`` is the only way in; nothing changes a row afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.http import HttpRequest

from phoihop.audit.middleware import get_current_request
from phoihop.audit.models import AuditEvent
from phoihop.core.network import client_ip as trusted_client_ip
from phoihop.orgs.models import Organization

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.core.access import AnyUser

Action = AuditEvent.Action


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, read as sign-in throttling reads it (behind TRUSTED_PROXY_COUNT
    proxies, from X-Forwarded-For)."""
    return None if request is None else trusted_client_ip(request)


def _clip(value: str, length: int) -> str:
    return (value or "").replace("\x00", "")[:length]


def _organization_of(obj: object) -> Organization | None:
    """The organisation an object belongs to, so organisation admins find its events.

    A file (any record with a generic ``owner``) belongs where its owner does: to the lead
    party's organisation when the owner has parties (an agreement)."""
    if isinstance(getattr(type(obj), "owner", None), GenericForeignKey):
        owner: object = getattr(obj, "owner", None)
        if owner is None:
            return None
        if hasattr(owner, "parties"):
            lead = owner.parties.filter(role="lead").select_related("organization").first()
            return lead.organization if lead else None
        return _organization_of(owner)
    for attribute in ("organization", "host", "lead_organization"):
        org = getattr(obj, attribute, None)
        if type(org) is Organization:
            return org
    if type(obj) is Organization:
        return obj
    return None


def record(
    action: str,
    *,
    obj: models.Model | None = None,
    actor: AnyUser | None = None,
    organization: Organization | None = None,
    detail: str = "",
    subject_user: User | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event. Actor, IP address and user agent come from the current request
    (kept by AuditRequestMiddleware) when not given; outside a request they stay empty."""
    action = Action(action).value  # unknown actions are a programming error: ValueError
    request = request or get_current_request()
    if actor is None and request is not None:
        user: AnyUser | None = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not actor.is_authenticated:
        actor = None
    if organization is None and obj is not None:
        organization = _organization_of(obj)
    event = AuditEvent(
        action=action,
        actor=actor,
        actor_label=_clip(actor.get_username(), 150) if actor is not None else "",
        organization=organization,
        organization_label=_clip(str(organization), 255) if organization is not None else "",
        subject_user=subject_user,
        detail=(detail or "").replace("\x00", ""),
    )
    if obj is not None:
        event.object_type = _clip(obj._meta.label_lower, 100)
        event.object_id = _clip(str(obj.pk or ""), 64)
        event.object_repr = _clip(str(obj), 255)
    if request is not None:
        event.ip_address = client_ip(request)
        event.user_agent = _clip(request.META.get("HTTP_USER_AGENT", ""), 255)
        event.path = _clip(request.path, 255)
    event.save()
    return event
