"""Every sign-in, whatever form it came through, is recorded and its second factor settled."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.utils import timezone

from phoihop.accounts import security
from phoihop.core.network import client_ip

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@receiver(user_logged_in, dispatch_uid="phoihop.accounts.signed_in")
def signed_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    from phoihop.accounts.services import session_record

    session = request.session
    if session.session_key is None:
        session.save()
    verified_by = getattr(request, "_phoihop_otp_device", None)
    if verified_by is None and security.confirmed_devices(user):
        session[security.OTP_NEEDED_KEY] = True
    elif verified_by is None and security.otp_required_for(user):
        session[security.SETUP_REQUIRED_KEY] = True
    session[security.LAST_SEEN_KEY] = timezone.now().timestamp()
    session_record(
        user=user,
        session_key=session.session_key,
        ip_address=client_ip(request),
        user_agent=security.user_agent(request),
    )


@receiver(user_logged_out, dispatch_uid="phoihop.accounts.signed_out")
def signed_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if request is None or user is None or not hasattr(request, "session"):
        return
    from phoihop.accounts.models import UserSession

    UserSession.objects.filter(
        user=user, session_key=request.session.session_key, ended_at__isnull=True
    ).update(ended_at=timezone.now())
