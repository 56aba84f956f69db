"""Files attached to records: signed scans, Word and PDF files, photos, minutes.

The model was born in ``core``; its tables keep their first names (``core_attachment`` and
``core_historicalattachment``), so moving it changed no row."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phoihop.core.historical import HistoricalRecords
from phoihop.core.models import ActiveQuerySet


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the stored path says nothing about the record and cannot be guessed.
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        SIGNED_SCAN = "signed_scan", _("Bản ký (scan)")
        DOCUMENT = "document", _("Tài liệu")
        PHOTO = "photo", _("Ảnh")
        MINUTES = "minutes", _("Biên bản")
        OTHER = "other", _("Khác")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.DOCUMENT)
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(table_name="core_historicalattachment")
    objects = ActiveQuerySet.as_manager()

    class Meta:
        db_table = "core_attachment"
        indexes = [
            models.Index(
                fields=["content_type", "object_id"], name="core_attach_content_d3cac2_idx"
            )
        ]
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/")
