"""plans's migrations 0001–0006 in one, for a new database: each model made whole
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
        ("plans", "0001_initial"),
        ("plans", "0002_scale_indexes"),
        ("plans", "0003_version"),
        ("plans", "0004_calendar_indexes"),
        ("plans", "0005_task_open_by_lead"),
        ("plans", "0006_task_agreement"),
    ]

    dependencies = [
        ("agreements", "0007_title_order_index"),
        ("orgs", "0008_membership_from_accounts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AnnualPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('status', models.CharField(choices=[('draft', 'Dự thảo'), ('in_force', 'Đang thực hiện'), ('closed', 'Đã kết thúc')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('notes', models.TextField(blank=True, verbose_name='ghi chú')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='annual_plans', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'kế hoạch phối hợp năm',
                'verbose_name_plural': 'kế hoạch phối hợp năm',
                'ordering': ['-year', '-id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAnnualPlan',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('status', models.CharField(choices=[('draft', 'Dự thảo'), ('in_force', 'Đang thực hiện'), ('closed', 'Đã kết thúc')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('notes', models.TextField(blank=True, verbose_name='ghi chú')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical kế hoạch phối hợp năm',
                'verbose_name_plural': 'historical kế hoạch phối hợp năm',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalTask',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('number', models.PositiveSmallIntegerField(verbose_name='số thứ tự')),
                ('title', models.CharField(max_length=500, verbose_name='nội dung nhiệm vụ')),
                ('start', models.DateField(blank=True, null=True, verbose_name='bắt đầu')),
                ('due', models.DateField(blank=True, null=True, verbose_name='hạn hoàn thành')),
                ('notes', models.TextField(blank=True, verbose_name='ghi chú')),
                ('cancelled', models.BooleanField(default=False, verbose_name='đã hủy')),
                ('completed_on', models.DateField(blank=True, null=True, verbose_name='đánh dấu hoàn thành ngày')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('content_area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.contentarea', verbose_name='nội dung phối hợp')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('lead_organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization', verbose_name='cơ quan chủ trì')),
                ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.annualplan')),
                ('responsible_officer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.person', verbose_name='cán bộ phụ trách')),
            ],
            options={
                'verbose_name': 'historical nhiệm vụ',
                'verbose_name_plural': 'historical nhiệm vụ',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Task',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('number', models.PositiveSmallIntegerField(verbose_name='số thứ tự')),
                ('title', models.CharField(max_length=500, verbose_name='nội dung nhiệm vụ')),
                ('start', models.DateField(blank=True, null=True, verbose_name='bắt đầu')),
                ('due', models.DateField(blank=True, null=True, verbose_name='hạn hoàn thành')),
                ('notes', models.TextField(blank=True, verbose_name='ghi chú')),
                ('cancelled', models.BooleanField(default=False, verbose_name='đã hủy')),
                ('completed_on', models.DateField(blank=True, null=True, verbose_name='đánh dấu hoàn thành ngày')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('agreement', models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('carried_over_from', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='carried_over_to', to='plans.task', verbose_name='chuyển tiếp từ nhiệm vụ')),
                ('content_area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='tasks', to='agreements.contentarea', verbose_name='nội dung phối hợp')),
                ('lead_organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='led_tasks', to='orgs.organization', verbose_name='cơ quan chủ trì')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tasks', to='plans.annualplan')),
                ('responsible_officer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='tasks', to='orgs.person', verbose_name='cán bộ phụ trách')),
                ('supporting_organizations', models.ManyToManyField(blank=True, related_name='supported_tasks', to='orgs.organization', verbose_name='cơ quan phối hợp')),
            ],
            options={
                'verbose_name': 'nhiệm vụ',
                'verbose_name_plural': 'nhiệm vụ',
                'ordering': ['number', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Indicator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('name', models.CharField(max_length=255, verbose_name='tên chỉ tiêu')),
                ('unit', models.CharField(choices=[('session', 'buổi'), ('person_time', 'lượt người'), ('article', 'tin bài'), ('house', 'nhà'), ('million_vnd', 'triệu đồng'), ('percent', '%')], max_length=20, verbose_name='đơn vị tính')),
                ('target', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='chỉ tiêu')),
                ('aggregation', models.CharField(choices=[('sum', 'Cộng dồn'), ('latest', 'Giá trị mới nhất'), ('percent', 'Tỷ lệ so với chỉ tiêu')], default='sum', max_length=10, verbose_name='cách tính')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('content_area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='agreements.contentarea')),
                ('task', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='plans.task')),
            ],
            options={
                'verbose_name': 'chỉ tiêu',
                'verbose_name_plural': 'chỉ tiêu',
                'ordering': ['order', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalTask_supporting_organizations',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='plans.historicaltask')),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization')),
                ('task', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.task')),
            ],
            options={
                'verbose_name': 'HistoricalTask_supporting_organizations',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='historicaltask',
            name='carried_over_from',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.task', verbose_name='chuyển tiếp từ nhiệm vụ'),
        ),
        migrations.CreateModel(
            name='HistoricalIndicator',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('name', models.CharField(max_length=255, verbose_name='tên chỉ tiêu')),
                ('unit', models.CharField(choices=[('session', 'buổi'), ('person_time', 'lượt người'), ('article', 'tin bài'), ('house', 'nhà'), ('million_vnd', 'triệu đồng'), ('percent', '%')], max_length=20, verbose_name='đơn vị tính')),
                ('target', models.DecimalField(decimal_places=2, max_digits=16, verbose_name='chỉ tiêu')),
                ('aggregation', models.CharField(choices=[('sum', 'Cộng dồn'), ('latest', 'Giá trị mới nhất'), ('percent', 'Tỷ lệ so với chỉ tiêu')], default='sum', max_length=10, verbose_name='cách tính')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('content_area', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.contentarea')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('task', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='plans.task')),
            ],
            options={
                'verbose_name': 'historical chỉ tiêu',
                'verbose_name_plural': 'historical chỉ tiêu',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddIndex(
            model_name='annualplan',
            index=models.Index(fields=['year', 'status'], name='plan_year_status'),
        ),
        migrations.AddIndex(
            model_name='annualplan',
            index=models.Index(condition=models.Q(('archived_at__isnull', False)), fields=['id'], name='plan_archived'),
        ),
        migrations.AddConstraint(
            model_name='annualplan',
            constraint=models.UniqueConstraint(fields=('agreement', 'year'), name='plan_once_per_year', violation_error_message='Văn bản này đã có kế hoạch phối hợp cho năm đó.'),
        ),
        migrations.AddIndex(
            model_name='task',
            index=models.Index(fields=['plan', 'due'], name='task_plan_due'),
        ),
        migrations.AddIndex(
            model_name='task',
            index=models.Index(fields=['due'], name='task_due'),
        ),
        migrations.AddIndex(
            model_name='task',
            index=models.Index(condition=models.Q(('archived_at__isnull', True), ('cancelled', False)), fields=['due', 'id', 'plan', 'agreement'], name='task_open_due'),
        ),
        migrations.AddIndex(
            model_name='task',
            index=models.Index(fields=['agreement', 'due'], name='task_agreement_due'),
        ),
        migrations.AddIndex(
            model_name='task',
            index=models.Index(condition=models.Q(('archived_at__isnull', True), ('cancelled', False), ('completed_on__isnull', True)), fields=['lead_organization', 'due', 'plan'], name='task_open_by_lead'),
        ),
        migrations.AddConstraint(
            model_name='task',
            constraint=models.UniqueConstraint(condition=models.Q(('archived_at__isnull', True)), fields=('plan', 'number'), name='task_number_once_per_plan', violation_error_message='Số thứ tự nhiệm vụ đã được dùng trong kế hoạch này.'),
        ),
        migrations.AddConstraint(
            model_name='task',
            constraint=models.CheckConstraint(condition=models.Q(('due__isnull', True), ('start__isnull', True), ('due__gte', models.F('start')), _connector='OR'), name='task_dates_order', violation_error_message='Hạn hoàn thành phải bằng hoặc sau ngày bắt đầu.'),
        ),
        migrations.AddConstraint(
            model_name='indicator',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('content_area__isnull', True), ('task__isnull', False)), models.Q(('content_area__isnull', False), ('task__isnull', True)), _connector='OR'), name='indicator_has_one_owner', violation_error_message='Chỉ tiêu thuộc về một nhiệm vụ hoặc một nội dung phối hợp.'),
        ),
        migrations.AddConstraint(
            model_name='indicator',
            constraint=models.CheckConstraint(condition=models.Q(('target__gte', 0)), name='indicator_target_not_negative', violation_error_message='Chỉ tiêu không được là số âm.'),
        ),
    ]
