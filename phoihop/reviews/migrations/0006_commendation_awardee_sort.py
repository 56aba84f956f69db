"""The commendation list's order is read from an index (PostgreSQL).

The list is sorted by year, then the organisation's filing name and the person's name in the
``vi`` collation. With the organisation's name in another table, PostgreSQL joined and sorted
every visible commendation to keep twenty (a nation's 54,000 for a system administrator). The
filing name is now kept on the commendation, filled here from the organisations, and an index
holds the list's order (active rows). SQLite sorts a province's rows quickly and would need the
collation in every tool that opens the file, so it gets the column but not the index.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

INDEX = (
    'CREATE INDEX IF NOT EXISTS commendation_list_order ON reviews_commendation '
    '(year DESC, (awardee_sort COLLATE "vi"), (person_name COLLATE "vi"), id) WHERE archived_at IS NULL'
)


def fill(apps, schema_editor):
    Commendation = apps.get_model("reviews", "Commendation")
    Organization = apps.get_model("orgs", "Organization")
    name = Organization.objects.filter(pk=OuterRef("organization_id")).values("sort_name")[:1]
    Commendation.objects.update(awardee_sort=Subquery(name))


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS commendation_list_order")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_vi_numeric_collation"),
        ("orgs", "0007_organization_sort_name"),
        ("reviews", "0005_list_order_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="commendation",
            name="awardee_sort",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
