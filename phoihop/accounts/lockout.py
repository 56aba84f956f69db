"""Sign-in lock-outs that hit the attacker, not the office.

django-axes records every failed sign-in (a wrong password or a wrong second-factor code) with
the account name typed and the client's address. Three counts are read from those records over
the cool-off window, each against its own limit:

- per account, from any address: AXES_ACCOUNT_FAILURE_LIMIT (by default AXES_FAILURE_LIMIT);
- per account and address: AXES_FAILURE_LIMIT;
- per address, whatever the accounts: AXES_ADDRESS_FAILURE_LIMIT, far higher, because a whole
  office may sign in from one address behind its proxy (0 turns it off).

So an attacker guessing one account locks that account only, and colleagues at the same address
keep signing in; guessing across many accounts from one address locks that address much later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, Sum
from django.http import HttpRequest


@dataclass(frozen=True)
class Failures:
    account: int  # failures for the account, from any address
    pair: int  # failures for the account from this address
    address: int  # failures from this address, for any account


@dataclass(frozen=True)
class Limits:
    account: int
    pair: int
    address: int  # 0: no per-address limit


def limits(request: HttpRequest | None = None, credentials: dict[str, Any] | None = None) -> Limits:
    pair = get_failure_limit(request, credentials)  # type: ignore[arg-type]
    account = getattr(settings, "AXES_ACCOUNT_FAILURE_LIMIT", None) or pair
    address = getattr(settings, "AXES_ADDRESS_FAILURE_LIMIT", 0) or 0
    return Limits(account=account, pair=pair, address=address)


def failures(request: HttpRequest, credentials: dict[str, Any] | None = None) -> Failures:
    """The failed sign-ins within the cool-off window that count against this request."""
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None)
    by_account = Q(username=username) if username else Q(pk__in=[])
    by_address = Q(ip_address=address) if address else Q(pk__in=[])
    recent = AccessAttempt.objects.filter(by_account | by_address)
    if settings.AXES_COOLOFF_TIME is not None:
        recent = recent.filter(attempt_time__gte=get_cool_off_threshold(request))
    # One query for the three counts.
    totals = recent.aggregate(
        account=Sum("failures_since_start", filter=by_account),
        pair=Sum("failures_since_start", filter=by_account & by_address),
        address=Sum("failures_since_start", filter=by_address),
    )
    return Failures(
        account=totals["account"] or 0, pair=totals["pair"] or 0, address=totals["address"] or 0
    )


def _locked_by(counted: Failures, limit: Limits) -> tuple[str, int] | None:
    if counted.pair >= limit.pair:
        return "account", limit.pair
    if counted.account >= limit.account:
        return "account", limit.account
    if limit.address and counted.address >= limit.address:
        return "address", limit.address
    return None


def locked_by(
    request: HttpRequest, credentials: dict[str, Any] | None = None
) -> tuple[str, int] | None:
    """What a lock-out holds ("account" or "address") and the limit it reached; None when
    neither is locked."""
    return _locked_by(failures(request, credentials), limits(request, credentials))


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler with separate limits per account and per address."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        # django-axes compares this one number with AXES_FAILURE_LIMIT (when it refuses a sign-in
        # and when it records a failure), so each count is scaled to that limit: reaching any
        # count's own limit reaches AXES_FAILURE_LIMIT.
        counted, limit = failures(request, credentials), limits(request, credentials)
        if _locked_by(counted, limit) is not None:
            return max(limit.pair, counted.pair)
        return min(counted.pair, limit.pair - 1)

    def reset_user_attempts(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """After a successful sign-in only that account's failures are forgotten, never those of
        the whole address (an attacker with an account of his own must not clear his tally)."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
