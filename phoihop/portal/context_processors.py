from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from phoihop.orgs.access import ROLE_RANK, scope
from phoihop.orgs.models import Membership
from phoihop.portal.worklist import approvals_waiting


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu's memberships and links, read from the access scope: the memberships (with their
    organisations' names) are the rows the scope already loads, so the menu costs no query of
    its own."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memberships = scope(user).memberships
    # The same rule as access.approver_org_ids, read from the memberships already loaded.
    approves = any(
        ROLE_RANK[Membership.Role(m.role)] >= ROLE_RANK[Membership.Role.LEADER]
        and m.organization.archived_at is None
        for m in memberships
    )
    # The audit log's rule (access.audit.can_view_audit_log), read from the same memberships.
    reads_log = user.is_staff or user.is_superuser or any(
        m.role == Membership.Role.ADMIN and m.organization.archived_at is None for m in memberships
    )
    return {
        "user_memberships": memberships,
        "user_approves_activities": approves,
        "user_reads_audit_log": reads_log,
    }


def approvals(request: HttpRequest) -> dict[str, Any]:
    """``approvals_waiting``: the submissions waiting for the signed-in user's approval, the count
    on the menu's "Chờ duyệt", run only when a template shows it (for those who approve)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"approvals_waiting": SimpleLazyObject(lambda: approvals_waiting(user=user))}
