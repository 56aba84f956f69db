"""Migrations on core/migrating.py: a run of new models rendered once, the tables as Django
makes them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps

from phoihop.core import migrating

TABLES = ("dashboards_taskfigure", "dashboards_activityfigure", "dashboards_reportslot")


def schema_of(tables: tuple[str, ...]) -> dict[str, Any]:
    """Each table's columns (name, type, null) and constraints, as the database describes them."""
    with connection.cursor() as cursor:
        return {
            table: (
                [
                    (c.name, c.type_code, c.null_ok)
                    for c in connection.introspection.get_table_description(cursor, table)
                ],
                sorted(
                    repr(
                        (
                            sorted(v["columns"]),
                            v["primary_key"],
                            v["unique"],
                            v["foreign_key"],
                            v["index"],
                            v["check"],
                        )
                    )
                    for v in connection.introspection.get_constraints(cursor, table).values()
                ),
            )
            for table in tables
        }


@pytest.fixture
def latest_schema_after() -> Any:
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_it_creates_the_same_tables_rendering_the_new_models_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration("dashboards", "0001_initial")
    assert isinstance(migration, migrating.Migration)
    assert [type(o).__name__ for o in migration.operations] == ["CreateModel"] * 3
    before = schema_of(TABLES)

    executor.migrate([("dashboards", None)])
    assert not set(TABLES) & set(connection.introspection.table_names())

    renders: list[int] = []
    real = StateApps.render_multiple

    def counted(self: StateApps, model_states: Any) -> None:
        renders.append(len(model_states))
        real(self, model_states)

    monkeypatch.setattr(StateApps, "render_multiple", counted)
    executor = MigrationExecutor(connection)
    executor.migrate([("dashboards", "0001_initial")])

    assert schema_of(TABLES) == before
    # The state is rendered once before the plan, then the three new models and all they touch
    # once together: Django's own apply renders those again after each new model (four renders).
    assert len([n for n in renders if n]) == 2


@pytest.mark.django_db(transaction=True)
def test_it_leaves_writing_sql_out_to_django() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("sqlmigrate", "dashboards", "0001", stdout=out)
    assert out.getvalue().count("CREATE TABLE") == 3
