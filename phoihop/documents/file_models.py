"""Files kept beside a generated document: its PDF rendition and the signed copy of the record.

Imported by ``documents.models`` so Django finds them with the app's other models.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.historical import HistoricalRecords


class PdfRendition(models.Model):
    """The PDF of one generated Word document, made by LibreOffice in the worker.

    Keyed by what the Word file holds (its SHA-256): while the record does not change, its Word
    file is the same and so is the PDF, made once for everyone; a change makes a new one, and
    the older PDFs of the same document are removed when the new one is ready."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không tạo được")

    # Which generated document: "agreement", "plan", "review_report", "commendations", … with
    # the primary key of its record (the access rule of that document's Word download applies).
    source = models.CharField(_("văn bản"), max_length=30)
    object_id = models.PositiveBigIntegerField()
    docx_sha256 = models.CharField(max_length=64)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    filename = models.CharField(_("tên tệp"), max_length=255)
    # The Word file to convert, kept until the PDF is made.
    docx = models.BinaryField(null=True, editable=False)
    content = models.BinaryField(_("nội dung"), null=True, editable=False)
    error = models.TextField(_("lỗi"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản PDF của văn bản")
        verbose_name_plural = _("bản PDF của văn bản")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id", "docx_sha256"], name="pdf_rendition_once_per_content")
        ]
        indexes = [models.Index(fields=["source", "object_id"], name="pdf_rendition_record")]

    def __str__(self) -> str:
        return self.filename


class SignedCopy(models.Model):
    """The signed document of a record as an officer uploaded it: a scan, or a PDF signed with
    an agency's digital certificate, whose signatures are verified on upload.

    A later upload replaces it as the record's signed copy; the earlier one stays, marked
    replaced, with its file."""

    class Kind(models.TextChoices):
        SCAN = "scan", _("Bản quét (ảnh hoặc PDF không có chữ ký số)")
        SIGNED_PDF = "signed_pdf", _("PDF có chữ ký số")

    class Verdict(models.TextChoices):
        NONE = "none", _("Không có chữ ký số")
        VALID = "valid", _("Chữ ký số hợp lệ")
        UNTRUSTED = "untrusted", _("Chữ ký nguyên vẹn nhưng chứng thư số không thuộc tổ chức chứng thực tin cậy")
        ALTERED = "altered", _("Văn bản đã bị sửa đổi sau khi ký")
        INVALID = "invalid", _("Chữ ký số không hợp lệ")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    attachment = models.OneToOneField(
        "attachments.Attachment", verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="signed_copy"
    )
    kind = models.CharField(_("loại bản ký"), max_length=12, choices=Kind.choices)
    verdict = models.CharField(_("kết quả kiểm tra"), max_length=12, choices=Verdict.choices, default=Verdict.NONE)
    # One entry per signature: signer, signing time, intact, trusted, covers the whole file, …
    signatures = models.JSONField(_("chữ ký số"), default=list, blank=True)
    verified_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    replaced_at = models.DateTimeField(_("được thay lúc"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bản ký của văn bản")
        verbose_name_plural = _("bản ký của văn bản")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="signed_copy_record")]

    def __str__(self) -> str:
        return self.attachment.original_name

    @property
    def is_flagged(self) -> bool:
        """Altered after signing, or a signature that does not verify."""
        return self.verdict in (self.Verdict.ALTERED, self.Verdict.INVALID)
