from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from phoihop.accounts.models import ApiToken, Invitation, UserSession
from phoihop.orgs.models import Membership, Organization
from phoihop.vn.names import name_sort_key, person_name

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization").order_by("id")


def members_of(org: Organization) -> list[Membership]:
    """The organisation's members: active accounts first, each group in Vietnamese name order."""
    from phoihop.vn.collation import vi_sorted

    rows = list(Membership.objects.filter(organization=org).select_related("user"))

    def name(m: Membership) -> str:
        # Official lists run by given name, then middle name, then family name.
        return name_sort_key(person_name(m.user))

    active = vi_sorted([m for m in rows if m.user.is_active], key=name)
    disabled = vi_sorted([m for m in rows if not m.user.is_active], key=name)
    return [*active, *disabled]


def open_invitations(org: Organization) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organization=org, accepted_at__isnull=True, revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by").order_by("-created_at")


def open_sessions(user: User) -> list[UserSession]:
    """The user's sign-ins whose session is still alive (not signed out, expired or idle), with
    the time each was last used, read from the session itself (one query for all of them)."""
    from django.conf import settings
    from django.contrib.sessions.models import Session

    from phoihop.accounts.security import LAST_SEEN_KEY, LAST_SEEN_RESOLUTION

    now = timezone.now()
    rows = list(UserSession.objects.filter(user=user, ended_at__isnull=True))
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        alive = {
            s.session_key: s
            for s in Session.objects.filter(
                session_key__in=[r.session_key for r in rows], expire_date__gt=now
            )
        }
        kept = []
        for row in rows:
            stored = alive.get(row.session_key)
            if stored is None:
                continue
            seen = stored.get_decoded().get(LAST_SEEN_KEY)
            if seen is not None:
                row.last_seen_at = datetime.datetime.fromtimestamp(seen, tz=datetime.UTC)
            kept.append(row)
        rows = kept
    if settings.SESSION_IDLE_MINUTES > 0:
        # The same rule as the middleware's idle check (the stamp is kept to the minute).
        cutoff = now - datetime.timedelta(
            minutes=settings.SESSION_IDLE_MINUTES, seconds=LAST_SEEN_RESOLUTION
        )
        rows = [r for r in rows if r.last_seen_at > cutoff]
    rows.sort(key=lambda r: r.last_seen_at, reverse=True)
    for row in rows:
        row.device_label = device_label(row.user_agent)  # type: ignore[attr-defined]
    return rows


BROWSERS = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
            ("Chromium/", "Chromium"), ("Safari/", "Safari")]
SYSTEMS = [("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
           ("Mac OS X", "macOS"), ("Linux", "Linux")]


def device_label(agent: str) -> str:
    """A short name for a browser's user agent ("Chrome · Windows")."""
    from django.utils.translation import gettext as _

    browser = next((name for mark, name in BROWSERS if mark in agent), None)
    system = next((name for mark, name in SYSTEMS if mark in agent), None)
    parts = [p for p in (browser, system) if p]
    return " · ".join(parts) if parts else _("Không rõ thiết bị")


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's personal access tokens, newest first, revoked and expired ones included (the
    page shows what became of each)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
