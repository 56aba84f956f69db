"""Organisations are filed under their proper name: "Thành phố Hồ Chí Minh" under H.

The filing name is a column kept by Organization.save(), not an expression in the ORDER BY:
the registry's list and tree read it through an index on PostgreSQL (sorted by the ``vi``
collation, the active rows only), which replaces the index on the collated name.
"""

from django.db import migrations, models

VI_SORT_NAME_INDEX = (
    'CREATE INDEX IF NOT EXISTS orgs_org_vi_sort_name_idx ON orgs_organization '
    '((sort_name COLLATE "vi"), id) WHERE archived_at IS NULL'
)
VI_NAME_INDEX = (
    'CREATE INDEX IF NOT EXISTS orgs_org_vi_name_idx ON orgs_organization '
    '((name COLLATE "vi"), id) WHERE archived_at IS NULL'
)


def fill_sort_names(apps, schema_editor):
    from phoihop.vn.collation import filing_name

    Organization = apps.get_model("orgs", "Organization")
    batch = []
    for org in Organization._base_manager.only("pk", "name").order_by("pk").iterator(chunk_size=2000):
        org.sort_name = filing_name(org.name)
        batch.append(org)
        if len(batch) >= 1000:
            Organization._base_manager.bulk_update(batch, ["sort_name"])
            batch = []
    if batch:
        Organization._base_manager.bulk_update(batch, ["sort_name"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VI_SORT_NAME_INDEX)
        schema_editor.execute("DROP INDEX IF EXISTS orgs_org_vi_name_idx")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VI_NAME_INDEX)
        schema_editor.execute("DROP INDEX IF EXISTS orgs_org_vi_sort_name_idx")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_vi_numeric_collation"),
        ("orgs", "0006_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        # The index first: filling the column then changes an indexed column, so no broken HOT
        # chains are left that would keep a new index unused until older transactions end.
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop),
    ]
