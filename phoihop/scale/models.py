"""A record of each generated scale dataset, so a benchmark can say what it measured."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScaleDataset(models.Model):
    """One run of the scale generator: its arguments, how long it took and what it wrote.

    Written before the first row (``completed`` false) and completed at the end, so a database
    holding a half-written dataset is recognised and not generated into a second time."""

    provinces = models.PositiveSmallIntegerField(_("số tỉnh, thành phố"))
    units = models.PositiveIntegerField(
        _("số xã, phường mỗi tỉnh"), null=True, blank=True, help_text=_("Để trống: mọi xã, phường.")
    )
    seed = models.BigIntegerField(_("hạt giống ngẫu nhiên"))
    reference_date = models.DateField(_("ngày mốc của dữ liệu"))
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    completed = models.BooleanField(_("đã tạo xong"), default=False)
    duration_s = models.FloatField(_("thời gian tạo (giây)"), null=True, blank=True)
    counts = models.JSONField(_("số bản ghi theo loại"), default=dict, blank=True)
    database_vendor = models.CharField(_("hệ quản trị cơ sở dữ liệu"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("bộ dữ liệu quy mô")
        verbose_name_plural = _("bộ dữ liệu quy mô")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.provinces} × {self.units or 'all'} (seed {self.seed})"
