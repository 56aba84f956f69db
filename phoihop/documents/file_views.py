"""PDF downloads of generated Word documents, and the signed copies of records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from phoihop.core.access import SignedInRequest, rule
from phoihop.documents import renditions, signatures
from phoihop.documents.pdf import LibreOfficeMissing


def _pdf_file(request: HttpRequest, job: Any, record: Any) -> HttpResponse:
    from phoihop.audit.services import record as audit

    audit("document_download", obj=record, detail=job.filename, request=request)
    response = HttpResponse(bytes(job.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


def _pdf(request: SignedInRequest, source_name: str, pk: int) -> HttpResponse:
    """The PDF of a generated Word document: the file when it is made, else the page that
    follows the worker making it."""
    found = renditions.source(source_name)
    try:
        record = found.get_for_user(request.user, pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(request.META.get("HTTP_REFERER") or "/")
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    try:
        job = renditions.pdf_request(actor=request.user, source_name=source_name, record=record)
    except LibreOfficeMissing:
        messages.error(request, renditions.missing_message())
        return redirect(found.back_url(record))
    except ValidationError as exc:  # no document to convert (an empty commendation list)
        messages.error(request, " ".join(exc.messages))
        return redirect(found.back_url(record))
    if job.status == job.Status.DONE:
        job.refresh_from_db(fields=["content"])
        return _pdf_file(request, job, record)
    return redirect("document_files:pdf", pk=job.pk)


@rule("object")
def agreement_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    return _pdf(request, "agreement", pk)


@rule("object")
def plan_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    return _pdf(request, "plan", pk)


@rule("object")
def review_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    return _pdf(request, "review_report", pk)


@rule("object")
def commendations_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    return _pdf(request, "commendations", pk)


@rule("object")
def commendation_decision_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    return _pdf(request, "commendation_decision", pk)


@rule("object")
def commendation_submission_pdf(request: SignedInRequest, pk: int) -> HttpResponse:
    return _pdf(request, "commendation_submission", pk)


@rule("object")
def pdf_status(request: HttpRequest, pk: int) -> HttpResponse:
    """A PDF being made: its progress (the page polls while it runs), then its link."""
    job, record = renditions.get_pdf_for_user(request.user, pk)
    context = {"job": job, "record": record, "back_url": renditions.source(job.source).back_url(record)}
    if request.headers.get("HX-Request"):
        return render(request, "documents/pdf_rendition.html#status", context)
    return render(request, "documents/pdf_rendition.html", context)


@rule("object")
def pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    job, record = renditions.get_pdf_for_user(request.user, pk)
    if job.status != job.Status.DONE:
        return redirect("document_files:pdf", pk=job.pk)
    job.refresh_from_db(fields=["content"])
    return _pdf_file(request, job, record)


# --- signed copies ----------------------------------------------------------------------------


def _upload(request: SignedInRequest, record: Any) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp bản ký (PDF hoặc ảnh quét) để tải lên."))
    else:
        try:
            copy = signatures.signed_copy_upload(
                actor=request.user, record=record, upload=upload, note=request.POST.get("note", "")
            )
        except ValidationError as exc:
            messages.error(request, _("Chưa lưu bản ký: %(why)s") % {"why": " ".join(exc.messages)})
        else:
            if copy.is_flagged:
                messages.warning(request, _("Đã lưu bản ký, nhưng: %(verdict)s.") % {"verdict": copy.get_verdict_display()})
            else:
                messages.success(request, _("Đã lưu bản ký: %(verdict)s.") % {"verdict": copy.get_verdict_display()})
    return redirect(request.POST["next"] if _safe_next(request) else _record_url(record))


def _record_url(record: Any) -> str:
    kind = signatures.signed_record(record._meta.label_lower)
    if kind is not None and kind.url is not None:
        return kind.url(record)
    return str(record.get_absolute_url())


def _safe_next(request: HttpRequest) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    # A path on this site only: anything else given to redirect() is looked up as a view name,
    # and "%(x)s" was a server error.
    target = request.POST.get("next", "")
    return target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


def _signed_upload(label: str) -> Callable[[SignedInRequest, int], HttpResponse]:
    """The upload of a signed copy of a ``label`` record ("agreements.agreement"), for whoever
    edits the record, as its app registered (``signatures.register_signed_record``)."""

    @rule("object")
    @require_POST
    def view(request: SignedInRequest, pk: int) -> HttpResponse:
        kind = signatures.signed_record(label)
        if kind is None:
            raise Http404
        return _upload(request, kind.get_for_edit(request.user, pk))

    return view


agreement_signed_upload = _signed_upload("agreements.agreement")
plan_signed_upload = _signed_upload("plans.annualplan")
review_signed_upload = _signed_upload("reviews.review")
