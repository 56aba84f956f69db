"""Who sees, writes and approves activities.

- submitted and approved work is seen by whoever sees the agreement; drafts and returned records
  only by the organising parties (and the bodies above them);
- officers (and above) of one of the organising parties write the activity;
- a leader of one of the organising organisations approves it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.db.models.lookups import In
from django.http import Http404

from phoihop.activities.models import Activity
from phoihop.agreements.access import visible_agreement_ids
from phoihop.notifications.access import members_of, users_seeing
from phoihop.orgs.access import approver_org_ids, scope
from phoihop.orgs.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.core.access import AnyUser
    from phoihop.core.models import ActiveQuerySet
    from phoihop.plans.models import Task


def activities_filter(user: AnyUser) -> Q:
    """Submitted and approved work is seen by whoever sees the agreement; drafts and returned
    records only by the organising parties (and the bodies above them)."""
    s = scope(user)
    if s.is_system_admin:
        return Q()
    # Asked row by row of drafts and returned records only (a few per page). The condition on
    # the outer status keeps PostgreSQL from turning it into a hash of every organiser link of
    # a province's activities, built before the first row.
    mine = Exists(
        Activity.organizations.through.objects.filter(
            s.visible_orgs_q(field="organization__path"),
            In(OuterRef("status"), list(Activity.EDITABLE)),
            activity_id=OuterRef("pk"),
        )
    )
    shared = Q(status__in=Activity.SHARED)
    # The agreement copied onto the activity, so an index serves visibility and the list order.
    return Q(agreement_id__in=visible_agreement_ids(user)) & (shared | Q(mine))


def visible_activities(user: AnyUser) -> ActiveQuerySet[Activity]:
    if not getattr(user, "is_authenticated", False):
        return Activity.objects.none()
    return Activity.objects.filter(activities_filter(user))


def can_record_activity(user: AnyUser, task: Task) -> bool:
    """Officers (and above) of one of the agreement's parties record activities of its tasks."""
    s = scope(user)
    return any(s.can_write_for(p.organization_id) for p in task.plan.agreement.parties.all())


def own_organizing_org_ids(user: AnyUser, party_ids: Iterable[int]) -> list[int]:
    """The parties a new activity is recorded for by default: those the user is an officer (or
    above) of themselves (a system administrator belongs to none)."""
    s = scope(user)
    return [org for org in party_ids if s.role_in(org) and s.can_write_for(org)]


def can_write_activity(user: AnyUser, activity: Activity) -> bool:
    """Officers (and above) of one of the organising parties write the activity."""
    return any(scope(user).can_write_for(org.pk) for org in activity.organizations.all())


def can_approve_activity(user: AnyUser, activity: Activity) -> bool:
    """A leader of one of the organising organisations: approving is the organisation's own act,
    so neither a superior body nor a system administrator does it for them."""
    mine = approver_org_ids(user)
    return any(org.pk in mine for org in activity.organizations.all())


def get_activity_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Activity:
    activity = (
        visible_activities(user)
        .select_related("task__plan__agreement")
        .prefetch_related("organizations")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    if for_edit and not can_write_activity(user, activity):
        raise PermissionDenied
    return activity


# --- who is told ---------------------------------------------------------------------------------


def activity_approvers(activity: Activity) -> list[User]:
    """The users who may approve ``activity``: leaders of one of its organising organisations."""
    org_ids = [o.pk for o in activity.organizations.all()]
    candidates = members_of(org_ids, min_role=Membership.Role.LEADER)
    return [
        u
        for u in candidates
        if can_approve_activity(u, activity)
        and visible_activities(u).filter(pk=activity.pk).exists()
    ]


def activity_authors(activity: Activity, *, actor: User) -> list[User]:
    """Who recorded ``activity`` and who sent it, other than ``actor``, if they still see it."""
    author_ids = {activity.created_by_id, activity.submitted_by_id} - {None, actor.pk}
    return users_seeing(
        get_user_model().objects.filter(pk__in=author_ids), activity, visible_activities
    )
