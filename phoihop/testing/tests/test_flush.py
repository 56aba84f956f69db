"""After a test on ``transactional_db`` the database is emptied as Django's flush empties it,
touching only the tables that hold rows (phoihop/testing/flush.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from phoihop.testing.flush import sql_flush
from phoihop.testing.kept import tables_with_rows

# What flush's post_migrate signal writes again at once.
REMADE = {"django_content_type", "auth_permission"}


def tables() -> list[str]:
    return sorted(
        connection.introspection.django_table_names(only_existing=True, include_views=False)
    )


@pytest.mark.django_db(transaction=True)
def test_it_empties_every_table_that_held_rows(agreement: Any) -> None:
    filled = set(tables_with_rows(connection.cursor(), tables()))
    assert {"auth_user", "orgs_organization", "agreements_agreement", "agreements_party"} <= filled

    statements = sql_flush(no_style(), connection, reset_sequences=False)
    # Only the tables that hold rows are named, and none twice.
    named = [
        t for t in tables() if any(f" {connection.ops.quote_name(t)}" in s for s in statements)
    ]
    assert set(named) == filled
    if connection.vendor == "postgresql":
        assert all(s.startswith("DELETE FROM") for s in statements)

    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    assert set(tables_with_rows(connection.cursor(), tables())) <= REMADE


@pytest.mark.django_db(transaction=True)
def test_it_leaves_a_flush_that_resets_sequences_to_django() -> None:
    from django.core.management import sql

    assert sql_flush(no_style(), connection, reset_sequences=True) == sql.sql_flush(
        no_style(), connection, reset_sequences=True
    )
