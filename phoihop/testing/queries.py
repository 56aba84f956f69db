"""Counting the database queries of a block, for the tests that pin a page's cost to a number.

    with assert_queries(11):
        client.get(url)

fails with the numbered list of the queries when the block runs another number of them; it
yields the capture, for the tests that also look at what the queries were. ``captured_queries()``
captures without a number, for tests that only look at the SQL.

A pinned number holds on SQLite and PostgreSQL alike unless its test says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext


def describe(queries: CaptureQueriesContext) -> str:
    """The captured queries, numbered, one a line."""
    return "\n".join(f"{i}. {q['sql']}" for i, q in enumerate(queries.captured_queries, start=1))


@contextmanager
def captured_queries(using: str = DEFAULT_DB_ALIAS) -> Iterator[CaptureQueriesContext]:
    with CaptureQueriesContext(connections[using]) as queries:
        yield queries


@contextmanager
def assert_queries(
    expected: int, *, using: str = DEFAULT_DB_ALIAS
) -> Iterator[CaptureQueriesContext]:
    with captured_queries(using) as queries:
        yield queries
    if len(queries) != expected:
        raise AssertionError(
            f"{len(queries)} queries where {expected} are pinned:\n{describe(queries)}"
        )
