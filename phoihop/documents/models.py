"""The register of issued document numbers ("sổ đăng ký văn bản đi"), one series per issuer.

State bodies number per calendar year (Decree 30, Art. 15); Party bodies per document type
per Party-committee term (HD 36-HD/VPTW). A number is never given twice within a series: the
unique constraint holds even when two people reserve at the same moment.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="issued_number_positive",
                violation_error_message=_("Số văn bản phải từ 01 trở lên."),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.symbol
