"""reviews's migrations 0001–0007 in one, for a new database: each model made whole
(its later fields, indexes and constraints included), the data fills of the replaced migrations
left out (a new database has no rows to fill), and their raw indexes kept.
A database that has the replaced migrations goes on from them."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from phoihop.core import migrating


# From 0006_commendation_awardee_sort: the commendation list's order in the ``vi`` collation
# (PostgreSQL only).
INDEX = (
    'CREATE INDEX IF NOT EXISTS commendation_list_order ON reviews_commendation '
    '(year DESC, (awardee_sort COLLATE "vi"), (person_name COLLATE "vi"), id) WHERE archived_at IS NULL'
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS commendation_list_order")


class Migration(migrating.Migration):  # its new models rendered once (core/migrating.py)

    initial = True

    replaces = [
        ("reviews", "0001_initial"),
        ("reviews", "0002_review_figures"),
        ("reviews", "0003_review_document"),
        ("reviews", "0004_version"),
        ("reviews", "0005_list_order_index"),
        ("reviews", "0006_commendation_awardee_sort"),
        ("reviews", "0007_list_indexes"),
    ]

    dependencies = [
        ("agreements", "0007_title_order_index"),
        ("core", "0004_vi_numeric_collation"),
        ("events", "0004_version"),
        ("orgs", "0008_membership_from_accounts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalMovement',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('name', models.CharField(max_length=500, verbose_name='tên phong trào')),
                ('organizer_text', models.CharField(blank=True, help_text='Khi cơ quan phát động không có trong danh mục, ví dụ: Ban Dân vận Trung ương.', max_length=255, verbose_name='cơ quan phát động (ghi tên)')),
                ('start_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='từ năm')),
                ('end_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='đến năm')),
                ('description', models.TextField(blank=True, verbose_name='nội dung')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organizer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization', verbose_name='cơ quan phát động')),
            ],
            options={
                'verbose_name': 'historical phong trào thi đua',
                'verbose_name_plural': 'historical phong trào thi đua',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalReview',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('kind', models.CharField(choices=[('interim', 'Sơ kết'), ('final', 'Tổng kết')], max_length=10, verbose_name='loại')),
                ('period_start', models.DateField(verbose_name='từ ngày')),
                ('period_end', models.DateField(verbose_name='đến ngày')),
                ('number_symbol', models.CharField(blank=True, max_length=100, verbose_name='số, ký hiệu báo cáo')),
                ('report_date', models.DateField(blank=True, null=True, verbose_name='ngày báo cáo')),
                ('situation', models.TextField(blank=True, verbose_name='Tình hình triển khai thực hiện')),
                ('results', models.TextField(blank=True, verbose_name='Kết quả thực hiện')),
                ('strengths', models.TextField(blank=True, verbose_name='Ưu điểm')),
                ('shortcomings', models.TextField(blank=True, verbose_name='Hạn chế, khuyết điểm')),
                ('causes', models.TextField(blank=True, verbose_name='Nguyên nhân')),
                ('lessons', models.TextField(blank=True, verbose_name='Bài học kinh nghiệm')),
                ('directions', models.TextField(blank=True, verbose_name='Phương hướng, nhiệm vụ thời gian tới')),
                ('proposals', models.TextField(blank=True, verbose_name='Đề xuất, kiến nghị')),
                ('status', models.CharField(choices=[('draft', 'Đang soạn'), ('signed_off', 'Đã ký duyệt')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('signed_off_at', models.DateTimeField(blank=True, null=True, verbose_name='ký duyệt lúc')),
                ('signer_name', models.CharField(blank=True, max_length=150, verbose_name='họ tên người ký')),
                ('signer_position', models.CharField(blank=True, max_length=255, verbose_name='chức vụ người ký')),
                ('figures', models.JSONField(blank=True, editable=False, null=True, verbose_name='số liệu khi ký duyệt')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('event', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.event', verbose_name='hội nghị')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('signed_off_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ký duyệt')),
            ],
            options={
                'verbose_name': 'historical sơ kết, tổng kết',
                'verbose_name_plural': 'historical sơ kết, tổng kết',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Movement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('name', models.CharField(max_length=500, verbose_name='tên phong trào')),
                ('organizer_text', models.CharField(blank=True, help_text='Khi cơ quan phát động không có trong danh mục, ví dụ: Ban Dân vận Trung ương.', max_length=255, verbose_name='cơ quan phát động (ghi tên)')),
                ('start_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='từ năm')),
                ('end_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='đến năm')),
                ('description', models.TextField(blank=True, verbose_name='nội dung')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organizer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='movements', to='orgs.organization', verbose_name='cơ quan phát động')),
            ],
            options={
                'verbose_name': 'phong trào thi đua',
                'verbose_name_plural': 'phong trào thi đua',
                'ordering': ['name', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Review',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('kind', models.CharField(choices=[('interim', 'Sơ kết'), ('final', 'Tổng kết')], max_length=10, verbose_name='loại')),
                ('period_start', models.DateField(verbose_name='từ ngày')),
                ('period_end', models.DateField(verbose_name='đến ngày')),
                ('number_symbol', models.CharField(blank=True, max_length=100, verbose_name='số, ký hiệu báo cáo')),
                ('report_date', models.DateField(blank=True, null=True, verbose_name='ngày báo cáo')),
                ('situation', models.TextField(blank=True, verbose_name='Tình hình triển khai thực hiện')),
                ('results', models.TextField(blank=True, verbose_name='Kết quả thực hiện')),
                ('strengths', models.TextField(blank=True, verbose_name='Ưu điểm')),
                ('shortcomings', models.TextField(blank=True, verbose_name='Hạn chế, khuyết điểm')),
                ('causes', models.TextField(blank=True, verbose_name='Nguyên nhân')),
                ('lessons', models.TextField(blank=True, verbose_name='Bài học kinh nghiệm')),
                ('directions', models.TextField(blank=True, verbose_name='Phương hướng, nhiệm vụ thời gian tới')),
                ('proposals', models.TextField(blank=True, verbose_name='Đề xuất, kiến nghị')),
                ('status', models.CharField(choices=[('draft', 'Đang soạn'), ('signed_off', 'Đã ký duyệt')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('signed_off_at', models.DateTimeField(blank=True, null=True, verbose_name='ký duyệt lúc')),
                ('signer_name', models.CharField(blank=True, max_length=150, verbose_name='họ tên người ký')),
                ('signer_position', models.CharField(blank=True, max_length=255, verbose_name='chức vụ người ký')),
                ('figures', models.JSONField(blank=True, editable=False, null=True, verbose_name='số liệu khi ký duyệt')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='agreements.agreement', verbose_name='văn bản phối hợp')),
                ('agreements', models.ManyToManyField(related_name='+', to='agreements.agreement', verbose_name='các văn bản sơ kết, tổng kết cùng')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reviews', to='events.event', verbose_name='hội nghị')),
                ('signed_off_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ký duyệt')),
            ],
            options={
                'verbose_name': 'sơ kết, tổng kết',
                'verbose_name_plural': 'sơ kết, tổng kết',
                'ordering': ['-period_end', '-id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalReview_agreements',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='reviews.historicalreview')),
                ('review', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.review')),
            ],
            options={
                'verbose_name': 'HistoricalReview_agreements',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalContribution',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(blank=True, max_length=500, verbose_name='tiêu đề tham luận')),
                ('body', models.TextField(verbose_name='nội dung tham luận')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization', verbose_name='cơ quan')),
                ('review', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.review')),
            ],
            options={
                'verbose_name': 'historical tham luận',
                'verbose_name_plural': 'historical tham luận',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCommendation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('awardee_kind', models.CharField(choices=[('collective', 'Tập thể'), ('individual', 'Cá nhân')], default='collective', max_length=20, verbose_name='đối tượng')),
                ('person_name', models.CharField(blank=True, max_length=150, verbose_name='họ và tên cá nhân')),
                ('person_title', models.CharField(blank=True, max_length=255, verbose_name='cấp bậc, chức vụ')),
                ('form', models.CharField(choices=[('praise', 'Biểu dương'), ('certificate', 'Giấy khen'), ('merit', 'Bằng khen'), ('flag', 'Cờ thi đua'), ('title', 'Danh hiệu thi đua'), ('other', 'Hình thức khác')], max_length=20, verbose_name='hình thức')),
                ('authority', models.CharField(help_text='Cơ quan, người có thẩm quyền khen thưởng.', max_length=255, verbose_name='cấp khen')),
                ('reason', models.TextField(verbose_name='thành tích, lý do')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('status', models.CharField(choices=[('proposed', 'Đề nghị'), ('decided', 'Đã quyết định'), ('not_approved', 'Không được duyệt')], default='proposed', max_length=20, verbose_name='trạng thái')),
                ('decision_number', models.CharField(blank=True, max_length=100, verbose_name='số quyết định')),
                ('decision_date', models.DateField(blank=True, null=True, verbose_name='ngày quyết định')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('decided_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization', verbose_name='tập thể, hoặc đơn vị của cá nhân')),
                ('proposed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('movement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.movement', verbose_name='phong trào thi đua')),
                ('review', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reviews.review', verbose_name='đề nghị tại sơ kết, tổng kết')),
            ],
            options={
                'verbose_name': 'historical khen thưởng',
                'verbose_name_plural': 'historical khen thưởng',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Contribution',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(blank=True, max_length=500, verbose_name='tiêu đề tham luận')),
                ('body', models.TextField(verbose_name='nội dung tham luận')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.organization', verbose_name='cơ quan')),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contributions', to='reviews.review')),
            ],
            options={
                'verbose_name': 'tham luận',
                'verbose_name_plural': 'tham luận',
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='Commendation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('awardee_kind', models.CharField(choices=[('collective', 'Tập thể'), ('individual', 'Cá nhân')], default='collective', max_length=20, verbose_name='đối tượng')),
                ('awardee_sort', models.CharField(default='', editable=False, max_length=255)),
                ('person_name', models.CharField(blank=True, max_length=150, verbose_name='họ và tên cá nhân')),
                ('person_title', models.CharField(blank=True, max_length=255, verbose_name='cấp bậc, chức vụ')),
                ('form', models.CharField(choices=[('praise', 'Biểu dương'), ('certificate', 'Giấy khen'), ('merit', 'Bằng khen'), ('flag', 'Cờ thi đua'), ('title', 'Danh hiệu thi đua'), ('other', 'Hình thức khác')], max_length=20, verbose_name='hình thức')),
                ('authority', models.CharField(help_text='Cơ quan, người có thẩm quyền khen thưởng.', max_length=255, verbose_name='cấp khen')),
                ('reason', models.TextField(verbose_name='thành tích, lý do')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('status', models.CharField(choices=[('proposed', 'Đề nghị'), ('decided', 'Đã quyết định'), ('not_approved', 'Không được duyệt')], default='proposed', max_length=20, verbose_name='trạng thái')),
                ('decision_number', models.CharField(blank=True, max_length=100, verbose_name='số quyết định')),
                ('decision_date', models.DateField(blank=True, null=True, verbose_name='ngày quyết định')),
                ('note', models.TextField(blank=True, verbose_name='ghi chú')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commendations', to='orgs.organization', verbose_name='tập thể, hoặc đơn vị của cá nhân')),
                ('proposed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('movement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='commendations', to='reviews.movement', verbose_name='phong trào thi đua')),
                ('review', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='commendations', to='reviews.review', verbose_name='đề nghị tại sơ kết, tổng kết')),
            ],
            options={
                'verbose_name': 'khen thưởng',
                'verbose_name_plural': 'khen thưởng',
                'ordering': ['-year', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ReviewDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('report_docx', 'Báo cáo (Word)'), ('annex_xlsx', 'Phụ lục số liệu (Excel)')], max_length=20, verbose_name='loại')),
                ('version', models.CharField(max_length=64, verbose_name='phiên bản')),
                ('status', models.CharField(choices=[('pending', 'Đang chờ'), ('running', 'Đang tạo'), ('done', 'Đã xong'), ('failed', 'Không tạo được')], default='pending', max_length=10, verbose_name='trạng thái')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='tiến độ (%)')),
                ('filename', models.CharField(blank=True, max_length=255, verbose_name='tên tệp')),
                ('content', models.BinaryField(null=True, verbose_name='nội dung')),
                ('error', models.TextField(blank=True, verbose_name='lỗi')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='yêu cầu lúc')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='xong lúc')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='reviews.review')),
            ],
            options={
                'verbose_name': 'văn bản sơ kết, tổng kết tạo nền',
                'verbose_name_plural': 'văn bản sơ kết, tổng kết tạo nền',
            },
        ),
        migrations.AddIndex(
            model_name='review',
            index=models.Index(models.OrderBy(models.F('period_end'), descending=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('archived_at__isnull', True)), name='review_list_order'),
        ),
        migrations.AddIndex(
            model_name='review',
            index=models.Index(condition=models.Q(('archived_at__isnull', False)), fields=['id'], name='review_archived'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='review_period_order', violation_error_message='Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.'),
        ),
        migrations.AddConstraint(
            model_name='contribution',
            constraint=models.UniqueConstraint(fields=('review', 'organization'), name='contribution_once_per_party'),
        ),
        migrations.AddIndex(
            model_name='commendation',
            index=models.Index(fields=['year'], name='commendation_year'),
        ),
        migrations.AddIndex(
            model_name='commendation',
            index=models.Index(condition=models.Q(('archived_at__isnull', True)), fields=['review'], name='commendation_live_review'),
        ),
        migrations.AddConstraint(
            model_name='reviewdocument',
            constraint=models.UniqueConstraint(fields=('review', 'kind', 'version'), name='review_document_once_per_version'),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
