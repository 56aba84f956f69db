"""Workbooks brought in from Excel: the uploaded file, its check (the preview) and its apply."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def import_path(instance: ImportBatch, filename: str) -> str:
    # A random name: the file is never served, and its original name is kept on the row.
    import secrets

    return f"imports/{instance.uploaded_by_id or 0}/{secrets.token_urlsafe(16)}.xlsx"


class ImportBatch(models.Model):
    """One uploaded workbook of one kind of records. It is checked in full (the preview: rows to
    create, update, leave unchanged, and errors) and applied only when the user who uploaded it
    confirms; applying moves it from ``checked`` to ``applied`` once, however often confirmed."""

    class Kind(models.TextChoices):
        REGISTRY = "registry", _("Danh mục cơ quan, đơn vị")
        PEOPLE = "people", _("Cán bộ và chức vụ")
        PLAN = "plan", _("Nhiệm vụ và chỉ tiêu của kế hoạch năm")
        AGREEMENT = "agreement", _("Các bên tham gia và nội dung phối hợp của văn bản")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ kiểm tra")
        CHECKING = "checking", _("Đang kiểm tra")
        CHECKED = "checked", _("Đã kiểm tra, chờ xác nhận")
        APPLYING = "applying", _("Đang nhập")
        APPLIED = "applied", _("Đã nhập")
        FAILED = "failed", _("Không xử lý được")

    kind = models.CharField(_("loại dữ liệu"), max_length=20, choices=Kind.choices)
    # The record the rows belong to, for the kinds that have one (a plan's tasks: the plan).
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("tệp"), upload_to=import_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    background = models.BooleanField(_("xử lý dưới nền"), default=False)
    # The preview: counts by outcome, the errors and the rows (see imports.checking.Preview).
    result = models.JSONField(_("kết quả kiểm tra"), default=dict, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    checked_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)
    applied_at = models.DateTimeField(_("nhập lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["uploaded_by", "-created_at"], name="import_batch_user_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name}"

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.result.get("counts", {}))

    @property
    def error_count(self) -> int:
        return int(self.counts.get("error", 0))

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.CHECKING, self.Status.APPLYING)

    @property
    def can_confirm(self) -> bool:
        return self.status == self.Status.CHECKED and self.error_count == 0 and bool(self.file)

    @property
    def file_removed(self) -> bool:
        """The workbook was let go (see ``imports.services.import_files_remove_stale``)."""
        return not self.file
