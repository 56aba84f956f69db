"""Attachments leave ``core`` for their own app, keeping their tables and rows.

Only Django's picture of the models moves (``core`` forgets them in its 0006); the tables keep
their names, and the content types are renamed in place, so every row that points at them
(permissions, audit events, history) still does."""

import django.db.models.deletion
import django.utils.timezone
import phoihop.attachments.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = ("attachment", "historicalattachment")


def _move_content_types(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        # A fresh database has neither yet (content types are made after migrating).
        if not ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def content_types_to_app(apps, schema_editor):
    _move_content_types(apps, schema_editor, "core", "attachments")


def content_types_to_core(apps, schema_editor):
    _move_content_types(apps, schema_editor, "attachments", "core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0005_normalise_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalAttachment',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('file', models.TextField(max_length=255)),
                        ('original_name', models.CharField(max_length=255, verbose_name='tên tệp')),
                        ('mime_type', models.CharField(max_length=100)),
                        ('size', models.PositiveBigIntegerField()),
                        ('sha256', models.CharField(max_length=64)),
                        ('kind', models.CharField(choices=[('signed_scan', 'Bản ký (scan)'), ('document', 'Tài liệu'), ('photo', 'Ảnh'), ('minutes', 'Biên bản'), ('other', 'Khác')], default='document', max_length=20, verbose_name='loại')),
                        ('description', models.CharField(blank=True, max_length=255, verbose_name='mô tả')),
                        ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('archived_at', models.DateTimeField(blank=True, null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('content_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('uploaded_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical attachment',
                        'verbose_name_plural': 'historical attachments',
                        'db_table': 'core_historicalattachment',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Attachment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('file', models.FileField(max_length=255, upload_to=phoihop.attachments.models.attachment_path)),
                        ('original_name', models.CharField(max_length=255, verbose_name='tên tệp')),
                        ('mime_type', models.CharField(max_length=100)),
                        ('size', models.PositiveBigIntegerField()),
                        ('sha256', models.CharField(max_length=64)),
                        ('kind', models.CharField(choices=[('signed_scan', 'Bản ký (scan)'), ('document', 'Tài liệu'), ('photo', 'Ảnh'), ('minutes', 'Biên bản'), ('other', 'Khác')], default='document', max_length=20, verbose_name='loại')),
                        ('description', models.CharField(blank=True, max_length=255, verbose_name='mô tả')),
                        ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('archived_at', models.DateTimeField(blank=True, null=True)),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype')),
                        ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'core_attachment',
                        'ordering': ['uploaded_at', 'id'],
                        'indexes': [models.Index(fields=['content_type', 'object_id'], name='core_attach_content_d3cac2_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_app, content_types_to_core),
    ]
