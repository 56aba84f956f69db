"""The register of issued document numbers ("sổ đăng ký văn bản đi"), one series per issuer.

State bodies number per calendar year (Decree 30, Art. 15); Party bodies per document type
per Party-committee term (HD 36-HD/VPTW). A number is never given twice within a series: the
unique constraint holds even when two people reserve at the same moment. A document has one
number: the register holds at most one live entry per record and type. Numbers are taken in
order from a counter row per series, locked while the entry is written, so the series has no
gap unless someone typed a number ahead and confirmed it (``out_of_sequence``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.historical import HistoricalRecords
from phoihop.orgs.models import Organization


class IssuedNumber(models.Model):
    class Form(models.TextChoices):
        STATE = "state", _("Thể thức Nghị định 30/2020/NĐ-CP")
        PARTY = "party", _("Thể thức văn bản của Đảng")

    issuer = models.ForeignKey(
        Organization, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
        related_name="issued_numbers",
    )
    doc_type = models.CharField(_("tên loại (viết tắt)"), max_length=10)
    form = models.CharField(_("thể thức"), max_length=10, choices=Form.choices)
    series = models.CharField(
        _("sổ"), max_length=40, help_text=_("Năm (văn bản nhà nước) hoặc tên loại và nhiệm kỳ (văn bản của Đảng).")
    )
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("số, ký hiệu"), max_length=100)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("thời điểm cấp số"), auto_now_add=True)
    # Typed ahead of the series, leaving numbers unused, and confirmed by whoever typed it.
    out_of_sequence = models.BooleanField(_("cấp ngoài thứ tự"), default=False)
    # A cancelled entry keeps its number in the series (never given again) but no longer stands
    # for its document, e.g. the extra numbers a document received before it had only one.
    voided = models.BooleanField(_("đã hủy"), default=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số văn bản đã cấp")
        verbose_name_plural = _("số văn bản đã cấp")
        ordering = ["issuer_id", "series", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "series", "number"],
                name="issued_number_once_per_series",
                violation_error_message=_("Số này đã được cấp trong sổ văn bản của cơ quan."),
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "doc_type"],
                condition=models.Q(content_type__isnull=False, voided=False),
                name="issued_number_once_per_document",
                violation_error_message=_("Văn bản này đã được cấp số."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="issued_number_positive",
                violation_error_message=_("Số văn bản phải từ 01 trở lên."),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.symbol


class NumberCounter(models.Model):
    """The last number given in one series of one issuer. Its row is locked (SELECT … FOR
    UPDATE) while a number is taken, in the transaction that writes the entry: requests take
    numbers one after the other, and a rolled-back entry gives its number back."""

    issuer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    series = models.CharField(max_length=40)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "series"], name="number_counter_once_per_series"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id} {self.series}: {self.last_number}"


# The PDF renditions and signed copies live in their own module, registered with this app.
from phoihop.documents.file_models import PdfRendition, SignedCopy  # noqa: E402, F401
