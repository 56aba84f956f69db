from django.db import migrations


def create_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi')"
        )


def drop_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS vi")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_collation, drop_collation)]
