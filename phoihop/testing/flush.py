"""The database emptied after a test on ``transactional_db`` by emptying the tables that hold rows.

Django's ``flush`` (what pytest-django runs after each such test: the browser tests, the backup
and concurrency tests) empties every table: on PostgreSQL one TRUNCATE of some 130 tables, which
makes new files for each table and index, a second and a half a test. A test leaves rows in a
few dozen tables at most. Here ``flush`` asks which tables hold a row (one query) and empties
only those: with DELETE on PostgreSQL (its keys are checked at the commit, when the rows that
point to these are gone too; TRUNCATE would refuse a table that an empty one points to), with
Django's own statements on SQLite. The database is left as Django's flush leaves it: every
table empty, sequences where they were (the tests' flush does not reset them). Asked to reset
sequences, it is Django's flush unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def sql_flush(
    style: Any, connection: Any, reset_sequences: bool = True, allow_cascade: bool = False
) -> list[str]:
    """``django.core.management.sql.sql_flush``, on the tables that hold rows."""
    from django.core.management import sql

    from phoihop.testing.kept import tables_with_rows

    if reset_sequences:
        return sql.sql_flush(style, connection, reset_sequences=True, allow_cascade=allow_cascade)  # type: ignore[no-any-return]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        filled = tables_with_rows(cursor, sorted(tables))
    if connection.vendor == "postgresql":
        return [f"DELETE FROM {connection.ops.quote_name(table)};" for table in filled]  # noqa: S608
    return connection.ops.sql_flush(
        style, filled, reset_sequences=False, allow_cascade=allow_cascade
    )  # type: ignore[no-any-return]


@contextmanager
def flush_tables_with_rows() -> Iterator[None]:
    """Django's ``flush`` command emptying only the tables that hold rows, while inside."""
    from unittest import mock

    with mock.patch("django.core.management.commands.flush.sql_flush", sql_flush):
        yield
