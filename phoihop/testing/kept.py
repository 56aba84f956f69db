"""A test world built once a process and written back, row for row, for every later test.

A world that goes through the services (history, numbering, the dashboards' summaries) costs
seconds to build; a test that only reads it, or changes it inside its own transaction, does not
need it built again. The first test that asks for ``kept(name, build)`` runs ``build()`` and
keeps a copy of every table; each later one gets the copy written back, in a fraction of a
second, into a database that is then exactly the one ``build()`` left, keys included:

    @pytest.fixture
    def dash(db: Any) -> dict[str, Any]:
        return kept("dashboards: known figures", build_known_figures)

Only into an empty database, inside a transaction that is rolled back (pytest-django's ``db``):
writing the copy back empties every table first, and nothing of that may be committed. A test on
``transactional_db`` (a live server, two connections) takes ``kept_committed``, whose copy is
taken after the build's commit, with what runs after a commit done.

What ``build()`` returns is handed to each later test as a deep copy of the first result: model
instances with the same keys as the rows written back, none shared between tests. ``build()``
must make the same world whatever test asks first: it reads nothing of the test but the
fixtures that are active in every test that asks (an autouse ``monkeypatch``, say).

What is copied is the database, not the process: the content types are written back with the
rest, so their cache is emptied on the way in and out.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

T = TypeVar("T")

# What migrate records, not data: left as it is.
KEPT_TABLES = {"django_migrations"}


@dataclass
class Copy:
    """Every table's rows as the database stores them, and what the build returned."""

    tables: dict[str, Any]
    result: Any


_copies: dict[tuple[str, str, str, bool], Copy] = {}


def kept(name: str, build: Callable[[], T]) -> T:
    """What ``build()`` makes in an empty database: built by the first test of the process that
    asks for ``name``, written back for the others."""
    if not connection.in_atomic_block:
        raise RuntimeError(
            f"{name}: kept worlds are written over every table, only inside a transaction rolled back"
        )
    return _built_or_written_back(name, build, committed=False)


def kept_committed(name: str, build: Callable[[], T]) -> T:
    """``kept`` for a test on ``transactional_db`` (whose flush empties the tables after it):
    the world committed, its copy taken after the build's own commits."""
    if connection.in_atomic_block:
        raise RuntimeError(f"{name}: a committed world commits, not inside a transaction")
    return _built_or_written_back(name, build, committed=True)


def _built_or_written_back(name: str, build: Callable[[], T], *, committed: bool) -> T:
    check_empty(name)
    key = _key(name, committed=committed)
    found = _copies.get(key)
    if found is None:
        result = build()
        _copies[key] = Copy(tables=tables_read(), result=copy.deepcopy(result))
        return result
    with transaction.atomic():  # a savepoint in a test's transaction, a transaction outside one
        tables_write(found.tables)
    return copy.deepcopy(found.result)  # type: ignore[no-any-return]


def _key(name: str, *, committed: bool) -> tuple[str, str, str, bool]:
    return (connection.vendor, str(connection.settings_dict["NAME"]), name, committed)


def check_empty(name: str) -> None:
    """Refuses a database with users: a kept world is built, and written back, into an empty one."""
    from django.contrib.auth import get_user_model

    if get_user_model().objects.exists():
        raise RuntimeError(f"{name} is made in an empty database: this one has users already")


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
    """Every table emptied and given back the rows of ``tables`` (from ``tables_read``).

    Only the tables that hold rows are emptied, with DELETE: a test starts from an almost empty
    database, and PostgreSQL's TRUNCATE (new files for every table, dropped again at the
    rollback) cost more than the rows written back."""
    names = _table_names()
    with content_types_forgotten(), connection.cursor() as cursor:
        for name in tables_with_rows(cursor, names):  # the keys are deferred: checked below
            cursor.execute(f"DELETE FROM {_q(name)}")  # noqa: S608 (names from the schema)
        written = [name for name in names if tables.get(name)]
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            for name in written:
                with raw.copy(f"COPY {_q(name)} FROM STDIN") as into:
                    into.write(tables[name])
            _sequences_past_rows(cursor, written)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # every key checked now, not never
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            return
        for name in written:
            columns, rows = tables[name]
            listed, marks = ", ".join(_q(c) for c in columns), ", ".join("%s" for _ in columns)
            sql = f"INSERT INTO {_q(name)} ({listed}) VALUES ({marks})"  # noqa: S608 (as above)
            cursor.executemany(sql, rows)
        cursor.execute("PRAGMA foreign_key_check")
        broken = cursor.fetchall()
        if broken:
            raise RuntimeError(f"rows written back point to rows that are not there: {broken[:5]}")


def in_any_order(tables: dict[str, Any]) -> dict[str, Any]:
    """A copy's rows, each table's sorted: rows written back are the same rows, but PostgreSQL
    places them where its pages have room, not always in the order they were read (a query
    without ORDER BY may meet them in another order, as it may in production)."""
    if connection.vendor == "postgresql":
        return {name: sorted(rows.splitlines()) for name, rows in tables.items()}
    return {name: (columns, sorted(rows, key=repr)) for name, (columns, rows) in tables.items()}


def tables_with_rows(cursor: Any, names: list[str]) -> list[str]:
    """The tables of ``names`` that hold a row, asked in one query."""
    if not names:
        return []
    asked = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {_q(n)})"  # noqa: S608 (names from the schema)
        for n in names
    )
    cursor.execute(asked, names)
    return [name for (name,) in cursor.fetchall()]


_serial_columns: dict[str, list[tuple[str, str, str]]] = {}


def _sequences_past_rows(cursor: Any, names: list[str]) -> None:
    """Each PostgreSQL sequence of ``names`` moved past the highest key written back, never back:
    the rows the rollback brings back may hold higher keys than the copy. One query."""
    database = str(connection.settings_dict["NAME"])
    if database not in _serial_columns:  # the schema does not change under the tests
        cursor.execute(
            "SELECT c.relname, a.attname, pg_get_serial_sequence(quote_ident(c.relname), a.attname) "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
            "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace "
            "AND a.attnum > 0 AND NOT a.attisdropped "
            "AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL"
        )
        _serial_columns[database] = cursor.fetchall()
    wanted = set(names)
    moves = [
        f"setval(%s, GREATEST((SELECT MAX({_q(column)}) FROM {_q(table)}), "  # noqa: S608 (schema names)
        f"(SELECT last_value FROM {sequence})))"
        for table, column, sequence in _serial_columns[database]
        if table in wanted
    ]
    if moves:
        sequences = [s for t, _, s in _serial_columns[database] if t in wanted]
        cursor.execute(f"SELECT {', '.join(moves)}", sequences)  # noqa: S608 (schema names)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)
