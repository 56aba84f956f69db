"""Who manages an organisation's members, and whose sign-in sessions one may see and end.

- An organisation's members page, invitations, role changes and account switches belong to the
  organisation's admins (Membership role admin) and to system administrators (staff); everybody
  else is answered 404, as for any record that is not theirs.
- A sign-in session and a personal access token are their owner's alone, staff included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from phoihop.accounts.models import ApiToken, UserSession
from phoihop.orgs.access import administered_org_ids, can_administer_org, scope
from phoihop.orgs.models import Membership, Organization

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def administered_organizations(user: AnyUser) -> QuerySet[Organization]:
    """The organisations whose members this user manages (staff: all of them). The account page
    lists them for an organisation's administrator only: a system administrator's is the whole
    registry (27,000 bodies in a national deployment), reached through each body's page."""
    if scope(user).is_system_admin:
        return Organization.objects.active()
    return Organization.objects.active().filter(pk__in=administered_org_ids(user))


def get_org_for_member_admin(user: AnyUser, pk: int) -> Organization:
    if not user.is_authenticated or not can_administer_org(user, pk):
        raise Http404
    org: Organization | None = Organization.objects.filter(pk=pk, archived_at__isnull=True).first()
    if org is None:
        raise Http404
    return org


def get_membership_for_admin(user: AnyUser, pk: int) -> Membership:
    membership = Membership.objects.select_related("user", "organization").filter(pk=pk).first()
    if membership is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if not can_administer_org(user, membership.organization_id):
        raise Http404
    return membership


def get_session_for_user(user: AnyUser, pk: int) -> UserSession:
    user_pk = getattr(user, "pk", None)
    if user_pk is None:
        raise Http404  # anonymous: has no sessions
    record = UserSession.objects.filter(pk=pk, user_id=user_pk).first()
    if record is None:
        raise Http404
    return record


def get_api_token_for_user(user: AnyUser, pk: int) -> ApiToken:
    user_pk = getattr(user, "pk", None)
    if user_pk is None:
        raise Http404
    token = ApiToken.objects.filter(pk=pk, user_id=user_pk).first()
    if token is None:
        raise Http404
    return token
