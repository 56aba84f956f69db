"""Who sees which dashboard.

An organisation's dashboard is seen by its members and by the members of the bodies above it
(the same tree rule as its agreements), and by system administrators. Figures inside it only
count records the reader may see; an agreement's dashboard follows the agreement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from phoihop.core.db import vi
from phoihop.orgs.access import scope
from phoihop.orgs.models import Organization

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def can_view_organization_dashboard(user: AnyUser, org_id: int) -> bool:
    s = scope(user)
    return s.is_system_admin or s.sees_org(org_id)


def get_dashboard_organization_for_user(user: AnyUser, pk: int) -> Organization:
    """The organisation whose dashboard the user asks for; 404 when missing or not theirs."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    org: Organization | None = Organization.objects.select_related("parent").filter(pk=pk).first()
    s = scope(user)
    if org is None or not (s.is_system_admin or s.sees_path(org.path)):
        raise Http404
    return org


def dashboard_roots(user: AnyUser) -> list[Organization]:
    """The top-level bodies a system administrator, who belongs to no organisation, picks a
    dashboard from; nobody else gets any."""
    if not scope(user).is_system_admin:
        return []
    return list(
        Organization.objects.active().filter(parent__isnull=True).order_by("level", vi("name"))
    )


def dashboard_organizations(user: AnyUser) -> list[Organization]:
    """The organisations a user belongs to (their own dashboards), in their membership order."""
    s = scope(user)
    return list(
        Organization.objects.active().filter(pk__in=list(s.roles)).order_by("level", vi("name"))
    )
