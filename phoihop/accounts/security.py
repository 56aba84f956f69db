"""Small pieces shared by the sign-in views and the middleware (the client's address, which
django-axes and the audit log read too, is ``core.network.client_ip``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

# Session keys. The second factor and the set-up requirement are decided once, at sign-in.
PENDING_KEY = "_phoihop_otp_pending"  # password accepted, second factor still to come
OTP_NEEDED_KEY = "_phoihop_otp_needed"  # signed in another way while owning a device
SETUP_REQUIRED_KEY = "_phoihop_otp_setup_required"  # role requires a device; none yet
LAST_SEEN_KEY = "_phoihop_last_seen"
LAST_SEEN_RESOLUTION = 60  # seconds: the last-use stamp is rewritten at most this often


def user_agent(request: HttpRequest) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:300]


def confirmed_devices(user: AnyUser) -> list[Any]:
    from django_otp import devices_for_user

    return list(devices_for_user(user, confirmed=True))


def has_authenticator(user: AnyUser) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def otp_required_for(user: AnyUser) -> bool:
    """Whether the deployment requires this user to sign in with an authenticator app."""
    required = {r.strip().lower() for r in getattr(settings, "OTP_REQUIRED_ROLES", [])}
    if not required or not user.is_authenticated:
        return False
    if "staff" in required and (user.is_staff or user.is_superuser):
        return True
    from phoihop.orgs.models import Membership

    return Membership.objects.filter(
        user=user, role__in=required, organization__archived_at__isnull=True
    ).exists()
