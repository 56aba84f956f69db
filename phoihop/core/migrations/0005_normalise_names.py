"""Names stored before whitespace was normalised on save: "Xã  Phú Hữu" becomes "Xã Phú Hữu".

The same function as on save (phoihop.core.names), on the rows already stored; only rows whose
names change are written."""

from django.db import migrations


def forwards(apps, schema_editor):
    from phoihop.core.names import normalize_stored_names

    normalize_stored_names(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_vi_numeric_collation"),
        ("orgs", "0007_organization_sort_name"),
        ("agreements", "0006_version"),
        ("reviews", "0005_list_order_index"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
