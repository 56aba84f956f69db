"""Access rules of notifications, reminders and the calendar feed.

- a notification is its user's alone: anyone else gets 404, staff included;
- the calendar feed is reached by its secret token only (no session): a wrong or replaced
  token gets 404, and the feed shows what the token's user may see;
- a notification or reminder about a record goes only to users who may see that record.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from phoihop.notifications.models import CalendarFeedToken, Notification
from phoihop.orgs.access import ROLE_RANK
from phoihop.orgs.models import Membership

if TYPE_CHECKING:
    from phoihop.activities.models import Activity
    from phoihop.core.access import AnyUser


def visible_notifications(user: AnyUser) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=cast("User", user)).shown()


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


def _visible(user: User, record: Any) -> QuerySet[Any]:
    # The records notified about belong to the domain apps above; their rules are theirs.
    from phoihop.activities.access import visible_activities
    from phoihop.activities.models import Activity
    from phoihop.agreements.access import visible_agreements
    from phoihop.agreements.models import Agreement
    from phoihop.events.access import visible_events
    from phoihop.events.models import Event
    from phoihop.plans.access import visible_tasks
    from phoihop.plans.models import Task

    by_model = {
        Activity: visible_activities,
        Agreement: visible_agreements,
        Event: visible_events,
        Task: visible_tasks,
    }
    for model, visible in by_model.items():
        if isinstance(record, model):
            return visible(user).filter(pk=record.pk)
    raise TypeError(f"no visibility rule for {type(record).__name__}")


def users_seeing(users: Iterable[User], record: Any) -> list[User]:
    """Those of ``users`` who may see ``record`` (an activity, agreement, event or task)."""
    return [u for u in users if _visible(u, record).exists()]


def activity_approvers(activity: Activity) -> list[User]:
    from phoihop.activities.access import can_approve_activity

    """The users who may approve ``activity``: leaders of one of its organising organisations."""
    org_ids = [o.pk for o in activity.organizations.all()]
    candidates = members_of(org_ids, min_role=Membership.Role.LEADER)
    return [
        u
        for u in candidates
        if can_approve_activity(u, activity) and _visible(u, activity).exists()
    ]
