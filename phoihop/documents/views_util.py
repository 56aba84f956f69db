"""What the owning apps' document views share: a generated file as a download (recorded in the
audit log), and the "Cấp số" form sent."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from phoihop.documents.forms import ReserveNumberForm

DOWNLOAD_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# What a file name may not hold on the systems it is saved to, and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def content_disposition(filename: str, display_name: str = "") -> str:
    """``attachment`` with the ASCII ``filename`` every client reads and, when given, the
    Vietnamese name as RFC 5987/6266 ``filename*`` (UTF-8, percent-encoded), which browsers and
    HTTP libraries prefer when they understand it."""
    ascii_name = _UNSAFE.sub("-", filename).encode("ascii", "replace").decode().replace("?", "-")
    header = f'attachment; filename="{ascii_name}"'
    # A number and symbol keeps its parts: "03/CTr-BCHQS" is named "03-CTr-BCHQS".
    display = " ".join(_UNSAFE.sub(" ", display_name.replace("/", "-")).split())
    stem, dot, ext = display.rpartition(".")
    if dot:  # a long title is cut, keeping the extension
        display = f"{stem[: 149 - len(ext)].strip()}.{ext}"
    if display and display != ascii_name:
        header += f"; filename*=UTF-8''{quote(display, safe='')}"
    return header


def generated_download(
    request: HttpRequest,
    owner: Any,
    content: bytes,
    filename: str,
    *,
    organization: Any = None,
    display_name: str = "",
) -> HttpResponse:
    """A generated Word or Excel file as a download, recorded in the audit log; with
    ``display_name``, named in Vietnamese too (see ``content_disposition``)."""
    from phoihop.audit.services import record

    record(
        "document_download", obj=owner, detail=filename, request=request, organization=organization
    )
    response = HttpResponse(content, content_type=DOWNLOAD_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = content_disposition(filename, display_name)
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
