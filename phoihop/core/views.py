from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.accounts import access
from phoihop.accounts.access import rule
from phoihop.audit.services import record
from phoihop.core import attachments, selectors
from phoihop.core.selectors import home_overview
from phoihop.core.worklist import past_events, work_list


@rule("authenticated")
def home(request: HttpRequest) -> HttpResponse:
    context = home_overview(user=request.user)
    context["worklist"] = work_list(user=request.user)
    context["recent_events"] = past_events(user=request.user)  # the coming ones are in the work list
    return render(request, "core/home.html", context)


@rule("authenticated")
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    results = selectors.search(user=request.user, query=query)
    return render(request, "core/search.html", {"results": results, "search_query": query})


@rule("object")
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access.get_attachment_for_user(request.user, pk)
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
    attachment = access.get_attachment_for_user(request.user, pk)
    data = attachments.thumbnail_bytes(attachment)
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=86400"
    return response


@rule("object")
@require_POST
def attachment_archive(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access.get_attachment_for_user(request.user, pk, for_edit=True)
    attachments.attachment_archive(actor=request.user, attachment=attachment)
    messages.success(request, _("Đã gỡ tệp đính kèm (tệp vẫn được lưu trong lịch sử)."))
    owner = attachment.owner
    return redirect(owner.get_absolute_url() if owner is not None else "core:home")
