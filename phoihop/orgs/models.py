"""The organisation registry: agencies with their validity, tree and succession, and their people."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import DEFERRED
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phoihop.core.historical import HistoricalRecords
from phoihop.core.models import Archivable, Searchable
from phoihop.core.versioning import version_field


class Organization(Archivable, Searchable):
    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("Cấp ủy Đảng")
        PARTY_BOARD = "party_board", _("Ban của cấp ủy Đảng")
        MILITARY = "military", _("Cơ quan quân sự")
        POLICE = "police", _("Công an")
        PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
        STATE_AGENCY = "state_agency", _("Cơ quan nhà nước khác")
        FATHERLAND_FRONT = "fatherland_front", _("Mặt trận Tổ quốc")
        VETERANS = "veterans", _("Hội Cựu chiến binh")
        WOMEN = "women", _("Hội Liên hiệp Phụ nữ")
        YOUTH = "youth", _("Đoàn Thanh niên")
        FARMERS = "farmers", _("Hội Nông dân")
        RED_CROSS = "red_cross", _("Hội Chữ thập đỏ")
        TRADE_UNION = "trade_union", _("Công đoàn")
        SCHOOL = "school", _("Trường học")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        OTHER = "other", _("Khác")

    class Level(models.TextChoices):
        CENTRAL = "central", _("Trung ương")
        MILITARY_REGION = "military_region", _("Quân khu")
        PROVINCE = "province", _("Tỉnh, thành phố")
        DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh (trước 01/7/2025)")
        REGION = "region", _("Khu vực")
        COMMUNE = "commune", _("Xã, phường, đặc khu")
        UNIT = "unit", _("Đơn vị cơ sở")

    PARTY_KINDS = (Kind.PARTY_COMMITTEE, Kind.PARTY_BOARD)

    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    symbol = models.CharField(
        _("chữ viết tắt trong ký hiệu văn bản"),
        max_length=30,
        blank=True,
        help_text=_("Ví dụ: BCHQS, BTGQU, TU."),
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    level = models.CharField(_("cấp"), max_length=30, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province_code = models.PositiveIntegerField(_("tỉnh, thành phố"), null=True, blank=True)
    commune_code = models.PositiveIntegerField(_("xã, phường"), null=True, blank=True)
    locality_text = models.CharField(
        _("địa bàn (theo tên cũ)"),
        max_length=255,
        blank=True,
        help_text=_("Cho đơn vị trước 01/7/2025: ghi địa bàn như khi còn hoạt động."),
    )
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    # Materialised path of ancestor keys, the organisation's own last: "/1/17/305/". Everything
    # below an organisation is then one indexed prefix match (see phoihop.orgs.tree). Derived
    # from ``parent``: kept by save(), rebuilt after bulk loading by organization_paths_rebuild().
    path = models.CharField(max_length=255, default="", editable=False)
    # The name the registry files the body under: "Thành phố Hồ Chí Minh" under H
    # (phoihop.vn.collation.filing_name). Kept by save() so the list's order has an index.
    sort_name = models.CharField(max_length=255, default="", editable=False)

    version = version_field()
    history = HistoricalRecords(excluded_fields=["path", "sort_name"])

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        indexes = [
            # varchar_pattern_ops lets PostgreSQL serve LIKE 'prefix%' whatever the collation;
            # other databases ignore the operator class.
            models.Index(fields=["path"], name="orgs_org_path_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["province_code", "kind"], name="orgs_org_province_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="org_valid_range",
                violation_error_message=_("Ngày kết thúc hoạt động phải sau ngày bắt đầu."),
            )
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read from __dict__: a deferred parent_id must not cost a query here.
        self._saved_parent_id = self.__dict__.get("parent_id", DEFERRED)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, keeping the materialised path (of this organisation and of everything below it)
        right when the organisation is new or its superior body changes."""
        from phoihop.orgs.tree import path_after_save
        from phoihop.vn.collation import filing_name

        if "name" in self.__dict__:
            self.sort_name = filing_name(self.name)
            if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:  # type: ignore[operator]
                kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name"}  # type: ignore[misc]
        adding = self._state.adding or self.pk is None
        moved = (
            not adding
            and "parent_id" in self.__dict__
            and self.__dict__["parent_id"] != self._saved_parent_id
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "parent" not in update_fields and "parent_id" not in update_fields:
            moved = False
        if adding or moved or ("path" in self.__dict__ and not self.path):
            path_after_save(self, save=lambda: super(Organization, self).save(*args, **kwargs), adding=adding)
        else:
            super().save(*args, **kwargs)
        self._saved_parent_id = self.__dict__.get("parent_id", DEFERRED)

    def search_source(self) -> list[str]:
        return [self.name, self.short_name, self.symbol]

    def get_absolute_url(self) -> str:
        return reverse("orgs:detail", args=[self.pk])

    @property
    def is_party_body(self) -> bool:
        return self.kind in self.PARTY_KINDS

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )

    @property
    def province_name(self) -> str:
        from phoihop.orgs.localities import province_name

        return province_name(self.province_code)

    @property
    def commune_name(self) -> str:
        from phoihop.orgs.localities import commune_name

        return commune_name(self.commune_code)

    @property
    def locality(self) -> str:
        parts = [self.commune_name, self.province_name]
        current = ", ".join(p for p in parts if p)
        return current or self.locality_text


