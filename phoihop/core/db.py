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
from django.db.models import F
from django.db.models.functions import Collate
from django.dispatch import receiver

from phoihop.vn.collation import compare

COLLATION = "vi"


@receiver(connection_created)
def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)


@receiver(connection_created)
def turn_off_postgresql_jit(sender: Any, connection: Any, **kwargs: Any) -> None:
    """PostgreSQL's JIT compiler starts on a query's estimated cost, and the estimates of
    correlated subqueries (a task's progress judged in the database) run high: it then spent
    about a second compiling a query that runs in milliseconds. Off for this server's own
    connections, whatever the server's setting (``DATABASE_JIT=true`` keeps the server's)."""
    if connection.vendor == "postgresql" and not settings.DATABASE_JIT:
        with connection.connection.cursor() as cursor:  # the driver's own: not a logged query
            cursor.execute("SET jit = off")


def vi(field: str) -> Collate:
    """An expression that orders ``field`` alphabetically in Vietnamese."""
    return Collate(F(field), COLLATION)
