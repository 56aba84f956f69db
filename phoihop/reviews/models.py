"""Interim and final reviews of agreements, the parties' contributions, emulation movements and
commendations.

A review covers one agreement, or several signed together (``agreements`` always includes the
main ``agreement``, whose lead party writes and signs off the report). Signed off, it is locked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.agreements.models import Agreement
from phoihop.core.historical import HistoricalRecords
from phoihop.core.models import Archivable
from phoihop.core.versioning import version_field
from phoihop.orgs.models import Organization

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The narrative sections of the report, in the order they are written and printed.
SECTIONS: tuple[tuple[str, StrOrPromise], ...] = (
    ("situation", _("Tình hình triển khai thực hiện")),
    ("results", _("Kết quả thực hiện")),
    ("strengths", _("Ưu điểm")),
    ("shortcomings", _("Hạn chế, khuyết điểm")),
    ("causes", _("Nguyên nhân")),
    ("lessons", _("Bài học kinh nghiệm")),
    ("directions", _("Phương hướng, nhiệm vụ thời gian tới")),
    ("proposals", _("Đề xuất, kiến nghị")),
)
SECTION_NAMES = tuple(name for name, _label in SECTIONS)


class Review(Archivable):
    class Kind(models.TextChoices):
        INTERIM = "interim", _("Sơ kết")
        FINAL = "final", _("Tổng kết")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SIGNED_OFF = "signed_off", _("Đã ký duyệt")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("văn bản phối hợp"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    agreements = models.ManyToManyField(
        Agreement, related_name="+", verbose_name=_("các văn bản sơ kết, tổng kết cùng")
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    number_symbol = models.CharField(_("số, ký hiệu báo cáo"), max_length=100, blank=True)
    report_date = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    situation = models.TextField(_("Tình hình triển khai thực hiện"), blank=True)
    results = models.TextField(_("Kết quả thực hiện"), blank=True)
    strengths = models.TextField(_("Ưu điểm"), blank=True)
    shortcomings = models.TextField(_("Hạn chế, khuyết điểm"), blank=True)
    causes = models.TextField(_("Nguyên nhân"), blank=True)
    lessons = models.TextField(_("Bài học kinh nghiệm"), blank=True)
    directions = models.TextField(_("Phương hướng, nhiệm vụ thời gian tới"), blank=True)
    proposals = models.TextField(_("Đề xuất, kiến nghị"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("ký duyệt lúc"), null=True, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    # The figures as compiled at sign-off (reviews.selectors.figures_data): a signed-off report
    # keeps the numbers it was signed with.
    figures = models.JSONField(_("số liệu khi ký duyệt"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    version = version_field()
    history = HistoricalRecords(m2m_fields=[agreements])

    class Meta:
        verbose_name = _("sơ kết, tổng kết")
        verbose_name_plural = _("sơ kết, tổng kết")
        ordering = ["-period_end", "-id"]
        # The review list's order, so a province's leader reads the first page from the index.
        indexes = [
            models.Index(
                models.F("period_end").desc(), models.F("id").desc(),
                name="review_list_order", condition=models.Q(archived_at__isnull=True),
            ),
            # The few archived reviews, whose commendations the commendation list leaves out.
            models.Index(fields=["id"], name="review_archived", condition=models.Q(archived_at__isnull=False)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="review_period_order",
                violation_error_message=_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """ "Sơ kết năm 2024", "Sơ kết 6 tháng đầu năm 2024", "Tổng kết giai đoạn 2022-2025",
        "Sơ kết từ 01/03/2024 đến 31/08/2024": one wording for every review's name."""
        from phoihop.vn.dates import format_short

        start, end = self.period_start, self.period_end
        whole_years = (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)
        if whole_years and start.year == end.year:
            period = str(_("năm %(year)s")) % {"year": end.year}
        elif whole_years:
            period = str(_("giai đoạn %(start)s-%(end)s")) % {"start": start.year, "end": end.year}
        elif start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 6, 30):
            period = str(_("6 tháng đầu năm %(year)s")) % {"year": end.year}
        else:
            period = str(_("từ %(start)s đến %(end)s")) % {"start": format_short(start), "end": format_short(end)}
        if self.kind == self.Kind.FINAL:
            return str(_("Tổng kết %(period)s")) % {"period": period}
        return str(_("Sơ kết %(period)s")) % {"period": period}

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.SIGNED_OFF

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.pk])

    def sections(self) -> list[tuple[str, str, str]]:
        return [(name, str(label), getattr(self, name)) for name, label in SECTIONS]


