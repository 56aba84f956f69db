"""Coordination documents: regulations, programs and plans, their parties and content areas."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.core.historical import HistoricalRecords
from phoihop.core.models import Archivable, Searchable
from phoihop.core.versioning import version_field
from phoihop.orgs.models import Organization, Person


class Agreement(Archivable, Searchable):
    class Kind(models.TextChoices):
        REGULATION = "regulation", _("Quy chế phối hợp")
        PROGRAM = "program", _("Chương trình phối hợp")
        PLAN = "plan", _("Kế hoạch phối hợp")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        IN_FORCE = "in_force", _("Đang có hiệu lực")
        EXPIRED = "expired", _("Hết hiệu lực")
        TERMINATED = "terminated", _("Chấm dứt")
        SUPERSEDED = "superseded", _("Đã được thay thế")

    kind = models.CharField(_("loại văn bản"), max_length=20, choices=Kind.choices)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    legal_bases = models.TextField(
        _("căn cứ"), blank=True, help_text=_("Mỗi căn cứ một dòng, ví dụ: Nghị quyết 03-NQ/TU …")
    )
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    period_start = models.PositiveSmallIntegerField(_("giai đoạn từ năm"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    reporting = models.CharField(_("chế độ thông tin, báo cáo"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc chương trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    renews = models.ForeignKey(
        "self",
        verbose_name=_("thay thế văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewed_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when something outside the text changed under the agreement (a party merged or
    # dissolved in a reorganisation, a renewal with parties dropped); an editor clears it.
    needs_review = models.BooleanField(_("cần rà soát"), default=False)
    review_note = models.TextField(_("nội dung cần rà soát"), blank=True)

    version = version_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản phối hợp")
        verbose_name_plural = _("văn bản phối hợp")
        # The list's sort orders. The "newest signed" and "period" orders put empty dates last,
        # which each database spells differently: their indexes are in migration 0004, as is
        # the search index (trigram, PostgreSQL).
        indexes = [models.Index(fields=["-updated_at", "-id"], name="agreement_updated")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="agreement_period_order",
                violation_error_message=_("Năm kết thúc phải bằng hoặc sau năm bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"

    # A search for "2022 - 2025" finds the agreements of that period (core.selectors.search_filter).
    search_period = ("period_start", "period_end")

    def search_source(self) -> list[str]:
        return [self.title, self.number_symbol, self.legal_bases]

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        from phoihop.vn.dates import format_period

        if self.period_start and self.period_end:
            return format_period(self.period_start, self.period_end)
        if self.period_start:
            return str(self.period_start)
        return ""

    @property
    def legal_bases_list(self) -> list[str]:
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]


def copied_agreement() -> models.ForeignKey[Agreement | None, Agreement | None]:
    """The agreement of a record's parent, copied onto the record (a task its plan's, an activity
    its task's) so that who sees it is read from the record's own indexes. Kept by the record's
    ``save`` and rebuilt after bulk loading (``scale.derived``)."""
    return models.ForeignKey(
        Agreement,
        verbose_name=_("văn bản phối hợp"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )


class Party(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COOPERATING = "cooperating", _("Phối hợp")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="parties"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    name_as_signed = models.CharField(_("tên khi ký"), max_length=255)
    signatory = models.ForeignKey(
        Person,
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_parties",
    )
    signatory_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)
    signatory_rank = models.CharField(_("cấp bậc khi ký"), max_length=100, blank=True)
    signatory_position = models.CharField(_("chức vụ khi ký"), max_length=255, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bên tham gia")
        ordering = ["order", "id"]
        # Visibility asks "agreements where these organisations are parties": index-only.
        indexes = [models.Index(fields=["organization", "agreement"], name="party_org_agreement")]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organization"], name="party_once")
        ]

    def __str__(self) -> str:
        return self.name_as_signed


class ContentArea(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="content_areas")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("nội dung"), max_length=500)
    text = models.TextField(_("chi tiết"), blank=True)
    responsible = models.ManyToManyField(
        Organization, blank=True, related_name="+", verbose_name=_("bên thực hiện")
    )

    history = HistoricalRecords(m2m_fields=[responsible])

    class Meta:
        verbose_name = _("nội dung phối hợp")
        ordering = ["number", "id"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
