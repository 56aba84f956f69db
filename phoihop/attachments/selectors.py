"""Reading attachments: a record's files and the thumbnails of its photos."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from phoihop.attachments.checks import THUMBNAIL_MAX_PIXELS
from phoihop.attachments.models import Attachment


def attachment_rows(owner: models.Model) -> QuerySet[Attachment]:
    """The record's files, oldest first, with who uploaded them (to page through)."""
    ct = ContentType.objects.get_for_model(owner)
    return (
        Attachment.objects.active()
        .filter(content_type=ct, object_id=owner.pk)
        .select_related("uploaded_by")
    )


def attachments_of(owner: models.Model) -> list[Attachment]:
    return list(attachment_rows(owner))


THUMBNAIL_SIZE = 360


def thumbnail_bytes(attachment: Attachment, size: int = THUMBNAIL_SIZE) -> bytes | None:
    """A JPEG at most ``size`` pixels on its longer side, made once and kept beside the uploads.

    None when the attachment is not a photo Pillow can read (the page then shows its name)."""
    if not attachment.is_image:
        return None
    from pathlib import Path

    from PIL import Image, ImageOps, UnidentifiedImageError

    cache = Path(settings.MEDIA_ROOT) / "thumbnails" / f"{attachment.sha256}-{size}.jpg"
    if cache.exists():
        return cache.read_bytes()
    try:
        with attachment.file.open("rb") as stream, Image.open(stream) as image:
            if image.width * image.height > THUMBNAIL_MAX_PIXELS:
                return None
            picture = ImageOps.exif_transpose(image).convert("RGB")
            picture.thumbnail((size, size))
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            picture.save(tmp, "JPEG", quality=82, optimize=True)
            tmp.replace(cache)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return None
    return cache.read_bytes()