class Contribution(models.Model):
    """A party's written contribution (tham luận) to the review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="contributions")
    organization = models.ForeignKey(
        Organization, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tiêu đề tham luận"), max_length=500, blank=True)
    body = models.TextField(_("nội dung tham luận"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    version = version_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tham luận")
        verbose_name_plural = _("tham luận")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "organization"], name="contribution_once_per_party"
            )
        ]

    def __str__(self) -> str:
        return self.title or str(self.organization)


class Movement(Archivable):
    """An emulation movement (phong trào thi đua) or campaign (cuộc vận động)."""

    name = models.CharField(_("tên phong trào"), max_length=500)
    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan phát động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    organizer_text = models.CharField(
        _("cơ quan phát động (ghi tên)"),
        max_length=255,
        blank=True,
        help_text=_("Khi cơ quan phát động không có trong danh mục, ví dụ: Ban Dân vận Trung ương."),
    )
    start_year = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    description = models.TextField(_("nội dung"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    version = version_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:movement_detail", args=[self.pk])

    @property
    def organizer_name(self) -> str:
        if self.organizer is not None:
            return self.organizer.name
        return self.organizer_text

    @property
    def period_label(self) -> str:
        if self.start_year and self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return str(self.start_year) if self.end_year else f"{self.start_year}–"
        return ""


class Commendation(Archivable):
    """A commendation of a collective or an individual: proposed (usually during a review), then
    recorded as decided with the decision's number and date, or as not approved."""

    class AwardeeKind(models.TextChoices):
        COLLECTIVE = "collective", _("Tập thể")
        INDIVIDUAL = "individual", _("Cá nhân")

    class Form(models.TextChoices):
        PRAISE = "praise", _("Biểu dương")
        CERTIFICATE = "certificate", _("Giấy khen")
        MERIT = "merit", _("Bằng khen")
        FLAG = "flag", _("Cờ thi đua")
        TITLE = "title", _("Danh hiệu thi đua")
        OTHER = "other", _("Hình thức khác")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đề nghị")
        DECIDED = "decided", _("Đã quyết định")
        NOT_APPROVED = "not_approved", _("Không được duyệt")

    awardee_kind = models.CharField(
        _("đối tượng"), max_length=20, choices=AwardeeKind.choices, default=AwardeeKind.COLLECTIVE
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("tập thể, hoặc đơn vị của cá nhân"),
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    # The organisation's filing name (Organization.sort_name), kept here for the list's order:
    # its index gives a page of a nation's commendations without sorting them all. Set on save
    # and when the organisation is renamed (apps.py).
    awardee_sort = models.CharField(max_length=255, default="", editable=False)
    person_name = models.CharField(_("họ và tên cá nhân"), max_length=150, blank=True)
    person_title = models.CharField(_("cấp bậc, chức vụ"), max_length=255, blank=True)
    form = models.CharField(_("hình thức"), max_length=20, choices=Form.choices)
    authority = models.CharField(
        _("cấp khen"), max_length=255, help_text=_("Cơ quan, người có thẩm quyền khen thưởng.")
    )
    reason = models.TextField(_("thành tích, lý do"))
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("phong trào thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    review = models.ForeignKey(
        Review,
        verbose_name=_("đề nghị tại sơ kết, tổng kết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commendations",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["awardee_sort"])

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-year", "id"]
        # The list's year filter offers the first to the last year recorded: two index probes.
        indexes = [
            models.Index(fields=["year"], name="commendation_year"),
            # The list counts its rows from this index alone (a nation's 54,000 for an administrator).
            models.Index(fields=["review"], name="commendation_live_review", condition=models.Q(archived_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()}: {self.awardee}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if fields is None or "organization" in fields:
            self.awardee_sort = self.organization.sort_name
            if fields is not None:
                kwargs["update_fields"] = {*fields, "awardee_sort"}
        super().save(*args, **kwargs)

    @property
    def awardee(self) -> str:
        if self.awardee_kind == self.AwardeeKind.INDIVIDUAL and self.person_name:
            return self.person_name
        return self.organization.name


class ReviewDocument(models.Model):
    """A review's Word report or Excel annex made by the background worker, for a review too wide
    to compile while the user waits. One per review, kind and version of the review: a second
    request (a double click, a retry, another reader) finds the first."""

    class Kind(models.TextChoices):
        REPORT = "report_docx", _("Báo cáo (Word)")
        ANNEX = "annex_xlsx", _("Phụ lục số liệu (Excel)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không tạo được")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    version = models.CharField(_("phiên bản"), max_length=64)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content = models.BinaryField(_("nội dung"), null=True, editable=False)
    error = models.TextField(_("lỗi"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản sơ kết, tổng kết tạo nền")
        verbose_name_plural = _("văn bản sơ kết, tổng kết tạo nền")
        constraints = [
            models.UniqueConstraint(fields=["review", "kind", "version"], name="review_document_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.review}"
