"""The "PDF" button beside a Word download, and the signed-copy card of a record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.urls import reverse

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

register = template.Library()

PDF_ROUTES = {
    "agreement": "document_files:agreement_pdf",
    "plan": "document_files:plan_pdf",
    "review_report": "document_files:review_pdf",
    "commendations": "document_files:commendations_pdf",
    "commendation_decision": "document_files:commendation_decision_pdf",
    "commendation_submission": "document_files:commendation_submission_pdf",
}
UPLOAD_ROUTES = {
    "agreement": "document_files:agreement_signed_upload",
    "annualplan": "document_files:plan_signed_upload",
    "review": "document_files:review_signed_upload",
}


@register.inclusion_tag("documents/pdf_button.html")
def pdf_button(source: str, record: Any, label: str = "", css: str = "btn btn-outline-danger btn-sm") -> dict[str, Any]:
    """A link to the document's PDF, or a disabled button saying the server lacks LibreOffice."""
    from phoihop.documents.renditions import libreoffice_available, missing_message

    available = libreoffice_available()
    return {
        "url": reverse(PDF_ROUTES[source], kwargs={"pk": record.pk}) if available else "",
        "missing": "" if available else missing_message(),
        "css": css,
        "label": label,
    }


@register.inclusion_tag("documents/signed_copies.html", takes_context=True)
def signed_copies(context: template.Context, record: Any) -> dict[str, Any]:
    """The record's signed copy with the verification of its signatures, the copies it replaced,
    and for those who may edit the record the form to upload one."""
    from phoihop.documents.signatures import signed_copies_of, trust_roots_dir

    copies = signed_copies_of(record)
    current = copies[0] if copies and copies[0].replaced_at is None else None
    request = context.get("request")
    model = record._meta.model_name
    can_upload = request is not None and _can_edit(request.user, record)
    rows = []
    for entry in current.signatures if current is not None else []:
        signed_at = _parse_time(entry.get("signed_at"))
        rows.append({**entry, "signed_at": signed_at})
    return {
        "current": current,
        "signatures": rows,
        "earlier": [c for c in copies if c is not current],
        "upload_url": reverse(UPLOAD_ROUTES[model], kwargs={"pk": record.pk}) if can_upload and model in UPLOAD_ROUTES else "",
        "next": request.get_full_path() if request is not None else "",
        "roots_configured": trust_roots_dir() is not None,
        "csrf_token": context.get("csrf_token"),
        "dom_id": f"signed-{model}-{record.pk}",
    }


def _parse_time(value: Any) -> Any:
    import datetime

    from django.utils import timezone

    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _can_edit(user: AnyUser, record: Any) -> bool:
    from phoihop.documents.signatures import signed_record

    kind = signed_record(record._meta.label_lower)
    return kind is not None and bool(kind.can_edit(user, record))
