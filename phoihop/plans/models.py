"""Annual plans under an agreement: tasks with their lead and supporting parties, and indicators."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.agreements.models import Agreement, ContentArea, copied_agreement
from phoihop.core.historical import HistoricalRecords
from phoihop.core.models import Archivable
from phoihop.core.versioning import version_field
from phoihop.orgs.models import Organization, Person


class AnnualPlan(Archivable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        IN_FORCE = "in_force", _("Đang thực hiện")
        CLOSED = "closed", _("Đã kết thúc")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("văn bản phối hợp"), on_delete=models.PROTECT, related_name="annual_plans"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch phối hợp năm")
        verbose_name_plural = _("kế hoạch phối hợp năm")
        ordering = ["-year", "-id"]
        indexes = [
            # Plans in force of a year; the lowest and highest year offered by the filters.
            models.Index(fields=["year", "status"], name="plan_year_status"),
            # The few archived plans, whose tasks the calendar leaves out (``calendar._rows``).
            models.Index(fields=["id"], condition=models.Q(archived_at__isnull=False), name="plan_archived"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"],
                name="plan_once_per_year",
                violation_error_message=_("Văn bản này đã có kế hoạch phối hợp cho năm đó."),
            )
        ]

    @property
    def is_open(self) -> bool:
        """Open to new tasks and recorded work: neither archived nor closed."""
        return not self.is_archived and self.status != self.Status.CLOSED

    def __str__(self) -> str:
        return f"Kế hoạch phối hợp năm {self.year}"


class Task(Archivable):
    """A line of the plan table. Its status is derived from the record (see selectors.task_status)."""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="tasks")
    # The plan's agreement, copied so visibility and the calendar's deadlines are served by one
    # index, as activities copy it: joined through the plan, a nation's month of deadlines
    # probed 27,000 plans. A task never changes plan nor a plan agreement; set on save, and
    # for rows written in bulk by ``task_columns_rebuild``.
    agreement = copied_agreement()
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("nội dung nhiệm vụ"), max_length=500)
    content_area = models.ForeignKey(
        ContentArea,
        verbose_name=_("nội dung phối hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    lead_organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan chủ trì"), on_delete=models.PROTECT, related_name="led_tasks"
    )
    supporting_organizations = models.ManyToManyField(
        Organization, blank=True, related_name="supported_tasks", verbose_name=_("cơ quan phối hợp")
    )
    responsible_officer = models.ForeignKey(
        Person,
        verbose_name=_("cán bộ phụ trách"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    start = models.DateField(_("bắt đầu"), null=True, blank=True)
    due = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    cancelled = models.BooleanField(_("đã hủy"), default=False)
    completed_on = models.DateField(_("đánh dấu hoàn thành ngày"), null=True, blank=True)
    carried_over_from = models.ForeignKey(
        "self",
        verbose_name=_("chuyển tiếp từ nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_over_to",
    )

    version = version_field()
    history = HistoricalRecords(m2m_fields=[supporting_organizations])

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["number", "id"]
        indexes = [
            # A plan's deadlines, and deadlines in a date window (calendar, agenda, feed).
            models.Index(fields=["plan", "due"], name="task_plan_due"),
            models.Index(fields=["due"], name="task_due"),
            # The calendar's open deadlines of a window in (day, id) order, with their plans and
            # agreements: read from the index alone and ranked without a sort (a nation's month
            # is 27,000).
            models.Index(
                fields=["due", "id", "plan", "agreement"],
                condition=models.Q(archived_at__isnull=True, cancelled=False),
                name="task_open_due",
            ),
            # The tasks of the agreements a user sees.
            models.Index(fields=["agreement", "due"], name="task_agreement_due"),
            # A superior body's home page: its subordinates' open tasks past their due date,
            # read from the index alone with their plans (a province's 8,000 at the nation).
            models.Index(
                fields=["lead_organization", "due", "plan"],
                condition=models.Q(archived_at__isnull=True, cancelled=False, completed_on__isnull=True),
                name="task_open_by_lead",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                condition=models.Q(archived_at__isnull=True),
                name="task_number_once_per_plan",
                violation_error_message=_("Số thứ tự nhiệm vụ đã được dùng trong kế hoạch này."),
            ),
            models.CheckConstraint(
                condition=models.Q(due__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(due__gte=models.F("start")),
                name="task_dates_order",
                violation_error_message=_("Hạn hoàn thành phải bằng hoặc sau ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.agreement_id is None and self.plan_id is not None:
            self.agreement_id = self.plan.agreement_id
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "agreement"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Indicator(Archivable):
    """A measurable target of a task, or of a content area over the agreement's period."""

    class Unit(models.TextChoices):
        SESSION = "session", _("buổi")
        PERSON_TIME = "person_time", _("lượt người")
        ARTICLE = "article", _("tin bài")
        HOUSE = "house", _("nhà")
        MILLION_VND = "million_vnd", _("triệu đồng")
        PERCENT = "percent", _("%")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("Cộng dồn")
        LATEST = "latest", _("Giá trị mới nhất")
        PERCENT = "percent", _("Tỷ lệ so với chỉ tiêu")

    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    content_area = models.ForeignKey(
        ContentArea, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    unit = models.CharField(_("đơn vị tính"), max_length=20, choices=Unit.choices)
    target = models.DecimalField(_("chỉ tiêu"), max_digits=16, decimal_places=2)
    aggregation = models.CharField(
        _("cách tính"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    order = models.PositiveSmallIntegerField(default=0)

    version = version_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(task__isnull=False, content_area__isnull=True)
                | models.Q(task__isnull=True, content_area__isnull=False),
                name="indicator_has_one_owner",
                violation_error_message=_("Chỉ tiêu thuộc về một nhiệm vụ hoặc một nội dung phối hợp."),
            ),
            models.CheckConstraint(
                condition=models.Q(target__gte=0),
                name="indicator_target_not_negative",
                violation_error_message=_("Chỉ tiêu không được là số âm."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
