"""agreements's migrations 0001–0007 in one, for a new database: each model made whole
(its later fields, indexes and constraints included), the data fills of the replaced migrations
left out (a new database has no rows to fill), and their raw indexes kept.
A database that has the replaced migrations goes on from them."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from phoihop.core.trigram import search_text_trigram_index

from phoihop.core import migrating


# From 0004_list_indexes: the list orders empty dates last (ORDER BY signed_on DESC NULLS LAST,
# id DESC). SQLite sorts NULL lowest, so a plain descending index already matches; PostgreSQL
# needs NULLS LAST spelled out, which SQLite refuses in an index. Hence raw SQL per database.
ORDERED = [
    ("agreement_signed", "signed_on"),
    ("agreement_period", "period_start"),
]


def create_ordered(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, column in ORDERED:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "agreements_agreement" ("{column}" DESC{nulls}, "id" DESC)'
        )


def drop_ordered(apps, schema_editor):
    for name, _column in ORDERED:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


# From 0007_title_order_index: the title in the ``vi`` collation (PostgreSQL only), and the
# indexes the list's filter form and counts read, on both databases.
INDEX = (
    'CREATE INDEX IF NOT EXISTS agreement_vi_title ON agreements_agreement '
    '((title COLLATE "vi"), id) WHERE archived_at IS NULL'
)

PERIOD_INDEXES = {
    "agreement_periods": 'CREATE INDEX IF NOT EXISTS agreement_periods ON agreements_agreement '
    '("period_start", "period_end") WHERE archived_at IS NULL',
    "agreement_period_end": 'CREATE INDEX IF NOT EXISTS agreement_period_end ON agreements_agreement '
    '("period_end") WHERE archived_at IS NULL',
    "agreement_status_years": 'CREATE INDEX IF NOT EXISTS agreement_status_years ON agreements_agreement '
    '("status", "period_start", "period_end", "signed_on") WHERE archived_at IS NULL',
}


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)
    for sql in PERIOD_INDEXES.values():
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS agreement_vi_title")
    for name in PERIOD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrating.Migration):  # its new models rendered once (core/migrating.py)

    initial = True

    replaces = [
        ("agreements", "0001_initial"),
        ("agreements", "0002_constraint_messages"),
        ("agreements", "0003_review_flag"),
        ("agreements", "0004_list_indexes"),
        ("agreements", "0005_search_trigram"),
        ("agreements", "0006_version"),
        ("agreements", "0007_title_order_index"),
    ]

    dependencies = [
        ("core", "0004_vi_numeric_collation"),
        ("orgs", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Agreement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('search_text', models.TextField(default='', editable=False)),
                ('kind', models.CharField(choices=[('regulation', 'Quy chế phối hợp'), ('program', 'Chương trình phối hợp'), ('plan', 'Kế hoạch phối hợp')], max_length=20, verbose_name='loại văn bản')),
                ('number_symbol', models.CharField(blank=True, max_length=100, verbose_name='số, ký hiệu')),
                ('title', models.CharField(max_length=500, verbose_name='trích yếu')),
                ('legal_bases', models.TextField(blank=True, help_text='Mỗi căn cứ một dòng, ví dụ: Nghị quyết 03-NQ/TU …', verbose_name='căn cứ')),
                ('purpose', models.TextField(blank=True, verbose_name='mục đích, yêu cầu')),
                ('period_start', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='giai đoạn từ năm')),
                ('period_end', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='đến năm')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='ngày ký')),
                ('status', models.CharField(choices=[('draft', 'Dự thảo'), ('in_force', 'Đang có hiệu lực'), ('expired', 'Hết hiệu lực'), ('terminated', 'Chấm dứt'), ('superseded', 'Đã được thay thế')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('reporting', models.CharField(blank=True, max_length=255, verbose_name='chế độ thông tin, báo cáo')),
                ('needs_review', models.BooleanField(default=False, verbose_name='cần rà soát')),
                ('review_note', models.TextField(blank=True, verbose_name='nội dung cần rà soát')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='agreements.agreement', verbose_name='thuộc chương trình')),
                ('renews', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='renewed_by', to='agreements.agreement', verbose_name='thay thế văn bản')),
            ],
            options={
                'verbose_name': 'văn bản phối hợp',
                'verbose_name_plural': 'văn bản phối hợp',
            },
        ),
        migrations.CreateModel(
            name='ContentArea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='số thứ tự')),
                ('title', models.CharField(max_length=500, verbose_name='nội dung')),
                ('text', models.TextField(blank=True, verbose_name='chi tiết')),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='content_areas', to='agreements.agreement')),
                ('responsible', models.ManyToManyField(blank=True, related_name='+', to='orgs.organization', verbose_name='bên thực hiện')),
            ],
            options={
                'verbose_name': 'nội dung phối hợp',
                'ordering': ['number', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAgreement',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='tạo lúc')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                ('archived_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='lưu trữ lúc')),
                ('search_text', models.TextField(default='', editable=False)),
                ('kind', models.CharField(choices=[('regulation', 'Quy chế phối hợp'), ('program', 'Chương trình phối hợp'), ('plan', 'Kế hoạch phối hợp')], max_length=20, verbose_name='loại văn bản')),
                ('number_symbol', models.CharField(blank=True, max_length=100, verbose_name='số, ký hiệu')),
                ('title', models.CharField(max_length=500, verbose_name='trích yếu')),
                ('legal_bases', models.TextField(blank=True, help_text='Mỗi căn cứ một dòng, ví dụ: Nghị quyết 03-NQ/TU …', verbose_name='căn cứ')),
                ('purpose', models.TextField(blank=True, verbose_name='mục đích, yêu cầu')),
                ('period_start', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='giai đoạn từ năm')),
                ('period_end', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='đến năm')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='ngày ký')),
                ('status', models.CharField(choices=[('draft', 'Dự thảo'), ('in_force', 'Đang có hiệu lực'), ('expired', 'Hết hiệu lực'), ('terminated', 'Chấm dứt'), ('superseded', 'Đã được thay thế')], default='draft', max_length=20, verbose_name='trạng thái')),
                ('reporting', models.CharField(blank=True, max_length=255, verbose_name='chế độ thông tin, báo cáo')),
                ('needs_review', models.BooleanField(default=False, verbose_name='cần rà soát')),
                ('review_note', models.TextField(blank=True, verbose_name='nội dung cần rà soát')),
                ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='phiên bản')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='thuộc chương trình')),
                ('renews', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement', verbose_name='thay thế văn bản')),
            ],
            options={
                'verbose_name': 'historical văn bản phối hợp',
                'verbose_name_plural': 'historical văn bản phối hợp',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalContentArea',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='số thứ tự')),
                ('title', models.CharField(max_length=500, verbose_name='nội dung')),
                ('text', models.TextField(blank=True, verbose_name='chi tiết')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical nội dung phối hợp',
                'verbose_name_plural': 'historical nội dung phối hợps',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalContentArea_responsible',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('contentarea', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.contentarea')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='agreements.historicalcontentarea')),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization')),
            ],
            options={
                'verbose_name': 'HistoricalContentArea_responsible',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalParty',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('lead', 'Chủ trì'), ('cooperating', 'Phối hợp')], max_length=20, verbose_name='vai trò')),
                ('name_as_signed', models.CharField(max_length=255, verbose_name='tên khi ký')),
                ('signatory_name', models.CharField(blank=True, max_length=150, verbose_name='họ tên người ký')),
                ('signatory_rank', models.CharField(blank=True, max_length=100, verbose_name='cấp bậc khi ký')),
                ('signatory_position', models.CharField(blank=True, max_length=255, verbose_name='chức vụ khi ký')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='ngày ký')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agreement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.agreement')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization', verbose_name='cơ quan')),
                ('signatory', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.person', verbose_name='người ký')),
            ],
            options={
                'verbose_name': 'historical bên tham gia',
                'verbose_name_plural': 'historical bên tham gias',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Party',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('lead', 'Chủ trì'), ('cooperating', 'Phối hợp')], max_length=20, verbose_name='vai trò')),
                ('name_as_signed', models.CharField(max_length=255, verbose_name='tên khi ký')),
                ('signatory_name', models.CharField(blank=True, max_length=150, verbose_name='họ tên người ký')),
                ('signatory_rank', models.CharField(blank=True, max_length=100, verbose_name='cấp bậc khi ký')),
                ('signatory_position', models.CharField(blank=True, max_length=255, verbose_name='chức vụ khi ký')),
                ('signed_on', models.DateField(blank=True, null=True, verbose_name='ngày ký')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('agreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='parties', to='agreements.agreement')),
                ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='parties', to='orgs.organization', verbose_name='cơ quan')),
                ('signatory', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='signed_parties', to='orgs.person', verbose_name='người ký')),
            ],
            options={
                'verbose_name': 'bên tham gia',
                'ordering': ['order', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='agreement',
            index=models.Index(fields=['-updated_at', '-id'], name='agreement_updated'),
        ),
        migrations.AddConstraint(
            model_name='agreement',
            constraint=models.CheckConstraint(condition=models.Q(('period_end__isnull', True), ('period_start__isnull', True), ('period_end__gte', models.F('period_start')), _connector='OR'), name='agreement_period_order', violation_error_message='Năm kết thúc phải bằng hoặc sau năm bắt đầu.'),
        ),
        migrations.AddIndex(
            model_name='party',
            index=models.Index(fields=['organization', 'agreement'], name='party_org_agreement'),
        ),
        migrations.AddConstraint(
            model_name='party',
            constraint=models.UniqueConstraint(fields=('agreement', 'organization'), name='party_once'),
        ),
        migrations.RunPython(create_ordered, drop_ordered),
        search_text_trigram_index("agreements_agreement", "agreement_search_trgm"),
        migrations.RunPython(create_index, drop_index),
    ]
