"""The ``vi`` collation in the database: Vietnamese letters, and numbers compared by value."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from phoihop.core.db import vi
from phoihop.orgs.models import Organization

pytestmark = pytest.mark.django_db

collation_migration = importlib.import_module("phoihop.core.migrations.0004_vi_numeric_collation")

NUMBERED = ["Ban Chỉ huy Quân sự Quận 10", "Ban Chỉ huy Quân sự Quận 4", "Ban Chỉ huy Quân sự Quận 2"]
IN_ORDER = ["Ban Chỉ huy Quân sự Quận 2", "Ban Chỉ huy Quân sự Quận 4", "Ban Chỉ huy Quân sự Quận 10"]


def _make(names: list[str]) -> None:
    for name in names:
        Organization.objects.create(name=name, kind="military", level="district")


def _ordered() -> list[str]:
    return list(
        Organization.objects.filter(name__startswith="Ban Chỉ huy Quân sự Quận")
        .order_by(vi("name"), "id")
        .values_list("name", flat=True)
    )


def test_it_orders_numbers_inside_names_by_value_in_the_database() -> None:
    _make(NUMBERED)
    assert _ordered() == IN_ORDER


def test_it_orders_letters_in_vietnamese_order_with_numbers_in_the_database() -> None:
    names = ["Toàn dân 2", "Đơn vị 10", "Đơn vị 9", "Dân 1"]
    _make(names)
    ordered = list(
        Organization.objects.filter(name__in=names).order_by(vi("name"), "id").values_list("name", flat=True)
    )
    assert ordered == ["Dân 1", "Đơn vị 9", "Đơn vị 10", "Toàn dân 2"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ICU collation")
def test_it_rebuilds_the_indexes_on_the_collation_when_it_changes() -> None:
    """The migration on a database with rows and an index on the collation: the index is built
    again on the new collation, and the order is the numeric one only after it."""
    _make(NUMBERED)
    with connection.schema_editor(atomic=False) as editor:
        collation_migration.recreate(editor, collation_migration.PLAIN)
    assert _ordered() != IN_ORDER  # the old collation: "Quận 10" before "Quận 4"
    assert _index_names() >= {"orgs_org_vi_sort_name_idx"}
    with connection.schema_editor(atomic=False) as editor:
        collation_migration.recreate(editor, collation_migration.NUMERIC)
    assert _ordered() == IN_ORDER
    assert _index_names() >= {"orgs_org_vi_sort_name_idx"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orgs_org_vi_sort_name_idx'::regclass")
        assert cursor.fetchone() == (True,)


def _index_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.objid::regclass::text FROM pg_depend d JOIN pg_collation c ON c.oid = d.refobjid "
            "WHERE d.refclassid = 'pg_collation'::regclass AND c.collname = 'vi'"
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ICU collation")
def test_it_creates_the_collation_with_icu_numeric_ordering() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'Quận 4' < 'Quận 10' COLLATE \"vi\", 'Đơn vị' < 'Toàn dân' COLLATE \"vi\"")
        assert cursor.fetchone() == (True, True)
