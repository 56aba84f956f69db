"""Batched row writing with primary keys from counters, and a plain-text progress line."""

from __future__ import annotations

import datetime
import time
from collections import Counter
from functools import lru_cache
from typing import Any, Protocol

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max, Model

from phoihop.vn.text import fold


@lru_cache(maxsize=200_000)
def _fold(part: str) -> str:
    return fold(part)


def search_text(*parts: str) -> str:
    """The folded search copy that ``Searchable.save`` keeps, for rows written without save()."""
    return " | ".join(_fold(p) for p in parts if p)


class Stream(Protocol):
    def write(self, text: str, /) -> Any: ...
    def flush(self) -> Any: ...


class Progress:
    """One line per update on a stream: phase, done/total, rows written and their rate.

    Lines are written at most every ``every`` seconds, and always when a phase ends."""

    def __init__(self, stream: Stream | None, *, every: float = 2.0) -> None:
        self.stream = stream
        self.every = every
        self.phase = ""
        self.total = 0
        self.done = 0
        self.rows = 0
        self._start = time.monotonic()
        self._last = 0.0

    def start(self, phase: str, total: int) -> None:
        self.phase, self.total, self.done, self.rows = phase, total, 0, 0
        self._start = time.monotonic()
        self._last = self._start

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self._write()

    def add_rows(self, n: int) -> None:
        self.rows += n

    def finish(self) -> None:
        self.done = max(self.done, self.total)
        self._write(final=True)

    def note(self, text: str) -> None:
        if self.stream is not None:
            self.stream.write(f"generate_scale: {text}\n")
            self.stream.flush()

    def _write(self, *, final: bool = False) -> None:
        if self.stream is None:
            return
        elapsed = max(time.monotonic() - self._start, 1e-6)
        width = 20
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "." * (width - filled)
        end = f" in {elapsed:.1f} s" if final else ""
        self.stream.write(
            f"generate_scale: {self.phase:<14} [{bar}] {self.done:,}/{self.total:,}"
            f"  {self.rows:,} rows  {self.rows / elapsed:,.0f} rows/s{end}\n"
        )
        self.stream.flush()


_MISSING = object()


@lru_cache(maxsize=100_000)
def _sqlite_datetime(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")


class _Table:
    """How rows of one model become tuples for one INSERT (or COPY) statement."""

    def __init__(self, model: type[Model], vendor: str) -> None:
        meta = model._meta
        fields = [f for f in meta.concrete_fields if not (f.primary_key and meta.auto_created)]
        self.model = model
        self.table = meta.db_table
        self.columns = [f.column for f in fields]
        self.index: dict[str, int] = {}
        for pos, f in enumerate(fields):
            self.index[f.name] = pos
            self.index[f.attname] = pos
        self.defaults: list[Any] = []
        self.clock: list[int] = []  # auto_now(_add) columns: take the row's created_at, not the clock
        self.datetimes: list[int] = []
        self.dates: list[int] = []
        for pos, f in enumerate(fields):
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.clock.append(pos)
                self.defaults.append(_MISSING)
            elif f.has_default() and not callable(f.default):
                self.defaults.append(f.get_default())
            elif f.null:
                self.defaults.append(None)
            elif f.empty_strings_allowed and not f.has_default():
                self.defaults.append("")  # Django's own default for a text column
            else:
                self.defaults.append(_MISSING)
            internal = f.get_internal_type()
            if internal == "DateTimeField":
                self.datetimes.append(pos)
            elif internal == "DateField":
                self.dates.append(pos)
        self.created = self.index.get("created_at")
        self.sqlite = vendor == "sqlite"
        self.pending: list[tuple[Any, ...]] = []

    def add(self, values: dict[str, Any], fallback: datetime.datetime) -> None:
        row = list(self.defaults)
        index = self.index
        for key, value in values.items():
            pos = index.get(key)
            if pos is not None:  # a field this database's schema does not have (yet) is left out
                row[pos] = value
        for pos in self.clock:
            if row[pos] is _MISSING:
                row[pos] = row[self.created] if self.created is not None and row[self.created] is not _MISSING else fallback
        if _MISSING in row:
            missing = [self.columns[i] for i, v in enumerate(row) if v is _MISSING]
            raise ValueError(f"{self.model._meta.label}: no value for {', '.join(missing)}")
        if self.sqlite:
            # What Django's SQLite backend stores: naive UTC date-times and ISO dates, as text.
            for pos in self.datetimes:
                value = row[pos]
                if value is not None:
                    row[pos] = _sqlite_datetime(value)
            for pos in self.dates:
                value = row[pos]
                if value is not None:
                    row[pos] = value.isoformat()
        self.pending.append(tuple(row))


class Writer:
    """Buffers rows per table and writes them in batches with one statement each (COPY on
    PostgreSQL), bypassing the ORM's per-object work, which dominates at millions of rows.

    Primary keys come from counters started above the table's largest key, so rows can refer to
    each other before they are written (foreign keys are checked at commit on both databases)."""

    def __init__(self, *, progress: Progress, batch_size: int = 5000, fallback: datetime.datetime) -> None:
        self.progress = progress
        self.batch_size = batch_size
        self.fallback = fallback
        self.counts: Counter[str] = Counter()
        self._tables: dict[type[Model], _Table] = {}
        self._next: dict[type[Model], int] = {}
        self.keyed: set[type[Model]] = set()
        self.vendor = connection.vendor

    def next_id(self, model: type[Model]) -> int:
        if model not in self._next:
            top = model._default_manager.using("default").aggregate(m=Max("pk"))["m"]
            self._next[model] = (top or 0) + 1
            self.keyed.add(model)
        value = self._next[model]
        self._next[model] = value + 1
        return value

    def _table(self, model: type[Model]) -> _Table:
        table = self._tables.get(model)
        if table is None:
            table = self._tables[model] = _Table(model, self.vendor)
        return table

    def row(self, model: type[Model], **values: Any) -> int:
        """Queue one row; fields the model does not have (yet) are left out. Returns its key."""
        table = self._table(model)
        if "id" not in values:
            values["id"] = self.next_id(model)
        table.add(values, self.fallback)
        if len(table.pending) >= self.batch_size:
            self._write(table)
        return values["id"]  # type: ignore[no-any-return]

    def link(self, through: type[Model], **values: int) -> None:
        """Queue one row of a many-to-many table (its own key comes from the database)."""
        table = self._table(through)
        table.add(values, self.fallback)
        if len(table.pending) >= self.batch_size:
            self._write(table)

    def flush(self) -> None:
        for table in self._tables.values():
            self._write(table)

    def _write(self, table: _Table) -> None:
        rows = table.pending
        if not rows:
            return
        qn = connection.ops.quote_name
        columns = ", ".join(qn(c) for c in table.columns)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                raw = cursor.cursor  # psycopg's own cursor: COPY is several times faster than INSERT
                with raw.copy(f"COPY {qn(table.table)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                # Table and column names come from the models, values go as parameters.
                marks = ", ".join(["%s"] * len(table.columns))
                sql = f"INSERT INTO {qn(table.table)} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, rows)
        self.counts[table.model._meta.label_lower] += len(rows)
        self.progress.add_rows(len(rows))
        table.pending = []

    def reset_sequences(self) -> None:
        """PostgreSQL sequences of tables written with explicit keys move past the new rows."""
        if self.vendor != "postgresql" or not self.keyed:
            return
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.keyed))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


