"""notifications's migrations 0001–0007 in one, for a new database: each model made whole
(its later fields, indexes and constraints included), the data fills of the replaced migrations
left out (a new database has no rows to fill).
A database that has the replaced migrations goes on from them."""

import django.db.models.deletion
import django.utils.timezone
import phoihop.notifications.models
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from phoihop.core import migrating


class Migration(migrating.Migration):  # its new models rendered once (core/migrating.py)

    initial = True

    replaces = [
        ("notifications", "0001_initial"),
        ("notifications", "0002_feed_version"),
        ("notifications", "0003_document_ready_kind"),
        ("notifications", "0004_email_delivery"),
        ("notifications", "0005_handover_kinds"),
        ("notifications", "0006_event_invited_kind"),
        ("notifications", "0007_import_done_kind"),
    ]

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CalendarFeedToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(default=phoihop.notifications.models.new_feed_token, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='tạo lúc')),
                ('reset_at', models.DateTimeField(blank=True, null=True, verbose_name='đặt lại lúc')),
                ('feed_etag', models.CharField(blank=True, default='', editable=False, max_length=64)),
                ('feed_changed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed_token', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'liên kết lịch cá nhân',
            },
        ),
        migrations.CreateModel(
            name='HistoricalCalendarFeedToken',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='tạo lúc')),
                ('reset_at', models.DateTimeField(blank=True, null=True, verbose_name='đặt lại lúc')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical liên kết lịch cá nhân',
                'verbose_name_plural': 'historical liên kết lịch cá nhâns',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalNotificationPreference',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('task_due_soon', 'Nhiệm vụ sắp đến hạn'), ('task_overdue', 'Nhiệm vụ quá hạn'), ('report_due', 'Báo cáo định kỳ sắp đến hạn'), ('report_late', 'Báo cáo định kỳ chưa nộp, đã quá hạn'), ('agreement_ending', 'Văn bản phối hợp sắp hết thời hạn'), ('activity_submitted', 'Hoạt động chờ duyệt'), ('activity_returned', 'Hoạt động bị trả lại để sửa'), ('document_ready', 'Văn bản đã tạo xong'), ('activity_approved', 'Hoạt động đã được duyệt'), ('report_submitted', 'Báo cáo định kỳ của bên phối hợp gửi đến'), ('inspection_findings', 'Kết quả kiểm tra, giám sát đơn vị mình'), ('recommendation_assigned', 'Kiến nghị giao đơn vị mình thực hiện'), ('recommendation_followed_up', 'Kết quả khắc phục kiến nghị'), ('contribution_requested', 'Đề nghị viết tham luận sơ kết, tổng kết'), ('contribution_received', 'Tham luận của bên phối hợp gửi đến'), ('review_signed_off', 'Báo cáo sơ kết, tổng kết đã ký duyệt'), ('event_invited', 'Đơn vị được mời dự hội nghị, sự kiện'), ('import_done', 'Nhập dữ liệu từ Excel đã xử lý xong')], max_length=30, verbose_name='loại')),
                ('by_email', models.BooleanField(default=False, verbose_name='gửi thư điện tử')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical tùy chọn thông báo',
                'verbose_name_plural': 'historical tùy chọn thông báos',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('task_due_soon', 'Nhiệm vụ sắp đến hạn'), ('task_overdue', 'Nhiệm vụ quá hạn'), ('report_due', 'Báo cáo định kỳ sắp đến hạn'), ('report_late', 'Báo cáo định kỳ chưa nộp, đã quá hạn'), ('agreement_ending', 'Văn bản phối hợp sắp hết thời hạn'), ('activity_submitted', 'Hoạt động chờ duyệt'), ('activity_returned', 'Hoạt động bị trả lại để sửa'), ('document_ready', 'Văn bản đã tạo xong'), ('activity_approved', 'Hoạt động đã được duyệt'), ('report_submitted', 'Báo cáo định kỳ của bên phối hợp gửi đến'), ('inspection_findings', 'Kết quả kiểm tra, giám sát đơn vị mình'), ('recommendation_assigned', 'Kiến nghị giao đơn vị mình thực hiện'), ('recommendation_followed_up', 'Kết quả khắc phục kiến nghị'), ('contribution_requested', 'Đề nghị viết tham luận sơ kết, tổng kết'), ('contribution_received', 'Tham luận của bên phối hợp gửi đến'), ('review_signed_off', 'Báo cáo sơ kết, tổng kết đã ký duyệt'), ('event_invited', 'Đơn vị được mời dự hội nghị, sự kiện'), ('import_done', 'Nhập dữ liệu từ Excel đã xử lý xong')], max_length=30, verbose_name='loại')),
                ('title', models.CharField(max_length=500, verbose_name='tiêu đề')),
                ('body', models.TextField(blank=True, verbose_name='nội dung')),
                ('url', models.CharField(blank=True, max_length=500, verbose_name='đường dẫn')),
                ('object_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('key', models.CharField(blank=True, default='', max_length=200)),
                ('emailed', models.BooleanField(default=False)),
                ('email_sent_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('email_attempts', models.PositiveSmallIntegerField(default=0, editable=False)),
                ('email_error', models.CharField(blank=True, default='', editable=False, max_length=500)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='lúc')),
                ('read_at', models.DateTimeField(blank=True, null=True, verbose_name='đã đọc lúc')),
                ('cleared_at', models.DateTimeField(blank=True, null=True, verbose_name='đã xóa lúc')),
                ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='contenttypes.contenttype')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'thông báo',
                'verbose_name_plural': 'thông báo',
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['user', 'cleared_at', 'read_at'], name='notificatio_user_id_ec6d72_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('user', 'key'), name='notification_key_once_per_user')],
            },
        ),
        migrations.CreateModel(
            name='NotificationPreference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('task_due_soon', 'Nhiệm vụ sắp đến hạn'), ('task_overdue', 'Nhiệm vụ quá hạn'), ('report_due', 'Báo cáo định kỳ sắp đến hạn'), ('report_late', 'Báo cáo định kỳ chưa nộp, đã quá hạn'), ('agreement_ending', 'Văn bản phối hợp sắp hết thời hạn'), ('activity_submitted', 'Hoạt động chờ duyệt'), ('activity_returned', 'Hoạt động bị trả lại để sửa'), ('document_ready', 'Văn bản đã tạo xong'), ('activity_approved', 'Hoạt động đã được duyệt'), ('report_submitted', 'Báo cáo định kỳ của bên phối hợp gửi đến'), ('inspection_findings', 'Kết quả kiểm tra, giám sát đơn vị mình'), ('recommendation_assigned', 'Kiến nghị giao đơn vị mình thực hiện'), ('recommendation_followed_up', 'Kết quả khắc phục kiến nghị'), ('contribution_requested', 'Đề nghị viết tham luận sơ kết, tổng kết'), ('contribution_received', 'Tham luận của bên phối hợp gửi đến'), ('review_signed_off', 'Báo cáo sơ kết, tổng kết đã ký duyệt'), ('event_invited', 'Đơn vị được mời dự hội nghị, sự kiện'), ('import_done', 'Nhập dữ liệu từ Excel đã xử lý xong')], max_length=30, verbose_name='loại')),
                ('by_email', models.BooleanField(default=False, verbose_name='gửi thư điện tử')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notification_preferences', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'tùy chọn thông báo',
                'constraints': [models.UniqueConstraint(fields=('user', 'kind'), name='notification_preference_once')],
            },
        ),
    ]
