"""Files of records: download, thumbnail, removal, and the upload every record page posts to."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.attachments import selectors, services
from phoihop.attachments.access import get_attachment_for_user
from phoihop.attachments.forms import AttachmentForm
from phoihop.audit.services import record
from phoihop.core.access import SignedInRequest, rule, signed_in


@rule("object")
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_attachment_for_user(request.user, pk)
    record("document_download", obj=attachment, detail=attachment.original_name)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
        content_type=attachment.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@rule("object")
def attachment_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    """A small JPEG of a photo for galleries; the full photo stays behind attachment_download."""
    attachment = get_attachment_for_user(request.user, pk)
    data = selectors.thumbnail_bytes(attachment)
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response


@rule("object")
@require_POST
def attachment_archive(request: SignedInRequest, pk: int) -> HttpResponse:
    attachment = get_attachment_for_user(request.user, pk, for_edit=True)
    services.attachment_archive(actor=request.user, attachment=attachment)
    messages.success(request, _("Đã gỡ tệp đính kèm (tệp vẫn được lưu trong lịch sử)."))
    owner = attachment.owner
    return redirect(owner.get_absolute_url() if owner is not None else "core:home")


def attach_uploaded_file(request: HttpRequest, owner: Any) -> HttpResponse:
    """Store the file posted for a record the caller has already checked the user may edit."""
    form = AttachmentForm(request.POST, request.FILES)
    if getattr(owner, "is_archived", False):
        messages.error(request, _("Hồ sơ đã được lưu trữ; khôi phục trước khi đính kèm tệp."))
    elif form.is_valid():
        try:
            services.attachment_add(
                actor=signed_in(request),
                owner=owner,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
            )
            messages.success(request, _("Đã đính kèm tệp."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(owner)