class Succession(Archivable):
    """A change in the registry: rename, merge, absorption, split or dissolution."""

    class Kind(models.TextChoices):
        RENAME = "rename", _("Đổi tên")
        MERGE = "merge", _("Hợp nhất thành đơn vị mới")
        ABSORB = "absorb", _("Sáp nhập vào đơn vị khác")
        SPLIT = "split", _("Chia tách")
        DISSOLVE = "dissolve", _("Giải thể, kết thúc hoạt động")

    kind = models.CharField(_("hình thức"), max_length=20, choices=Kind.choices)
    effective_date = models.DateField(_("ngày có hiệu lực"))
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số, ký hiệu văn bản quyết định"), max_length=100, blank=True)
    decision_issuer = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    decision_title = models.CharField(_("trích yếu văn bản"), max_length=500, blank=True)
    predecessors = models.ManyToManyField(
        Organization, related_name="successions_out", verbose_name=_("đơn vị trước")
    )
    successors = models.ManyToManyField(
        Organization, related_name="successions_in", blank=True, verbose_name=_("đơn vị kế thừa")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords(m2m_fields=[predecessors, successors])

    class Meta:
        verbose_name = _("kế thừa, sắp xếp tổ chức")
        ordering = ["-effective_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.effective_date:%d/%m/%Y})"


class Person(Archivable, Searchable):
    """An agency official. Only officials are stored: never private citizens."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("cơ quan, đơn vị hiện tại"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    rank = models.CharField(_("cấp bậc hiện tại"), max_length=100, blank=True)
    position = models.CharField(_("chức vụ hiện tại"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    version = version_field()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    def __str__(self) -> str:
        return self.full_name

    def search_source(self) -> list[str]:
        return [self.full_name, self.position]

    def get_absolute_url(self) -> str:
        return reverse("orgs:person_detail", args=[self.pk])

    @property
    def given_name(self) -> str:
        return self.full_name.split()[-1] if self.full_name.split() else ""

    def title_on(self, on: datetime.date | None) -> PersonTitle | None:
        """The title held on a date (the latest one starting on or before it)."""
        titles = sorted(self.titles.all(), key=lambda t: t.valid_from or datetime.date.min)
        if on is None:
            return titles[-1] if titles else None
        held = [t for t in titles if (t.valid_from is None or t.valid_from <= on)]
        return held[-1] if held else None


class PersonTitle(models.Model):
    """Rank and position held from a date: a signatory keeps the title they had when they signed."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="titles")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rank = models.CharField(_("cấp bậc"), max_length=100, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["valid_from", "id"]

    def __str__(self) -> str:
        return " ".join(p for p in [self.rank, self.position] if p)


class Membership(models.Model):
    """Who belongs to which organisation, and with what role: the registry's side of a user, on
    which every access rule stands. (Its tables keep the names they had in accounts.)"""

    class Role(models.TextChoices):
        # "Chỉ xem" (read only); the verb "Xem" on buttons is another message ("View").
        VIEWER = "viewer", pgettext_lazy("membership role", "Chỉ xem")
        OFFICER = "officer", _("Cán bộ thực hiện")
        LEADER = "leader", _("Lãnh đạo")
        ADMIN = "admin", _("Quản trị đơn vị")

    # Roles that may write their organisation's records, in rising order of authority.
    WRITERS = (Role.OFFICER, Role.LEADER, Role.ADMIN)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(table_name="accounts_historicalmembership")

    class Meta:
        db_table = "accounts_membership"
        verbose_name = _("thành viên")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_role_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.get_role_display()})"
