"""What the owning apps' document views share: a generated file as a download (recorded in the
audit log), and the "Cấp số" form sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from phoihop.documents.forms import ReserveNumberForm

DOWNLOAD_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def generated_download(
    request: HttpRequest, owner: Any, content: bytes, filename: str, *, organization: Any = None
) -> HttpResponse:
    """A generated Word or Excel file as a download, recorded in the audit log."""
    from phoihop.audit.services import record

    record(
        "document_download", obj=owner, detail=filename, request=request, organization=organization
    )
    response = HttpResponse(content, content_type=DOWNLOAD_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _number_form_errors(form: ReserveNumberForm) -> str:
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


def issue_number(
    request: HttpRequest,
    issue: Callable[..., Any],
    *,
    back: HttpResponse,
    created: str,
    again: str,
    **words: Any,
) -> HttpResponse:
    """The "Cấp số" form sent: the number issued once (or the one the document has), or why not."""
    form = ReserveNumberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _number_form_errors(form))
        return back
    try:
        result = issue(
            issued_on=form.cleaned_data["issued_on"],
            number=form.cleaned_data["number"],
            confirm_out_of_sequence=form.cleaned_data["confirm_out_of_sequence"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        message = created if result.created else again
        messages.success(request, message % {"symbol": result.entry.symbol, **words})
    return back
