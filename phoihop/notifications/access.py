"""Access rules of notifications, reminders and the calendar feed.

- a notification is its user's alone: anyone else gets 404, staff included;
- the calendar feed is reached by its secret token only (no session): a wrong or replaced
  token gets 404, and the feed shows what the token's user may see;
- a notification or reminder about a record goes only to users who may see that record; the
  app that owns the record names them (``users_seeing`` with its own ``visible_<x>``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db.models import Model, QuerySet
from django.http import Http404

from phoihop.notifications.models import CalendarFeedToken, Notification
from phoihop.orgs.access import ROLE_RANK
from phoihop.orgs.models import Membership

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def visible_notifications(user: AnyUser) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user).shown()


def get_notification_for_user(user: AnyUser, pk: int) -> Notification:
    notification = visible_notifications(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def user_for_feed_token(token: str) -> User:
    """The active user whose current feed token is ``token``, or 404."""
    found = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
        if token
        else None
    )
    if found is None or found.token != token:  # the database may compare without case
        raise Http404
    return found.user


def members_of(org_ids: Iterable[int], *, min_role: str = Membership.Role.VIEWER) -> QuerySet[User]:
    """Active users with a role of at least ``min_role`` in one of the organisations."""
    roles = [r for r in Membership.Role if ROLE_RANK[r] >= ROLE_RANK[Membership.Role(min_role)]]
    member_ids = Membership.objects.filter(
        organization_id__in=list(org_ids), role__in=roles, organization__archived_at__isnull=True
    ).values("user_id")
    return User.objects.filter(pk__in=member_ids, is_active=True).order_by("pk")


def users_seeing(
    users: Iterable[User], record: Model, visible: Callable[[User], QuerySet[Model]]
) -> list[User]:
    """Those of ``users`` who may see ``record``, by its owning app's ``visible_<x>(user)``."""
    return [u for u in users if visible(u).filter(pk=record.pk).exists()]


def members_to_tell(
    org_ids: Iterable[int | None], *, actor: User, officers: bool = False
) -> list[User]:
    """Active members of the organisations (officers and above with ``officers``), not the actor:
    those a hand-over between parties is told to."""
    ids = {pk for pk in org_ids if pk is not None}
    if not ids:
        return []
    role = Membership.Role.OFFICER if officers else Membership.Role.VIEWER
    return [u for u in members_of(ids, min_role=role) if u.pk != actor.pk]
