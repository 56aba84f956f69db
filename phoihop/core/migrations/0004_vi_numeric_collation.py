"""The ``vi`` collation compares numbers inside names by value: "Quận 2, Quận 4, Quận 10".

PostgreSQL cannot change a collation's locale in place. The collation is dropped and created
again with ICU's numeric ordering (``kn``), and every index built on it is rebuilt from its own
definition, read from the catalogue before the drop: an index's order is the collation's, so an
index kept across the change would be corrupt. The drop is RESTRICT: a column or view declared
with the collation stops the migration instead of being dropped with it.
"""

from django.db import migrations

NUMERIC = "vi-u-kn-true"
PLAIN = "vi"

# The indexes built on the collation: their names and their CREATE INDEX statements.
DEPENDENT_INDEXES = """
SELECT DISTINCT d.objid::regclass::text, pg_get_indexdef(d.objid)
FROM pg_depend d
JOIN pg_index i ON i.indexrelid = d.objid
WHERE d.classid = 'pg_class'::regclass
  AND d.refclassid = 'pg_collation'::regclass
  AND d.refobjid = (
    SELECT c.oid FROM pg_collation c
    WHERE c.collname = 'vi' AND c.collnamespace = current_schema()::regnamespace
  )
"""


def recreate(schema_editor, locale):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return  # SQLite's collation is registered by each connection (phoihop.core.db)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_collation WHERE collname = 'vi' "
            "AND collnamespace = current_schema()::regnamespace"
        )
        if cursor.fetchone() is None:
            schema_editor.execute(f"CREATE COLLATION vi (provider = icu, locale = '{locale}')")
            return
        cursor.execute(DEPENDENT_INDEXES)
        indexes = cursor.fetchall()
    # Foreign keys are checked at commit; an index cannot be built on a table with such checks
    # pending (rows written earlier in the same transaction), so they are made now.
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for name, _ in indexes:
        schema_editor.execute(f"DROP INDEX {name}")
    schema_editor.execute("DROP COLLATION vi")
    schema_editor.execute(f"CREATE COLLATION vi (provider = icu, locale = '{locale}')")
    for _, definition in indexes:
        schema_editor.execute(definition)


def forwards(apps, schema_editor):
    recreate(schema_editor, NUMERIC)


def backwards(apps, schema_editor):
    recreate(schema_editor, PLAIN)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_idempotency_key")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
