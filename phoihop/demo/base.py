"""What every part of the demo shares: the demo logins, the running count of what a load wrote,
and the author of the history rows it writes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING

from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEMO_PASSWORD = "phoihop-demo-2026"
ADMIN_USERNAME = "quantri"


@dataclass
class Login:
    username: str
    password: str  # the demo password, or "" when the account's password has been changed
    organization: str  # empty for the system administrator
    role: str  # empty for the system administrator


@dataclass
class DemoResult:
    created: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    logins: list[Login] = field(default_factory=list)


@contextmanager
def acting_as(user: User | None) -> Iterator[None]:
    """Record ``user`` as the author of the history rows written meanwhile, as the request
    middleware does for a signed-in user."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous
