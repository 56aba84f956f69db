"""The access walk's knowledge of the accounts routes (see core/tests/test_access_walk.py).

Written by hand: an organisation's members, invitations and roles are managed by its admins
(the fixture world has none) and by staff; a sign-in session and a personal access token are
their owner's alone.
"""

from __future__ import annotations

import datetime
from typing import Any

MEMBER_ADMINS = {"staff"}
SESSION_OWNER = {"alice"}
TOKEN_OWNER = {"alice"}


def extend_world(world: dict[str, Any], users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from django.utils import timezone

    from phoihop.accounts.models import Invitation, UserSession
    from phoihop.accounts.services import invitation_token
    from phoihop.orgs.models import Membership

    world["accounts_session"] = UserSession.objects.create(
        user=users["alice"], session_key="walk-session-of-alice", ip_address="10.0.0.1",
        user_agent="Mozilla/5.0 (Windows NT 10.0) Chrome/120.0", last_seen_at=timezone.now(),
    )
    world["membership"] = Membership.objects.get(user=users["alice"], organization=orgs["district"])
    world["invitation"] = Invitation.objects.create(
        email="moi@example.org", organization=orgs["district"], role=Membership.Role.OFFICER,
        invited_by=users["staff"], expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    world["invitation_token"] = invitation_token(world["invitation"])
    from phoihop.accounts.services import api_token_create

    world["api_token"], _secret = api_token_create(
        actor=users["alice"], name="Hệ thống văn bản", access="read",
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )


def target(name: str, world: dict[str, Any]) -> tuple[Any, set[str], set[str]] | None:
    if name == "accounts:session_end":
        return world["accounts_session"], SESSION_OWNER, SESSION_OWNER
    if name == "accounts:api_token_revoke":
        return world["api_token"], TOKEN_OWNER, TOKEN_OWNER
    if name in ("accounts:members", "accounts:invite"):
        return world["org"], MEMBER_ADMINS, MEMBER_ADMINS
    if name in ("accounts:member_role", "accounts:member_active"):
        return world["membership"], MEMBER_ADMINS, MEMBER_ADMINS
    if name == "accounts:invite_revoke":
        return world["invitation"], MEMBER_ADMINS, MEMBER_ADMINS
    return None


def url_kwargs(name: str, world: dict[str, Any]) -> dict[str, Any] | None:
    if name == "accounts:invitation_accept":
        return {"token": world["invitation_token"]}
    return None
