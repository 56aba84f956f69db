"""Every view declares its access rule; the declaration is also the check for the coarse ones.

The kernel holds only what needs no organisation: who is signed in and who is a system
administrator. The rules about records live beside each app's models (``<app>/access.py``), on
the scope primitive of the registry (``phoihop.orgs.access``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar, cast

from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser: TypeAlias = User | AnonymousUser

RuleKind = Literal["public", "authenticated", "object", "staff", "api"]
F = TypeVar("F", bound=Callable[..., Any])


def is_system_admin(user: Any) -> bool:
    """A system administrator (staff or superuser, still active) manages the registry and sees
    every organisation's work."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or user.is_staff)
    )


def staff_required(view: F) -> F:
    """Answer 403 to a signed-in user who is not a system administrator (an anonymous one is sent
    to sign in first)."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_system_admin(request.user):
            raise PermissionDenied
        return cast(HttpResponse, view(request, *args, **kwargs))

    return cast(F, login_required(checked))


def rule(kind: RuleKind) -> Callable[[F], F]:
    """Declare a view's access rule and enforce the coarse ones. A route without one fails the
    access walk test.

    - public: anyone, signed in or not (sign-in page);
    - authenticated: any signed-in user (others are sent to sign in); the page shows only what
      selectors scope to them;
    - object: the view loads its record through a ``get_*_for_user`` function of its app, which
      answers 404 or 403;
    - staff: system administrators only: 403 for other signed-in users;
    - api: an API operation (phoihop.api): it signs the caller in itself (token or session) and
      answers 401 in JSON, never the sign-in page; its records are loaded through the apps'
      ``get_*_for_user`` functions, as with ``object``.
    """

    def decorate(view: F) -> F:
        if kind in ("public", "api"):
            view = login_not_required(view)
        elif kind == "staff":
            view = staff_required(view)
        elif kind == "authenticated":
            view = cast(F, login_required(view))
        view.access_rule = kind  # type: ignore[attr-defined]
        return view

    return decorate
