from typing import Any

from django.db import migrations, models

# The list orders empty dates last (ORDER BY signed_on DESC NULLS LAST, id DESC). SQLite sorts
# NULL lowest, so a plain descending index already matches; PostgreSQL needs NULLS LAST spelled
# out, which SQLite refuses in an index. Hence raw SQL per database.
ORDERED = [
    ("agreement_signed", "signed_on"),
    ("agreement_period", "period_start"),
]


def create_ordered(apps: Any, schema_editor: Any) -> None:
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, column in ORDERED:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "agreements_agreement" ("{column}" DESC{nulls}, "id" DESC)'
        )


def drop_ordered(apps: Any, schema_editor: Any) -> None:
    for name, _column in ORDERED:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("agreements", "0003_review_flag")]

    operations = [
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(fields=["-updated_at", "-id"], name="agreement_updated"),
        ),
        migrations.AddIndex(
            model_name="party",
            index=models.Index(fields=["organization", "agreement"], name="party_org_agreement"),
        ),
        migrations.RunPython(create_ordered, drop_ordered),
    ]
