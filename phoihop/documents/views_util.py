"""What the document views share: a generated file as a download, recorded in the audit log."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

DOWNLOAD_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def generated_download(
    request: HttpRequest, owner: Any, content: bytes, filename: str, *, organization: Any = None
) -> HttpResponse:
    """A generated Word or Excel file as a download, recorded in the audit log."""
    from phoihop.audit.services import record

    record("document_download", obj=owner, detail=filename, request=request, organization=organization)
    response = HttpResponse(content, content_type=DOWNLOAD_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
