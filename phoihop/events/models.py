"""Conferences and other events: signing ceremonies, reviews, joint activities."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.agreements.models import Agreement
from phoihop.core.historical import HistoricalRecords
from phoihop.core.models import Archivable, Searchable
from phoihop.core.versioning import version_field
from phoihop.orgs.models import Organization, Person


class Event(Archivable, Searchable):
    class Kind(models.TextChoices):
        SIGNING = "signing", _("Hội nghị ký kết")
        INTERIM_REVIEW = "interim_review", _("Hội nghị sơ kết")
        FINAL_REVIEW = "final_review", _("Hội nghị tổng kết")
        JOINT_ACTIVITY = "joint_activity", _("Hoạt động phối hợp")
        INSPECTION = "inspection", _("Kiểm tra, giám sát")
        TRAINING = "training", _("Tập huấn, bồi dưỡng")
        OTHER = "other", _("Khác")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tên hội nghị, sự kiện"), max_length=500)
    date = models.DateField(_("ngày"))
    time_of_day = models.CharField(_("buổi"), max_length=50, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    host = models.ForeignKey(
        Organization, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="hosted_events"
    )
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="events", verbose_name=_("đơn vị tham gia")
    )
    agreements = models.ManyToManyField(
        Agreement, blank=True, related_name="events", verbose_name=_("văn bản ký kết, sơ kết tại hội nghị")
    )
    summary = models.TextField(_("tóm tắt"), blank=True)
    minutes = models.TextField(_("biên bản, kết luận"), blank=True)
    source = models.CharField(_("nguồn tin"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    version = version_field()
    history = HistoricalRecords(m2m_fields=[organizations, agreements])

    class Meta:
        verbose_name = _("hội nghị, sự kiện")
        verbose_name_plural = _("hội nghị, sự kiện")
        ordering = ["-date", "-id"]
        # Calendar windows, the feed and upcoming-event lists filter and order by date.
        indexes = [models.Index(fields=["date", "id"], name="events_event_date_idx")]

    def __str__(self) -> str:
        return self.title

    def search_source(self) -> list[str]:
        return [self.title, self.place]

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])


class EventReach(models.Model):
    """An organisation through which an event is seen (DESIGN §4): its host, a body taking part,
    or a party to one of its agreements. Derived rows, written in the same transaction as the
    change they follow (``signals.py``), so the events a user sees are one indexed read of these
    rows for the user's organisations. Read live, the way in through the agreements made
    PostgreSQL hash a nation's 115,000 event–agreement links in each query that asked."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "event"], name="eventreach_once")]

    def __str__(self) -> str:
        return f"{self.event_id} ← {self.organization_id}"


class Attendee(models.Model):
    """An official at an event, with the rank and title they held that day."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendees")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="attendances"
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    rank = models.CharField(_("cấp bậc"), max_length=100, blank=True)
    position = models.CharField(_("chức vụ"), max_length=500, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return " ".join(p for p in [self.rank, self.full_name] if p)
