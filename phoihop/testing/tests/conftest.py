"""Fixtures of the topology tests: a Redis database of this run's own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from phoihop.testing.topology import in_ci, redis_database, redis_unreachable


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database of this run's own; no server is a skip, or a failure with CI=true."""
    import os

    why = redis_unreachable(os.getenv("REDIS_URL", "redis://127.0.0.1:6379/0"))
    if why:
        if in_ci():
            pytest.fail(f"{why} (CI=true: Redis is required)")
        pytest.skip(why)
    with redis_database() as url:
        yield url
