"""What the parties record having done, and the indicator values each activity contributes.

An approved activity is locked. A correction is a new revision (``revises``) that goes through
draft, submission and approval again; the approved one keeps counting until its revision is
approved, then it is marked superseded. Only approved, not superseded activities count.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.agreements.models import copied_agreement
from phoihop.core.historical import HistoricalRecords
from phoihop.core.models import Archivable, Searchable
from phoihop.core.versioning import version_field
from phoihop.orgs.models import Organization
from phoihop.plans.models import Indicator, Task


class Activity(Searchable, Archivable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Nháp")
        SUBMITTED = "submitted", _("Chờ duyệt")
        RETURNED = "returned", _("Trả lại để sửa")
        APPROVED = "approved", _("Đã duyệt")
        SUPERSEDED = "superseded", _("Đã được thay bằng bản sửa")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    # Seen by whoever sees the agreement; drafts and returned work stay with the organisers.
    SHARED = (Status.SUBMITTED, Status.APPROVED, Status.SUPERSEDED)

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="activities"
    )
    # The task's agreement, copied so visibility and the list order are served by one index.
    # A task never changes plan nor a plan agreement; rows written in bulk get it from
    # ``activity_columns_rebuild``.
    agreement = copied_agreement()
    organizations = models.ManyToManyField(
        Organization, related_name="activities", verbose_name=_("đơn vị tổ chức")
    )
    title = models.CharField(_("tên hoạt động"), max_length=500)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    commune_code = models.PositiveIntegerField(_("xã, phường"), null=True, blank=True)
    place_text = models.CharField(_("địa điểm"), max_length=255, blank=True)
    description = models.TextField(_("nội dung, kết quả"), blank=True)
    participants = models.PositiveIntegerField(_("số người tham gia"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    reviewer_note = models.TextField(_("ý kiến người duyệt"), blank=True)
    revises = models.ForeignKey(
        "self",
        verbose_name=_("bản sửa của"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    revision = models.PositiveSmallIntegerField(_("lần sửa"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người gửi duyệt"),
    )
    submitted_at = models.DateTimeField(_("gửi duyệt lúc"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người trả lại"),
    )
    returned_at = models.DateTimeField(_("trả lại lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người duyệt"),
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    # Raised by every save of the edit form: a form opened at an older version is refused.
    version = version_field()

    history = HistoricalRecords(m2m_fields=[organizations])

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-end_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="activity_dates_order",
                violation_error_message=_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."),
            )
        ]
        indexes = [
            # One agreement's activities (and the visible ones of a few agreements) newest first.
            models.Index(
                "agreement", models.F("end_date").desc(), models.F("id").desc(), name="activity_agr_end"
            ),
            # The list of everything a superior body sees, newest first.
            models.Index(
                models.F("end_date").desc(),
                models.F("id").desc(),
                name="activity_live_end",
                condition=models.Q(archived_at__isnull=True),
            ),
            # Counted values and task progress: approved work of given tasks.
            models.Index(
                fields=["task"],
                name="activity_approved_task",
                condition=models.Q(status="approved", archived_at__isnull=True),
            ),
            # The approvals inbox: submissions, oldest first.
            models.Index(fields=["status", "submitted_at"], name="activity_status_submitted"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        if self.agreement_id is None and self.task_id is not None:
            self.agreement_id = Task.objects.filter(pk=self.task_id).values_list(
                "plan__agreement_id", flat=True
            ).first()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "agreement"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])

    def search_source(self) -> list[str]:
        return [self.title, self.place_text, self.description]

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def place(self) -> str:
        from phoihop.orgs.localities import commune_name, commune_province, province_name

        code = self.commune_code
        commune = commune_name(code)
        province = province_name(commune_province(code)) if commune and code is not None else ""
        return ", ".join(part for part in (self.place_text, commune, province) if part)


class IndicatorValue(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả theo chỉ tiêu")
        ordering = ["indicator__order", "indicator_id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "indicator"], name="indicator_value_once"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="indicator_value_not_negative",
                violation_error_message=_("Giá trị không được là số âm."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"
