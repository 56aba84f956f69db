"""Vietnamese alphabetical order in the database, the same on SQLite and PostgreSQL.

Both databases get a collation named ``vi`` that follows ICU's Vietnamese rules with numbers
compared by value ("Quận 2", "Quận 4", "Quận 10"): PostgreSQL through its ICU provider with the
locale ``vi-u-kn-true`` (created by migrations core 0001 and 0004), SQLite through PyICU with the
same locale (``phoihop.vn.collation``), registered on every new connection.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.backends.signals import connection_created
from django.db.models import F, QuerySet
from django.db.models.functions import Collate
from django.dispatch import receiver

from phoihop.vn.collation import compare

COLLATION = "vi"


@receiver(connection_created)
def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)


@receiver(connection_created)
def set_postgresql_planner(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Two planner settings for this server's own connections, whatever the server's:

    - JIT off. It starts on a query's estimated cost, and the estimates of correlated subqueries
      (a task's progress judged in the database) run high: it then spent about a second
      compiling a query that runs in milliseconds (``DATABASE_JIT=true`` keeps the server's).
    - ``random_page_cost`` 1.1 (``DATABASE_RANDOM_PAGE_COST``). At the server's default of 4 an
      index probe looks four times dearer than it is on an SSD or in the cache, and at a nation's
      size the planner read whole tables (53,000 people, 49,000 events) to find a province's
      rows that its access-scope indexes reach in a millisecond."""
    if connection.vendor != "postgresql":
        return
    statements = []
    if not settings.DATABASE_JIT:
        statements.append("SET jit = off")
    if settings.DATABASE_RANDOM_PAGE_COST:
        statements.append(f"SET random_page_cost = {float(settings.DATABASE_RANDOM_PAGE_COST)}")
    if statements:
        with connection.connection.cursor() as cursor:  # the driver's own: not a logged query
            cursor.execute("; ".join(statements))


def vi(field: str) -> Collate:
    """An expression that orders ``field`` alphabetically in Vietnamese."""
    return Collate(F(field), COLLATION)


def union_of(*id_queries: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
    """One subquery of ids for ``pk__in``: the rows that any of ``id_queries`` (``values()``
    querysets of one column) selects. Written as one OR of ``IN`` subqueries, the condition is
    tested on every row of the table, a nation's, because the planner cannot use an index for an
    OR of subqueries; as a UNION, each part is its own indexed query and only its rows are read."""
    first, *rest = (q.order_by() for q in id_queries)
    return first.union(*rest) if rest else first
