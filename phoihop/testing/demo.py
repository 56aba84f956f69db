"""The demo for tests that read it: loaded once a process for each day, written back after that.

Loading the demo runs every service it goes through (history, numbering, notifications): about
six seconds. Half a dozen test modules only read what it made, on the same day. The first of
them loads it and keeps a copy of every table; each later one writes the copy back, in a fraction
of a second, into a database that is then exactly the one the load left:

    @pytest.fixture
    def demo(db: Any) -> Iterator[DemoResult]:
        with demo_loaded(datetime.date(2026, 3, 1)) as result:
            yield result

Only into an empty database, inside a transaction that is rolled back (pytest-django's ``db``,
or ``shared_world``): writing the copy back empties every table first, and nothing of that may
be committed. The clock stands at the day while the demo loads. A test of the loader itself
(what it creates, what a second load keeps) still calls ``demo_load``: what it finds after
``demo_on`` is what a load leaves, row for row (test_demo.py checks that).

A browser test needs the demo committed, for the live server: ``demo_committed()`` loads it (or
writes it back) in a transaction of its own, the first load's copy taken after its commit, with
what runs after a commit (the dashboards' summaries) done. Mail sent at that commit is not sent
again.

What is copied is the database, not the process: the content types (the demo adds some) are
written back with the rest, so ``demo_loaded`` empties their cache on the way in and on the way
out (before the rollback brings back the rows the cache would otherwise still point to).
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from freezegun import freeze_time

from phoihop.demo.base import DemoResult

# The day most tests read the demo on (in the 2026–2029 period, its first plans made).
DEMO_DAY = datetime.date(2026, 3, 1)

# What migrate records, not data: left as it is.
KEPT_TABLES = {"django_migrations"}


@dataclass
class Copy:
    """Every table's rows as the database stores them, and what the load returned."""

    tables: dict[str, Any]
    result: DemoResult


_copies: dict[tuple[str, str, datetime.date, bool], Copy] = {}


@contextmanager
def demo_loaded(today: datetime.date) -> Iterator[DemoResult]:
    """``demo_on(today)``, the content type cache emptied before and after."""
    with content_types_forgotten():
        yield demo_on(today)


def demo_on(today: datetime.date) -> DemoResult:
    """The demo as ``demo_load(today=today)`` leaves it, the clock at ``today`` while it loads."""
    from phoihop.demo.loader import demo_load

    if not connection.in_atomic_block:
        raise RuntimeError("demo_on writes over every table: only inside a transaction rolled back")
    _check_empty()
    kept = _copies.get(_key(today, committed=False))
    if kept is None:
        with freeze_time(today):
            result = demo_load(today=today)
        _copies[_key(today, committed=False)] = Copy(
            tables=tables_read(), result=copy.deepcopy(result)
        )
        return result
    tables_write(kept.tables)
    return copy.deepcopy(kept.result)


def demo_committed() -> DemoResult:
    """The demo as ``demo_load()`` leaves it today, committed: for a test on ``transactional_db``
    (whose flush empties the tables again after it)."""
    from django.utils import timezone

    from phoihop.demo.loader import demo_load

    if connection.in_atomic_block:
        raise RuntimeError("demo_committed commits: not inside a transaction")
    _check_empty()
    key = _key(timezone.localdate(), committed=True)
    kept = _copies.get(key)
    if kept is None:
        result = demo_load()
        _copies[key] = Copy(tables=tables_read(), result=copy.deepcopy(result))
        return result
    with transaction.atomic():
        tables_write(kept.tables)
    return copy.deepcopy(kept.result)


def _key(today: datetime.date, *, committed: bool) -> tuple[str, str, datetime.date, bool]:
    return (connection.vendor, str(connection.settings_dict["NAME"]), today, committed)


def _check_empty() -> None:
    from django.contrib.auth import get_user_model

    if get_user_model().objects.exists():
        raise RuntimeError("the demo loads into an empty database: this one has users already")


@contextmanager
def content_types_forgotten() -> Iterator[None]:
    """The content type cache emptied before and after: the rows behind it were written back."""
    ContentType.objects.clear_cache()
    try:
        yield
    finally:
        ContentType.objects.clear_cache()


def _table_names() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(n for n in names if n not in KEPT_TABLES)


def tables_read() -> dict[str, Any]:
    """Every table's rows, exactly as stored: SQLite's values before any conversion, PostgreSQL's
    in COPY's text format."""
    names = _table_names()
    found: dict[str, Any] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            for name in names:
                with raw.copy(f"COPY {_q(name)} TO STDOUT") as out:
                    found[name] = b"".join(bytes(chunk) for chunk in out)
            return found
        for name in names:
            columns = [c.name for c in connection.introspection.get_table_description(cursor, name)]
            # "+column" has no declared type, so the driver's converters leave the value as stored.
            listed = ", ".join(f"+{_q(c)}" for c in columns)
            cursor.execute(f"SELECT {listed} FROM {_q(name)}")  # noqa: S608 (names from the schema)
            found[name] = (columns, cursor.fetchall())
    return found


def tables_write(tables: dict[str, Any]) -> None:
    """Every table emptied and given back the rows of ``tables`` (from ``tables_read``)."""
    names = _table_names()
    with content_types_forgotten(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with key checks still pending in the transaction: run them.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(_q(n) for n in names)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            raw = cursor.cursor
            for name in names:
                if tables.get(name):
                    with raw.copy(f"COPY {_q(name)} FROM STDIN") as into:
                        into.write(tables[name])
            _sequences_past_rows(cursor, names)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # every key checked now, not never
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        for name in names:  # the keys are deferred: checked below, all rows in
            cursor.execute(f"DELETE FROM {_q(name)}")  # noqa: S608 (names from the schema)
        for name in names:
            columns, rows = tables.get(name, ([], []))
            if rows:
                listed, marks = ", ".join(_q(c) for c in columns), ", ".join("%s" for _ in columns)
                sql = f"INSERT INTO {_q(name)} ({listed}) VALUES ({marks})"  # noqa: S608 (as above)
                cursor.executemany(sql, rows)
        cursor.execute("PRAGMA foreign_key_check")
        broken = cursor.fetchall()
        if broken:
            raise RuntimeError(f"rows written back point to rows that are not there: {broken[:5]}")


def _sequences_past_rows(cursor: Any, names: list[str]) -> None:
    """Each PostgreSQL sequence moved past the highest key written back, never back: the rows the
    rollback brings back may hold higher keys than the copy."""
    cursor.execute(
        "SELECT c.relname, a.attname, pg_get_serial_sequence(quote_ident(c.relname), a.attname) "
        "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
        "WHERE c.relname = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped "
        "AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL",
        [names],
    )
    for table, column, sequence in cursor.fetchall():
        cursor.execute(f"SELECT MAX({_q(column)}) FROM {_q(table)}")  # noqa: S608 (schema names)
        (highest,) = cursor.fetchone()
        if highest is not None:
            moved = f"SELECT setval(%s, GREATEST(%s, (SELECT last_value FROM {sequence})))"  # noqa: S608
            cursor.execute(moved, [sequence, highest])


def _q(name: str) -> str:
    return connection.ops.quote_name(name)
