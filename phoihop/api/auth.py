"""Who is calling: a personal access token (``Authorization: Bearer php_…``) or the browser's
signed-in session (with its CSRF token on writes, as the pages).

A token acts as its owner, with the owner's rights; a read-only token is refused every write
(403) whatever it names. Each token makes at most ``API_RATE_LIMIT`` requests in a window of
``API_RATE_WINDOW`` seconds, and so does each signed-in user calling through the session (all
their browsers together: a script riding on a session is held to the same pace as a token),
counted in the cache (shared by every app server once CACHE_URL names a Redis server); past that
it is answered 429 with Retry-After.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from phoihop.accounts.models import ApiToken
from phoihop.accounts.services import ApiTokenRefused, api_token_authenticate, api_token_used
from phoihop.api.errors import ApiError

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

REFUSED = {
    "invalid": _("Khoá truy cập không đúng."),
    "expired": _("Khoá truy cập đã hết hạn; tạo khoá mới trên trang tài khoản."),
    "revoked": _("Khoá truy cập đã bị thu hồi."),
    "inactive": _("Tài khoản của khoá này đã bị khoá."),
}


SESSION_RATE_LIMITED = _(
    "Bạn đã gửi quá nhiều yêu cầu tới API; chờ hết thời gian trong Retry-After rồi gửi lại."
)


def rate_check(token: ApiToken) -> None:
    """Count this request in the token's fixed window; refuse it past the limit."""
    _count(f"phoihop:api-rate:{token.pk}")


def session_rate_check(user: Any) -> None:
    """Count a session call in its user's window (every browser of the user together)."""
    _count(f"phoihop:api-rate:user:{user.pk}", SESSION_RATE_LIMITED)


def _count(name: str, message: Any = None) -> None:
    window = max(settings.API_RATE_WINDOW, 1)
    now = time.time()
    start = int(now // window) * window
    key = f"{name}:{start}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens the window
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count > settings.API_RATE_LIMIT:
        retry = max(1, int(start + window - now + 0.999))
        raise ApiError("rate_limited", message, headers={"Retry-After": str(retry)})


class TokenAuth(HttpBearer):
    """``Authorization: Bearer php_…``: a personal access token made on the account page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            found = api_token_authenticate(secret=token.strip())
        except ApiTokenRefused as exc:
            raise ApiError("unauthorized", REFUSED[exc.code]) from None
        rate_check(found)
        if request.method not in SAFE_METHODS and not found.can_write:
            raise ApiError("forbidden", _("Khoá truy cập này chỉ được đọc."))
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        api_token_used(token=found, detail=f"{request.method} {request.path}")
        return found.user


class SessionAuth(APIKeyCookie):
    """The signed-in session of the app's own pages; writes carry the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        session_rate_check(user)
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise ApiError(
                "forbidden", _("Thiếu mã CSRF: yêu cầu ghi từ trình duyệt cần tiêu đề X-CSRFToken.")
            )
        request.api_token = None  # type: ignore[attr-defined]
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return self(request)


def token_of(request: HttpRequest) -> ApiToken | None:
    return getattr(request, "api_token", None)
