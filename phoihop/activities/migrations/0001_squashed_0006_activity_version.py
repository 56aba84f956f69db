"""activities's migrations 0001–0006 in one, for a new database: each model made whole
(its later fields, indexes and constraints included), the data fills of the replaced migrations
left out (a new database has no rows to fill).
A database that has the replaced migrations goes on from them."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from phoihop.core import migrating


class Migration(migrating.Migration):  # its new models rendered once (core/migrating.py)

    initial = True

    replaces = [
        ("activities", "0001_initial"),
        ("activities", "0002_initial"),
        ("activities", "0003_activity_search_text"),
        ("activities", "0004_activity_agreement"),
        ("activities", "0005_backfill_activity_agreement"),
        ("activities", "0006_activity_version"),
    ]

    dependencies = [
        ("agreements", "0003_review_flag"),
        ("orgs", "0002_constraint_messages"),
        ("plans", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Activity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('search_text', models.TextField(default='', editable=False)),
                ('title', models.CharField(max_length=500, verbose_name='tên hoạt động')),
                ('start_date', models.DateField(verbose_name='từ ngày')),
                ('end_date', models.DateField(verbose_name='đến ngày')),
                ('commune_code', models.PositiveIntegerField(blank=True, null=True, verbose_name='xã, phường')),
                ('place_text', models.CharField(blank=True, max_length=255, verbose_name='địa điểm')),
                ('description', models.TextField(blank=True, verbose_name='nội dung, kết quả')),
                ('participants', models.PositiveIntegerField(blank=True, null=True, verbose_name='số người tham gia')),
                ('status', models.CharField(choices=[('draft', 'Nháp'), ('submitted', 'Chờ duyệt'), ('returned', 'Trả lại để sửa'), ('approved', 'Đã duyệt'), ('superseded', 'Đã được thay bằng bản sửa')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('reviewer_note', models.TextField(blank=True, verbose_name='ý kiến người duyệt')),
                ('revision', models.PositiveSmallIntegerField(default=1, verbose_name='lần sửa')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='gửi duyệt lúc')),
                ('returned_at', models.DateTimeField(blank=True, null=True, verbose_name='trả lại lúc')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='duyệt lúc')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('agreement', models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người duyệt')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organizations', models.ManyToManyField(related_name='activities', to='orgs.organization', verbose_name='đơn vị tổ chức')),
                ('returned_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người trả lại')),
                ('revises', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='revisions', to='activities.activity', verbose_name='bản sửa của')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người gửi duyệt')),
                ('task', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='activities', to='plans.task', verbose_name='nhiệm vụ')),
            ],
            options={
                'verbose_name': 'hoạt động',
                'verbose_name_plural': 'hoạt động',
                'ordering': ['-end_date', '-id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalActivity',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('search_text', models.TextField(default='', editable=False)),
                ('title', models.CharField(max_length=500, verbose_name='tên hoạt động')),
                ('start_date', models.DateField(verbose_name='từ ngày')),
                ('end_date', models.DateField(verbose_name='đến ngày')),
                ('commune_code', models.PositiveIntegerField(blank=True, null=True, verbose_name='xã, phường')),
                ('place_text', models.CharField(blank=True, max_length=255, verbose_name='địa điểm')),
                ('description', models.TextField(blank=True, verbose_name='nội dung, kết quả')),
                ('participants', models.PositiveIntegerField(blank=True, null=True, verbose_name='số người tham gia')),
                ('status', models.CharField(choices=[('draft', 'Nháp'), ('submitted', 'Chờ duyệt'), ('returned', 'Trả lại để sửa'), ('approved', 'Đã duyệt'), ('superseded', 'Đã được thay bằng bản sửa')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('reviewer_note', models.TextField(blank=True, verbose_name='ý kiến người duyệt')),
                ('revision', models.PositiveSmallIntegerField(default=1, verbose_name='lần sửa')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='gửi duyệt lúc')),
                ('returned_at', models.DateTimeField(blank=True, null=True, verbose_name='trả lại lúc')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='duyệt lúc')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('approved_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người duyệt')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('returned_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người trả lại')),
                ('revises', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='activities.activity', verbose_name='bản sửa của')),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người gửi duyệt')),
                ('task', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.task', verbose_name='nhiệm vụ')),
            ],
            options={
                'verbose_name': 'historical hoạt động',
                'verbose_name_plural': 'historical hoạt động',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalActivity_organizations',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('activity', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='activities.activity')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='activities.historicalactivity')),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization')),
            ],
            options={
                'verbose_name': 'HistoricalActivity_organizations',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalIndicatorValue',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('value', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='giá trị')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('activity', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='activities.activity')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('indicator', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.indicator', verbose_name='chỉ tiêu')),
            ],
            options={
                'verbose_name': 'historical kết quả theo chỉ tiêu',
                'verbose_name_plural': 'historical kết quả theo chỉ tiêus',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='IndicatorValue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='giá trị')),
                ('activity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='values', to='activities.activity')),
                ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='values', to='plans.indicator', verbose_name='chỉ tiêu')),
            ],
            options={
                'verbose_name': 'kết quả theo chỉ tiêu',
                'ordering': ['indicator__order', 'indicator_id'],
            },
        ),
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(models.F('agreement'), models.OrderBy(models.F('end_date'), descending=True), models.OrderBy(models.F('id'), descending=True), name='activity_agr_end'),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(models.OrderBy(models.F('end_date'), descending=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('archived_at__isnull', True)), name='activity_live_end'),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(condition=models.Q(('archived_at__isnull', True), ('status', 'approved')), fields=['task'], name='activity_approved_task'),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(fields=['status', 'submitted_at'], name='activity_status_submitted'),
        ),
        migrations.AddConstraint(
            model_name='activity',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__gte', models.F('start_date'))), name='activity_dates_order', violation_error_message='Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.'),
        ),
        migrations.AddConstraint(
            model_name='indicatorvalue',
            constraint=models.UniqueConstraint(fields=('activity', 'indicator'), name='indicator_value_once'),
        ),
        migrations.AddConstraint(
            model_name='indicatorvalue',
            constraint=models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='indicator_value_not_negative', violation_error_message='Giá trị không được là số âm.'),
        ),
    ]
