from django.db import migrations, models

# The registry list and the tree read organisations in Vietnamese order: on PostgreSQL an index
# on the collated name serves ORDER BY ... LIMIT without sorting the whole registry. SQLite gets
# no such index (its collation exists only in connections that registered it).
VI_NAME_INDEX = (
    'CREATE INDEX IF NOT EXISTS orgs_org_vi_name_idx ON orgs_organization '
    '((name COLLATE "vi"), id) WHERE archived_at IS NULL'
)


def create_vi_name_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VI_NAME_INDEX)


def drop_vi_name_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS orgs_org_vi_name_idx")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_vi_collation"),
        ("orgs", "0004_backfill_organization_path"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["province_code", "kind"], name="orgs_org_province_kind_idx"),
        ),
        migrations.RunPython(create_vi_name_index, drop_vi_name_index),
    ]
