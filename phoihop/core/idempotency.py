"""Doing a form's work once, however often its POST arrives.

A form carries a random key made when it is rendered (``new_key``, in a hidden field named
``FIELD_NAME``). ``run_once`` claims the key and does the work in one transaction: the claim row
is committed with the work or not at all. A second POST with the same key waits for the first
(on PostgreSQL the unique index holds it until the first transaction ends), then finds the claim
and gets the first result's address instead of a duplicate. If the first attempt failed, its
claim was rolled back with it, so the retry simply does the work.

Usage in a service::

    done = run_once(user=actor, scope="activities:create", key=key, action=lambda: make(...))
    if done.replayed:
        ...  # redirect to done.url; done.value is None

A missing or malformed key (an old form, a script) does the work without a claim.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from phoihop.core.models import IdempotencyKey

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.core.access import AnyUser

FIELD_NAME = "idempotency_key"
# How long a form's key is remembered: longer than anyone keeps a form open and retries it.
KEEP = datetime.timedelta(days=7)
_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")

M = TypeVar("M", bound=models.Model)


def new_key() -> str:
    """A key for one rendered form: random, URL-safe, 32 characters."""
    return secrets.token_urlsafe(24)


def is_valid_key(key: str | None) -> bool:
    return bool(key) and _KEY.fullmatch(key or "") is not None


@dataclass(frozen=True)
class Once(Generic[M]):
    """What ``run_once`` did: ``value`` is the object made now (None on a replay), ``url`` the
    first result's address, and ``replayed`` whether the work had been done before."""

    value: M | None
    url: str
    replayed: bool


def _first_result_url(*, user: User, scope: str, key: str) -> str:
    return IdempotencyKey.objects.get(user=user, scope=scope, key=key).result_url


def first_result_url(*, user: AnyUser, scope: str, key: str | None) -> str | None:
    """Where the first POST with ``key`` led, if that POST was committed; else None.

    For a view that would refuse a repeated POST before reaching ``run_once`` (the record has
    moved on since), so it can answer with the first result instead."""
    if not is_valid_key(key) or not user.is_authenticated:
        return None
    return (
        IdempotencyKey.objects.filter(user=user, scope=scope, key=key)
        .values_list("result_url", flat=True)
        .first()
    )


def run_once(
    *,
    user: User,
    scope: str,
    key: str | None,
    action: Callable[[], M],
    url: Callable[[M], str] | None = None,
) -> Once[M]:
    """Run ``action`` in one transaction, at most once per (user, scope, key).

    ``action`` returns the object it made or changed; its address (``url(obj)``, else
    ``obj.get_absolute_url()``) is what a repeated POST is sent to. Exceptions from ``action``
    roll back the claim with the work. Call it outside any transaction: a claim that is not
    committed at once cannot stop a concurrent POST."""
    address = url or (lambda obj: obj.get_absolute_url())  # type: ignore[attr-defined]
    if not is_valid_key(key):
        with transaction.atomic():
            value = action()
        return Once(value=value, url=address(value), replayed=False)
    assert key is not None
    with transaction.atomic():
        try:
            # A savepoint: on PostgreSQL this waits for a concurrent claim of the same key,
            # then fails if that one committed.
            with transaction.atomic():
                claim = IdempotencyKey.objects.create(user=user, scope=scope, key=key)
        except IntegrityError:
            return Once(
                value=None, url=_first_result_url(user=user, scope=scope, key=key), replayed=True
            )
        IdempotencyKey.objects.filter(user=user, created_at__lt=timezone.now() - KEEP).delete()
        value = action()
        claim.result_url = address(value)[:500]
        claim.content_type = ContentType.objects.get_for_model(value)
        claim.object_id = value.pk
        claim.save(update_fields=["result_url", "content_type", "object_id"])
    return Once(value=value, url=claim.result_url, replayed=False)
