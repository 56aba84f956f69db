"""The agreement list sorted by title reads an index in the ``vi`` collation (PostgreSQL).

Sorted by title, the list made PostgreSQL sort every matching agreement by ICU's Vietnamese
rules to keep twenty: a nation's 30,000 agreements in force took about 0.2 s. An index on the
collated title (the active rows, which the list shows) lets it read the first twenty in order.
SQLite sorts a province's few thousand rows quickly and would need the collation registered
by every tool that opens the file, so it gets none.
"""

from django.db import migrations

INDEX = (
    'CREATE INDEX IF NOT EXISTS agreement_vi_title ON agreements_agreement '
    '((title COLLATE "vi"), id) WHERE archived_at IS NULL'
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS agreement_vi_title")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_vi_numeric_collation"),
        ("agreements", "0006_version"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
