"""Per-request account security: idle sessions end, the time of last use is kept, and a second
factor is asked for where the account has one or its role requires one."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from phoihop.accounts import security


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request: HttpRequest) -> HttpResponse | None:
        session = request.session
        now = time.time()
        idle = settings.SESSION_IDLE_MINUTES * 60
        last = session.get(security.LAST_SEEN_KEY)
        # The stamp may be up to LAST_SEEN_RESOLUTION old: count from its most recent possible
        # use, so an active session never ends early.
        if idle > 0 and last is not None and now - last > idle + security.LAST_SEEN_RESOLUTION:
            logout(request)
            messages.info(
                request,
                _("Phiên làm việc đã kết thúc sau %(minutes)s phút không hoạt động. Mời đăng nhập lại.")
                % {"minutes": settings.SESSION_IDLE_MINUTES},
            )
            if request.htmx:  # type: ignore[attr-defined]
                response = HttpResponse(status=204)
                response["HX-Redirect"] = reverse("accounts:login")
                return response
            return None  # now anonymous: LoginRequiredMiddleware sends them to sign in
        # Read back by the sessions page. Stamped at most once a minute: a changed session is a
        # write (UPDATE and COMMIT), which a plain page view should not cost.
        if last is None or now - last >= security.LAST_SEEN_RESOLUTION:
            session[security.LAST_SEEN_KEY] = now

        if session.get(security.OTP_NEEDED_KEY) and not request.user.is_verified():  # type: ignore[union-attr]
            # Signed in without the second factor the account has (e.g. another sign-in form).
            logout(request)
            messages.warning(request, _("Tài khoản này đăng nhập hai lớp: mời đăng nhập lại."))
            return redirect("accounts:login")
        if session.get(security.SETUP_REQUIRED_KEY):
            allowed = {
                reverse("accounts:otp_setup"),
                reverse("accounts:logout"),
                reverse("set_language"),
            }
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                if request.htmx:  # type: ignore[attr-defined]
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = reverse("accounts:otp_setup")
                    return response
                return redirect("accounts:otp_setup")
        return None
