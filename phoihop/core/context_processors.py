from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from phoihop.accounts.access import ROLE_RANK
    from phoihop.accounts.models import Membership
    from phoihop.accounts.selectors import memberships_of

    memberships = list(memberships_of(user))
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
