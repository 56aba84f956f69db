"""Attachments: signed scans, Word and PDF files, photos. Checked by content, never by name."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.attachments.checks import check_image, sniff
from phoihop.attachments.models import Attachment
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def attachment_add(
    *, actor: User, owner: models.Model, upload: UploadedFile, kind: str, description: str = ""
) -> Attachment:
    """Store a file for a record the actor may edit (the caller has checked that)."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("Tệp rỗng."))
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (tối đa %(mb)s MB).")
            % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    if kind not in Attachment.Kind.values:
        raise ValidationError(_("Loại tài liệu không hợp lệ."))
    stream = upload.file
    assert stream is not None  # an uploaded file always has its stream open here
    mime = sniff(stream)
    if kind == Attachment.Kind.PHOTO and not mime.startswith("image/"):
        raise ValidationError(_("Ảnh phải là tệp JPEG hoặc PNG."))
    if mime.startswith("image/"):
        check_image(stream)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = clean(upload.name or "tep")[:255]
    attachment = Attachment(
        owner=owner,
        original_name=name,
        mime_type=mime,
        size=upload.size,
        sha256=digest.hexdigest(),
        kind=kind,
        description=clean(description),
        uploaded_by=actor,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


def attachment_archive(*, actor: User, attachment: Attachment) -> Attachment:
    if actor is None:
        raise PermissionDenied
    attachment.archived_at = timezone.now()
    attachment.save(update_fields=["archived_at"])
    return attachment
