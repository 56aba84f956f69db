"""Give every existing organisation its materialised path (one statement, from the roots down)."""

from django.db import migrations

CTE = """
WITH RECURSIVE tree(id, path) AS (
    SELECT id, '/' || CAST(id AS TEXT) || '/' FROM orgs_organization WHERE parent_id IS NULL
    UNION ALL
    SELECT o.id, tree.path || CAST(o.id AS TEXT) || '/'
    FROM orgs_organization o JOIN tree ON o.parent_id = tree.id
)
"""


def backfill(apps, schema_editor):
    # Written out here rather than imported, so the migration keeps working as the code moves on.
    if schema_editor.connection.vendor == "postgresql":
        sql = CTE + "UPDATE orgs_organization AS org SET path = tree.path FROM tree WHERE tree.id = org.id"
    else:
        sql = CTE + (
            "UPDATE orgs_organization SET path = tree.path FROM tree "
            "WHERE tree.id = orgs_organization.id"
        )
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("orgs", "0003_organization_path")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
