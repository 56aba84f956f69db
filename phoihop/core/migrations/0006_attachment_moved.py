"""The attachment models now live in the attachments app (its 0001); their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_normalise_names'),
        ('attachments', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalattachment',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='historicalattachment',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalattachment',
                    name='uploaded_by',
                ),
                migrations.DeleteModel(
                    name='Attachment',
                ),
                migrations.DeleteModel(
                    name='HistoricalAttachment',
                ),
            ],
            database_operations=[],
        ),
    ]
