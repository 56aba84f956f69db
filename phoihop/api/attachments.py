"""Files of records: an activity's photos and documents listed and uploaded as on its page (the
same form, the same checks of size and content, the same refusals), and any file downloaded by
whoever reaches the record it belongs to (the attachments' access rule)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field as F
from ninja import Query, Router, Schema, Status

from phoihop.activities import access as activity_access
from phoihop.api import schemas
from phoihop.api.etags import claim_if_match, not_modified
from phoihop.api.organizations import choice
from phoihop.api.paging import key, offset_page, unchanged
from phoihop.api.writes import audit_write, form_refusal
from phoihop.attachments import selectors, services
from phoihop.attachments.access import get_attachment_for_user
from phoihop.attachments.forms import AttachmentForm
from phoihop.attachments.models import Attachment
from phoihop.audit.services import record
from phoihop.core.access import signed_in
from phoihop.vn.names import person_name

router = Router(tags=["attachments"])


class AttachmentOut(Schema):
    id: int
    name: str
    kind: schemas.Choice
    mime_type: str
    size: int
    sha256: str
    description: str
    uploaded_by: str
    uploaded_at: datetime.datetime
    download_url: str


class AttachmentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AttachmentOut]


class AttachmentFilters(Schema):
    limit: int = F(25, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


def attachment_out(a: Attachment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "name": a.original_name,
        "kind": choice(a, "kind"),
        "mime_type": a.mime_type,
        "size": a.size,
        "sha256": a.sha256,
        "description": a.description,
        "uploaded_by": person_name(a.uploaded_by),
        "uploaded_at": a.uploaded_at,
        "download_url": reverse("api:attachment_download", kwargs={"pk": a.pk}),
    }


UPLOAD = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "kind": {
                            "type": "string",
                            "enum": list(Attachment.Kind.values),
                            "default": Attachment.Kind.DOCUMENT,
                        },
                        "description": {"type": "string", "maxLength": 255},
                    },
                    "required": ["file"],
                }
            }
        },
    }
}

DOWNLOAD = {
    "responses": {
        "200": {
            "description": "The file, with its type (a photo shown inline, other files as an "
            "attachment)",
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get(
    "/activities/{int:pk}/attachments",
    response={200: AttachmentPage, **schemas.ERRORS},
    url_name="activity_attachment_list",
    summary="An activity's files",
)
def activity_attachment_list(
    request: HttpRequest, pk: int, filters: Query[AttachmentFilters]
) -> dict[str, Any]:
    """The photos and documents of an activity you see, oldest first."""
    activity = activity_access.get_activity_for_user(request.user, key(pk))
    return offset_page(
        selectors.attachment_rows(activity),
        limit=filters.limit,
        offset=filters.offset,
        out=attachment_out,
    )


@router.post(
    "/activities/{int:pk}/attachments",
    response={201: AttachmentOut, **schemas.WRITE_ERRORS},
    url_name="activity_attachment_upload",
    summary="Attach a file to an activity",
    openapi_extra=UPLOAD,
)
def activity_attachment_upload(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """A photo (JPEG or PNG, ``kind=photo``) or a document, sent as ``multipart/form-data``, by
    an officer of one of the activity's organisers while it is a draft or returned; checked by
    its content, at most ``UPLOAD_MAX_MB`` megabytes. A submitted or approved activity takes no
    more files (422): a correction is a revision. ``If-Match`` names the activity's ETag."""
    activity = activity_access.get_activity_for_user(request.user, key(pk), for_edit=True)
    if not activity.is_editable:
        raise ValidationError(
            _(
                "Hoạt động đang chờ duyệt hoặc đã duyệt nên không thêm tệp được; mở bản sửa để bổ sung."
            )
        )
    if activity.is_archived:
        raise ValidationError(_("Hồ sơ đã được lưu trữ; khôi phục trước khi đính kèm tệp."))
    data = request.POST.copy()
    if not data.get("kind"):
        data["kind"] = Attachment.Kind.DOCUMENT
    form = AttachmentForm(data, request.FILES)
    if not form.is_valid():
        raise form_refusal(form)
    with transaction.atomic():
        claim_if_match(request, activity)
        try:
            stored = services.attachment_add(
                actor=signed_in(request),
                owner=activity,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:  # the size, or content that is not what it claims
            raise ValidationError({"file": exc.messages}) from None
        audit_write(request, activity, f"attachment_add {stored.pk}")
    response["Location"] = reverse("api:attachment_download", kwargs={"pk": stored.pk})
    return Status(201, attachment_out(stored))


@router.get(
    "/attachments/{int:pk}",
    response={**schemas.READ_ERRORS},
    url_name="attachment_download",
    summary="Download a file",
    openapi_extra=DOWNLOAD,
)
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """A file of a record you see (an activity, an agreement, an inspection…), as the pages
    serve it; its ETag is its SHA-256, and the download is in the audit log."""
    attachment = get_attachment_for_user(request.user, key(pk))
    tag = f'"{attachment.sha256}"'
    if not_modified(request, attachment, tag=tag):
        return unchanged(attachment, tag=tag)
    record("document_download", obj=attachment, detail=attachment.original_name)
    answer = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
        content_type=attachment.mime_type,
    )
    answer["ETag"] = tag
    answer["X-Content-Type-Options"] = "nosniff"
    answer["Cache-Control"] = "private, no-store"
    return answer
