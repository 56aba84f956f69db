"""Every view declares its access rule; the declaration is also the check for the coarse ones.

The kernel holds only what needs no organisation: who is signed in and who is a system
administrator. The rules about records live beside each app's models (``<app>/access.py``), on
the scope primitive of the registry (``phoihop.orgs.access``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, Literal, ParamSpec, TypeAlias, TypeVar

from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    # Who a selector or an access rule may be asked about: feeds and public pages reach them
    # signed out. A service's actor is always a ``User``.
    AnyUser: TypeAlias = User | AnonymousUser

RuleKind = Literal["public", "authenticated", "object", "staff", "api"]
P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)
Rq = TypeVar("Rq", bound=HttpRequest)


class SignedInRequest(HttpRequest):
    """The request of a view that only a signed-in user reaches: every rule but ``public`` (the
    sign-in middleware sends the others to sign in first, and ``api`` signs the caller in
    itself), so ``request.user`` is a ``User``, as the services' ``actor`` must be."""

    user: User


def signed_in(request: HttpRequest) -> User:
    """The user of a view that only a signed-in user reaches (every rule but ``public``), for
    one that serves another app's views too and so takes a plain ``HttpRequest``."""
    user = request.user
    if not user.is_authenticated:  # the sign-in middleware let an anonymous visitor through
        raise PermissionDenied
    return user


def is_system_admin(user: AnyUser | None) -> bool:
    """A system administrator (staff or superuser, still active) manages the registry and sees
    every organisation's work."""
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_active and (user.is_superuser or user.is_staff))


def staff_required(view: Callable[Concatenate[Rq, P], R]) -> Callable[Concatenate[Rq, P], R]:
    """Answer 403 to a signed-in user who is not a system administrator (an anonymous one is sent
    to sign in first)."""

    @functools.wraps(view)
    def checked(request: Rq, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if not is_system_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(checked)


def rule(
    kind: RuleKind,
) -> Callable[[Callable[Concatenate[Rq, P], R]], Callable[Concatenate[Rq, P], R]]:
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

    def decorate(view: Callable[Concatenate[Rq, P], R]) -> Callable[Concatenate[Rq, P], R]:
        if kind in ("public", "api"):
            view = login_not_required(view)
        elif kind == "staff":
            view = staff_required(view)
        elif kind == "authenticated":
            view = login_required(view)
        view.access_rule = kind  # type: ignore[attr-defined]
        return view

    return decorate
