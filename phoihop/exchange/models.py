"""Information exchange between the parties of an agreement: periodic reports, who read them,
and inspection or supervision visits with their recommendations and follow-up."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.agreements.models import Agreement
from phoihop.core.historical import HistoricalRecords
from phoihop.core.models import Archivable
from phoihop.core.versioning import version_field
from phoihop.orgs.models import Organization


class Rhythm(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")
    AD_HOC = "ad_hoc", _("Đột xuất")


class ReportingSchedule(models.Model):
    """The reporting rhythm an agreement fixes, and which parties owe reports."""

    agreement = models.OneToOneField(
        Agreement, on_delete=models.CASCADE, related_name="reporting_schedule"
    )
    rhythm = models.CharField(
        _("kỳ báo cáo"), max_length=20, choices=Rhythm.choices, default=Rhythm.QUARTERLY
    )
    due_days = models.PositiveSmallIntegerField(
        _("hạn gửi (số ngày sau khi hết kỳ)"), default=10
    )
    reporters = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="+",
        verbose_name=_("bên phải báo cáo"),
        help_text=_("Để trống: mọi bên tham gia đều báo cáo."),
    )
    note = models.TextField(_("ghi chú"), blank=True)

    version = version_field()
    history = HistoricalRecords(m2m_fields=[reporters])

    class Meta:
        verbose_name = _("chế độ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.get_rhythm_display()}"


class PeriodicReport(Archivable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Đã gửi")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("văn bản phối hợp"), on_delete=models.PROTECT, related_name="periodic_reports"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("bên báo cáo"), on_delete=models.PROTECT, related_name="periodic_reports"
    )
    rhythm = models.CharField(_("kỳ báo cáo"), max_length=20, choices=Rhythm.choices)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    period_label = models.CharField(_("kỳ"), max_length=100)
    due_date = models.DateField(_("hạn gửi"))
    title = models.CharField(_("tiêu đề"), max_length=500)
    body = models.TextField(_("nội dung báo cáo"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("người tạo")
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người gửi"),
    )

    version = version_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["-period_end", "-id"]
        # The owed-reports computation reads an agreement's reports overlapping a window.
        indexes = [
            models.Index(fields=["agreement", "period_end"], name="exchange_report_agr_end"),
            # The report list's order: a province's leader reads its first page from the index
            # instead of sorting every report of the province.
            models.Index(
                F("period_end").desc(), "agreement", "organization", F("id").desc(),
                name="exchange_report_list_order", condition=Q(archived_at__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization", "period_start", "period_end"],
                condition=~models.Q(rhythm="ad_hoc") & models.Q(archived_at__isnull=True),
                name="periodic_report_once_per_period",
                violation_error_message=_("Bên này đã có báo cáo cho kỳ đó."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="periodic_report_period_order",
                violation_error_message=_("Ngày kết thúc kỳ phải bằng hoặc sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:report_detail", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_late(self) -> bool:
        """Submitted after its due date (local day)."""
        from django.utils import timezone

        return self.submitted_at is not None and timezone.localdate(self.submitted_at) > self.due_date


class ReportRead(models.Model):
    """A member of another party opened the submitted report: recorded once per user."""

    report = models.ForeignKey(PeriodicReport, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        Organization, verbose_name=_("bên"), on_delete=models.PROTECT, related_name="+"
    )
    read_at = models.DateTimeField(_("đọc lúc"))

    class Meta:
        verbose_name = _("lượt đọc báo cáo")
        ordering = ["read_at", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="report_read_once")]

    def __str__(self) -> str:
        return f"{self.report_id} / {self.user_id}"


class Inspection(Archivable):
    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Kiểm tra")
        SUPERVISION = "supervision", _("Giám sát")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("văn bản phối hợp"), on_delete=models.PROTECT, related_name="inspections"
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices, default=Kind.INSPECTION)
    title = models.CharField(_("tên đợt kiểm tra, giám sát"), max_length=500)
    date = models.DateField(_("ngày"))
    inspecting = models.ManyToManyField(
        Organization, related_name="inspections_made", verbose_name=_("đơn vị kiểm tra, giám sát")
    )
    inspected = models.ManyToManyField(
        Organization, related_name="inspections_received", verbose_name=_("đơn vị được kiểm tra, giám sát")
    )
    scope = models.TextField(_("nội dung, phạm vi"), blank=True)
    findings = models.TextField(_("kết quả, nhận xét"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("người tạo")
    )

    version = version_field()
    history = HistoricalRecords(m2m_fields=[inspecting, inspected])

    class Meta:
        verbose_name = _("kiểm tra, giám sát")
        verbose_name_plural = _("kiểm tra, giám sát")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(
                F("date").desc(), F("id").desc(),
                name="exchange_inspection_order", condition=Q(archived_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:inspection_detail", args=[self.pk])

    @property
    def title_names_kind(self) -> bool:
        """The title already says what the visit is ("Giám sát việc gửi báo cáo…"), so the kind is
        not printed before it again ("Giám sát Giám sát việc…")."""
        from phoihop.vn.text import exact_key

        title, kind = exact_key(self.title), exact_key(str(self.get_kind_display()))
        return title == kind or title.startswith(kind + " ")


class Recommendation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang khắc phục")
        CLOSED = "closed", _("Đã hoàn thành")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("kiến nghị"))
    responsible = models.ForeignKey(
        Organization, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="recommendations"
    )
    due_date = models.DateField(_("hạn khắc phục"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người đóng"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    version = version_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class FollowUp(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("ngày"))
    note = models.TextField(_("nội dung khắc phục"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("người ghi")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theo dõi khắc phục")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return self.note[:80]
