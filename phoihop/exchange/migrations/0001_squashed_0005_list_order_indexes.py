"""exchange's migrations 0001–0005 in one, for a new database: each model made whole
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
        ("exchange", "0001_initial"),
        ("exchange", "0002_verbose_names"),
        ("exchange", "0003_report_window_index"),
        ("exchange", "0004_version"),
        ("exchange", "0005_list_order_indexes"),
    ]

    dependencies = [
        ("agreements", "0006_version"),
        ("orgs", "0006_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalInspection',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('kind', models.CharField(choices=[('inspection', 'Kiểm tra'), ('supervision', 'Giám sát')], default='inspection', max_length=20, verbose_name='hình thức')),
                ('title', models.CharField(max_length=500, verbose_name='tên đợt kiểm tra, giám sát')),
                ('date', models.DateField(verbose_name='ngày')),
                ('scope', models.TextField(blank=True, verbose_name='nội dung, phạm vi')),
                ('findings', models.TextField(blank=True, verbose_name='kết quả, nhận xét')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical kiểm tra, giám sát',
                'verbose_name_plural': 'historical kiểm tra, giám sát',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPeriodicReport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('rhythm', models.CharField(choices=[('monthly', 'Hằng tháng'), ('quarterly', 'Hằng quý'), ('half_yearly', '6 tháng'), ('yearly', 'Hằng năm'), ('ad_hoc', 'Đột xuất')], max_length=20, verbose_name='kỳ báo cáo')),
                ('period_start', models.DateField(verbose_name='từ ngày')),
                ('period_end', models.DateField(verbose_name='đến ngày')),
                ('period_label', models.CharField(max_length=100, verbose_name='kỳ')),
                ('due_date', models.DateField(verbose_name='hạn gửi')),
                ('title', models.CharField(max_length=500, verbose_name='tiêu đề')),
                ('body', models.TextField(blank=True, verbose_name='nội dung báo cáo')),
                ('status', models.CharField(choices=[('draft', 'Nháp'), ('submitted', 'Đã gửi')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='gửi lúc')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization', verbose_name='bên báo cáo')),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người gửi')),
            ],
            options={
                'verbose_name': 'historical báo cáo định kỳ',
                'verbose_name_plural': 'historical báo cáo định kỳ',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalReportingSchedule',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('rhythm', models.CharField(choices=[('monthly', 'Hằng tháng'), ('quarterly', 'Hằng quý'), ('half_yearly', '6 tháng'), ('yearly', 'Hằng năm'), ('ad_hoc', 'Đột xuất')], default='quarterly', max_length=20, verbose_name='kỳ báo cáo')),
                ('due_days', models.PositiveSmallIntegerField(default=10, verbose_name='hạn gửi (số ngày sau khi hết kỳ)')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical chế độ báo cáo',
                'verbose_name_plural': 'historical chế độ báo cáo',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Inspection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('kind', models.CharField(choices=[('inspection', 'Kiểm tra'), ('supervision', 'Giám sát')], default='inspection', max_length=20, verbose_name='hình thức')),
                ('title', models.CharField(max_length=500, verbose_name='tên đợt kiểm tra, giám sát')),
                ('date', models.DateField(verbose_name='ngày')),
                ('scope', models.TextField(blank=True, verbose_name='nội dung, phạm vi')),
                ('findings', models.TextField(blank=True, verbose_name='kết quả, nhận xét')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspections', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                ('inspected', models.ManyToManyField(related_name='inspections_received', to='orgs.organization', verbose_name='đơn vị được kiểm tra, giám sát')),
                ('inspecting', models.ManyToManyField(related_name='inspections_made', to='orgs.organization', verbose_name='đơn vị kiểm tra, giám sát')),
            ],
            options={
                'verbose_name': 'kiểm tra, giám sát',
                'verbose_name_plural': 'kiểm tra, giám sát',
                'ordering': ['-date', '-id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalRecommendation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('text', models.TextField(verbose_name='kiến nghị')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='hạn khắc phục')),
                ('status', models.CharField(choices=[('open', 'Chưa thực hiện'), ('in_progress', 'Đang khắc phục'), ('closed', 'Đã hoàn thành')], default='open', max_length=20, verbose_name='trạng thái')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='đóng lúc')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('closed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người đóng')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('responsible', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization', verbose_name='đơn vị thực hiện')),
                ('inspection', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchange.inspection')),
            ],
            options={
                'verbose_name': 'historical kiến nghị',
                'verbose_name_plural': 'historical kiến nghị',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalInspection_inspecting',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='exchange.historicalinspection')),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization')),
                ('inspection', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchange.inspection')),
            ],
            options={
                'verbose_name': 'HistoricalInspection_inspecting',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalInspection_inspected',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='exchange.historicalinspection')),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization')),
                ('inspection', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchange.inspection')),
            ],
            options={
                'verbose_name': 'HistoricalInspection_inspected',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PeriodicReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('rhythm', models.CharField(choices=[('monthly', 'Hằng tháng'), ('quarterly', 'Hằng quý'), ('half_yearly', '6 tháng'), ('yearly', 'Hằng năm'), ('ad_hoc', 'Đột xuất')], max_length=20, verbose_name='kỳ báo cáo')),
                ('period_start', models.DateField(verbose_name='từ ngày')),
                ('period_end', models.DateField(verbose_name='đến ngày')),
                ('period_label', models.CharField(max_length=100, verbose_name='kỳ')),
                ('due_date', models.DateField(verbose_name='hạn gửi')),
                ('title', models.CharField(max_length=500, verbose_name='tiêu đề')),
                ('body', models.TextField(blank=True, verbose_name='nội dung báo cáo')),
                ('status', models.CharField(choices=[('draft', 'Nháp'), ('submitted', 'Đã gửi')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='gửi lúc')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='periodic_reports', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='periodic_reports', to='orgs.organization', verbose_name='bên báo cáo')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người gửi')),
            ],
            options={
                'verbose_name': 'báo cáo định kỳ',
                'verbose_name_plural': 'báo cáo định kỳ',
                'ordering': ['-period_end', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Recommendation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='kiến nghị')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='hạn khắc phục')),
                ('status', models.CharField(choices=[('open', 'Chưa thực hiện'), ('in_progress', 'Đang khắc phục'), ('closed', 'Đã hoàn thành')], default='open', max_length=20, verbose_name='trạng thái')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='đóng lúc')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người đóng')),
                ('inspection', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recommendations', to='exchange.inspection')),
                ('responsible', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recommendations', to='orgs.organization', verbose_name='đơn vị thực hiện')),
            ],
            options={
                'verbose_name': 'kiến nghị',
                'verbose_name_plural': 'kiến nghị',
                'ordering': ['order', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalFollowUp',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('date', models.DateField(verbose_name='ngày')),
                ('note', models.TextField(verbose_name='nội dung khắc phục')),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ghi')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('recommendation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchange.recommendation')),
            ],
            options={
                'verbose_name': 'historical theo dõi khắc phục',
                'verbose_name_plural': 'historical theo dõi khắc phụcs',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='FollowUp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='ngày')),
                ('note', models.TextField(verbose_name='nội dung khắc phục')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ghi')),
                ('recommendation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='exchange.recommendation')),
            ],
            options={
                'verbose_name': 'theo dõi khắc phục',
                'ordering': ['date', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ReportingSchedule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rhythm', models.CharField(choices=[('monthly', 'Hằng tháng'), ('quarterly', 'Hằng quý'), ('half_yearly', '6 tháng'), ('yearly', 'Hằng năm'), ('ad_hoc', 'Đột xuất')], default='quarterly', max_length=20, verbose_name='kỳ báo cáo')),
                ('due_days', models.PositiveSmallIntegerField(default=10, verbose_name='hạn gửi (số ngày sau khi hết kỳ)')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('agreement', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='reporting_schedule', to='agreements.agreement')),
                ('reporters', models.ManyToManyField(blank=True, help_text='Để trống: mọi bên tham gia đều báo cáo.', related_name='+', to='orgs.organization', verbose_name='bên phải báo cáo')),
            ],
            options={
                'verbose_name': 'chế độ báo cáo',
                'verbose_name_plural': 'chế độ báo cáo',
            },
        ),
        migrations.CreateModel(
            name='HistoricalReportingSchedule_reporters',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='exchange.historicalreportingschedule')),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization')),
                ('reportingschedule', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchange.reportingschedule')),
            ],
            options={
                'verbose_name': 'HistoricalReportingSchedule_reporters',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ReportRead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('read_at', models.DateTimeField(verbose_name='đọc lúc')),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organization', verbose_name='bên')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reads', to='exchange.periodicreport')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'lượt đọc báo cáo',
                'ordering': ['read_at', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='inspection',
            index=models.Index(models.OrderBy(models.F('date'), descending=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('archived_at__isnull', True)), name='exchange_inspection_order'),
        ),
        migrations.AddIndex(
            model_name='periodicreport',
            index=models.Index(fields=['agreement', 'period_end'], name='exchange_report_agr_end'),
        ),
        migrations.AddIndex(
            model_name='periodicreport',
            index=models.Index(models.OrderBy(models.F('period_end'), descending=True), models.F('agreement'), models.F('organization'), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('archived_at__isnull', True)), name='exchange_report_list_order'),
        ),
        migrations.AddConstraint(
            model_name='periodicreport',
            constraint=models.UniqueConstraint(condition=models.Q(models.Q(('rhythm', 'ad_hoc'), _negated=True), ('archived_at__isnull', True)), fields=('agreement', 'organization', 'period_start', 'period_end'), name='periodic_report_once_per_period', violation_error_message='Bên này đã có báo cáo cho kỳ đó.'),
        ),
        migrations.AddConstraint(
            model_name='periodicreport',
            constraint=models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='periodic_report_period_order', violation_error_message='Ngày kết thúc kỳ phải bằng hoặc sau ngày bắt đầu.'),
        ),
        migrations.AddConstraint(
            model_name='reportread',
            constraint=models.UniqueConstraint(fields=('report', 'user'), name='report_read_once'),
        ),
    ]
