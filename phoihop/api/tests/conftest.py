"""Tokens for the API's tests, on the shared world of phoihop/conftest.py."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

# The reviews' fixtures: a 2024 plan with a hand-countable record, and a review of it, kept
# (testing/kept.py), with the root fixtures taken from their world.
from phoihop.reviews.tests.conftest import (  # noqa: F401
    board_leader,
    layered,
    record_2024,
    review,
    world_agreement,
    world_orgs,
    world_users,
)


@pytest.fixture
def make_token(users: dict[str, Any]) -> Callable[..., str]:
    """A token's secret for a user of the world: ``make_token("alice", access="write")``."""
    from django.utils import timezone

    from phoihop.accounts.services import api_token_create

    def make(username: str, *, access: str = "read", days: int = 30) -> str:
        _token, secret = api_token_create(
            actor=users[username],
            name=f"Khoá của {username}",
            expires_on=timezone.localdate() + datetime.timedelta(days=days),
            access=access,
        )
        return secret

    return make


@pytest.fixture
def api_client() -> Callable[[str], Client]:
    """A client that sends a bearer token on every request, without a session."""

    def make(secret: str) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


@pytest.fixture(autouse=True)
def _fresh_rate_counts() -> None:
    from django.core.cache import cache

    cache.clear()
