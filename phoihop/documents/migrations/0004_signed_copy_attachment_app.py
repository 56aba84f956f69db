"""Signed copies point at the attachment model in its own app; the database keeps its key."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('attachments', '0001_initial'),
        ('documents', '0003_pdf_renditions_signed_copies'),
    ]

    # Before core forgets its attachment model, so no state is left pointing at it.
    run_before = [
        ('core', '0006_attachment_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalsignedcopy',
                    name='attachment',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='attachments.attachment', verbose_name='tệp'),
                ),
                migrations.AlterField(
                    model_name='signedcopy',
                    name='attachment',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='signed_copy', to='attachments.attachment', verbose_name='tệp'),
                ),
            ],
            database_operations=[],
        ),
    ]
