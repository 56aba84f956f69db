"""What the system tells a user: in-app notifications, which of them also go by e-mail, and the
secret link of their personal calendar feed."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.historical import HistoricalRecords


class Kind(models.TextChoices):
    TASK_DUE_SOON = "task_due_soon", _("Nhiệm vụ sắp đến hạn")
    TASK_OVERDUE = "task_overdue", _("Nhiệm vụ quá hạn")
    REPORT_DUE = "report_due", _("Báo cáo định kỳ sắp đến hạn")
    REPORT_LATE = "report_late", _("Báo cáo định kỳ chưa nộp, đã quá hạn")
    AGREEMENT_ENDING = "agreement_ending", _("Văn bản phối hợp sắp hết thời hạn")
    ACTIVITY_SUBMITTED = "activity_submitted", _("Hoạt động chờ duyệt")
    ACTIVITY_RETURNED = "activity_returned", _("Hoạt động bị trả lại để sửa")
    DOCUMENT_READY = "document_ready", _("Văn bản đã tạo xong")
    # Hand-overs between people: the receiver is told.
    ACTIVITY_APPROVED = "activity_approved", _("Hoạt động đã được duyệt")
    REPORT_SUBMITTED = "report_submitted", _("Báo cáo định kỳ của bên phối hợp gửi đến")
    INSPECTION_FINDINGS = "inspection_findings", _("Kết quả kiểm tra, giám sát đơn vị mình")
    RECOMMENDATION_ASSIGNED = "recommendation_assigned", _("Kiến nghị giao đơn vị mình thực hiện")
    RECOMMENDATION_FOLLOWED_UP = "recommendation_followed_up", _("Kết quả khắc phục kiến nghị")
    CONTRIBUTION_REQUESTED = "contribution_requested", _("Đề nghị viết tham luận sơ kết, tổng kết")
    CONTRIBUTION_RECEIVED = "contribution_received", _("Tham luận của bên phối hợp gửi đến")
    REVIEW_SIGNED_OFF = "review_signed_off", _("Báo cáo sơ kết, tổng kết đã ký duyệt")
    EVENT_INVITED = "event_invited", _("Đơn vị được mời dự hội nghị, sự kiện")
    IMPORT_DONE = "import_done", _("Nhập dữ liệu từ Excel đã xử lý xong")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def shown(self) -> NotificationQuerySet:
        return self.filter(cleared_at__isnull=True)

    def unread(self) -> NotificationQuerySet:
        return self.filter(cleared_at__isnull=True, read_at__isnull=True)


class Notification(models.Model):
    """One message to one user. Clearing hides it and keeps the row, so a reminder whose ``key``
    the user already got is never sent again, cleared or not.

    No change history: the row is itself the log of what was sent, and its only changes are the
    read and cleared marks the user sets on it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=500)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("content_type", "object_id")
    # Unique per user: a reminder computed again on the next run finds its key and is skipped.
    key = models.CharField(max_length=200, blank=True, default="")
    emailed = models.BooleanField(default=False)  # the user asked for it by e-mail
    # The e-mail goes out from the task queue: when it was sent, how many tries it took, and
    # the last error (kept after the final failed try).
    email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    email_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    email_error = models.CharField(max_length=500, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    cleared_at = models.DateTimeField(_("đã xóa lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~models.Q(key=""),
                name="notification_key_once_per_user",
            )
        ]
        indexes = [models.Index(fields=["user", "cleared_at", "read_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """Whether a user also gets one kind of notification by e-mail (in-app ones always come)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    by_email = models.BooleanField(_("gửi thư điện tử"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.kind}: {self.by_email}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a user's calendar feed link. Resetting replaces it: the old link stops."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    reset_at = models.DateTimeField(_("đặt lại lúc"), null=True, blank=True)
    # The validator of the feed last served and when its content last changed: the feed's ETag
    # and Last-Modified, the same in every server process.
    feed_etag = models.CharField(max_length=64, blank=True, default="", editable=False)
    feed_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["token", "feed_etag", "feed_changed_at"])

    class Meta:
        verbose_name = _("liên kết lịch cá nhân")

    def __str__(self) -> str:
        return str(self.user)
