"""Who reads the audit trail, and who handles personal data.

- system administrators (staff) read every event;
- organisation admins (Membership role admin) read the events about the organisations they
  administer and about those organisations' members (their sign-ins, role changes…);
- nobody else reads the log;
- exporting or anonymising what is held about a person is for system administrators only;
- nobody changes or deletes an event: there is no rule for it because there is no way to do it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from phoihop.audit.models import AuditEvent
from phoihop.core.db import union_of
from phoihop.orgs.access import scope
from phoihop.orgs.models import Membership

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def audit_admin_org_ids(user: AnyUser) -> set[int]:
    """The organisations whose log this user reads as their administrator."""
    return {org for org, role in scope(user).roles.items() if role == Membership.Role.ADMIN}


def reads_every_organization(user: AnyUser) -> bool:
    """System administrators read the whole log, so they search organisations by name instead
    of picking one of those they administer."""
    return scope(user).is_system_admin


def can_view_audit_log(user: AnyUser) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    s = scope(user)
    return s.is_system_admin or bool(audit_admin_org_ids(user))


def audit_events_filter(user: AnyUser) -> Q:
    s = scope(user)
    if s.is_system_admin:
        return Q()
    orgs = audit_admin_org_ids(user)
    if not orgs:
        return Q(pk__in=[])
    members = Membership.objects.filter(organization_id__in=orgs).values("user_id")
    # The three ways in, each through its own index, as one UNION: as an OR, every event of
    # the log (a province's 144,000) was tested to find an organisation's 700.
    return Q(
        pk__in=union_of(
            AuditEvent.objects.filter(organization_id__in=orgs).values("pk"),
            AuditEvent.objects.filter(actor_id__in=members).values("pk"),
            AuditEvent.objects.filter(subject_user_id__in=members).values("pk"),
        )
    )


def visible_audit_events(user: AnyUser) -> QuerySet[AuditEvent]:
    if not can_view_audit_log(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(audit_events_filter(user))


def check_audit_log(user: AnyUser) -> None:
    """403 for a signed-in user who administers nothing."""
    if not can_view_audit_log(user):
        raise PermissionDenied


def can_handle_personal_data(user: AnyUser) -> bool:
    return scope(user).is_system_admin
