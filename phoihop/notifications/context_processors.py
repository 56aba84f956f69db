from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread(request: HttpRequest) -> dict[str, Any]:
    """``unread_notifications``: the signed-in user's unread count, for the bell in the menu.

    One count on the (user, cleared_at, read_at) index, run only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from phoihop.notifications.selectors import unread_count

    return {
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user=user)),
    }
