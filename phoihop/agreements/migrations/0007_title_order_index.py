"""The agreement list sorted by title reads an index in the ``vi`` collation (PostgreSQL).

Sorted by title, the list made PostgreSQL sort every matching agreement by ICU's Vietnamese
rules to keep twenty: a nation's 30,000 agreements in force took about 0.2 s. An index on the
collated title (the active rows, which the list shows) lets it read the first twenty in order.
SQLite sorts a province's few thousand rows quickly and would need the collation registered
by every tool that opens the file, so it gets none.

The list's filter form offers the years and periods of the agreements, and the list counts what
its status and year filters keep: three more indexes let the earliest and latest years, the
distinct periods and that count be read from an index instead of the whole table (about 0.1 s
each for a nation's system administrator), on both databases.
"""

from django.db import migrations

INDEX = (
    'CREATE INDEX IF NOT EXISTS agreement_vi_title ON agreements_agreement '
    '((title COLLATE "vi"), id) WHERE archived_at IS NULL'
)


PERIOD_INDEXES = {
    "agreement_periods": 'CREATE INDEX IF NOT EXISTS agreement_periods ON agreements_agreement '
    '("period_start", "period_end") WHERE archived_at IS NULL',
    "agreement_period_end": 'CREATE INDEX IF NOT EXISTS agreement_period_end ON agreements_agreement '
    '("period_end") WHERE archived_at IS NULL',
    # The list's count under the status and year filters, read from the index alone.
    "agreement_status_years": 'CREATE INDEX IF NOT EXISTS agreement_status_years ON agreements_agreement '
    '("status", "period_start", "period_end", "signed_on") WHERE archived_at IS NULL',
}


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)
    for sql in PERIOD_INDEXES.values():
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS agreement_vi_title")
    for name in PERIOD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_vi_numeric_collation"),
        ("agreements", "0006_version"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
