"""Every view declares its access rule; the declaration is also the check for the coarse ones.

The kernel holds only what needs no organisation: who is signed in and who is a system
administrator. The rules about records live beside each app's models (``<app>/access.py``), on
the scope primitive of the registry (``phoihop.orgs.access``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar

from django.contrib.auth.decorators import login_not_required

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser: TypeAlias = User | AnonymousUser

RuleKind = Literal["public", "authenticated", "object", "staff"]
F = TypeVar("F", bound=Callable[..., Any])


def is_system_admin(user: Any) -> bool:
    """A system administrator (staff or superuser, still active) manages the registry and sees
    every organisation's work."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or user.is_staff)
    )


def rule(kind: RuleKind) -> Callable[[F], F]:
    """Declare a view's access rule. A route without one fails the access walk test.

    - public: anyone, signed in or not (sign-in page);
    - authenticated: any signed-in user; the page shows only what selectors scope to them;
    - object: the view loads its record through a ``get_*_for_user`` function of its app;
    - staff: system administrators only.
    """

    def decorate(view: F) -> F:
        if kind == "public":
            view = login_not_required(view)
        view.access_rule = kind  # type: ignore[attr-defined]
        return view

    return decorate
