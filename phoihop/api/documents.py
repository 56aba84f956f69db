"""The Word and Excel files the pages offer, generated from the record: an agreement's and an
annual plan's document and annex, a review's report, annex and commendation documents.

The same generators (``plans.documents``, ``reviews.documents``,
``reviews.commendation_documents``), the same access getters and the same download
(``documents.views_util.generated_download``: recorded in the audit log) as the pages. Each file
is named in ASCII (``filename``) and in Vietnamese (``filename*``, RFC 5987).

A review report or annex over more than ``BACKGROUND_AGREEMENTS`` agreements is made by the
worker, as on the review page: the request answers 202 with the job (``Location``: where to
poll); once the job is ``done`` its ``file_url`` gives the file, and asking for the document again
gives it too (one job per review, kind and version of the review).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field as F
from ninja import Router, Schema, Status

from phoihop.agreements import access as agreement_access
from phoihop.api import schemas
from phoihop.api.errors import ApiError
from phoihop.api.organizations import choice
from phoihop.api.paging import key
from phoihop.core.access import signed_in
from phoihop.documents.official import render_docx
from phoihop.documents.views_util import DOWNLOAD_TYPES, generated_download
from phoihop.plans import access as plan_access
from phoihop.plans import documents as plan_documents
from phoihop.reviews import access as review_access
from phoihop.reviews import commendation_documents
from phoihop.reviews import documents as review_documents
from phoihop.reviews import selectors as review_selectors
from phoihop.reviews import services as review_services
from phoihop.reviews.models import Review, ReviewDocument

router = Router(tags=["documents"])

# How long a client waits before asking again after a 202.
POLL_SECONDS = 5


class DocumentOut(Schema):
    kind: str = F(description="The document's name in its URL, e.g. report.docx")
    label: str
    format: str = F(description="docx or xlsx")
    content_type: str
    url: str
    available: bool
    reason: str = F(description="Why it is not available, when it is not")
    made_in_background: bool = F(
        description="True: the request answers 202 and the worker makes the file"
    )


class DocumentList(Schema):
    items: list[DocumentOut]


class ReviewDocumentJob(Schema):
    id: int
    review_id: int
    kind: schemas.Choice
    status: schemas.Choice = F(description="pending, running, done or failed")
    progress: int = F(description="Per cent")
    error: str
    requested_at: datetime.datetime
    finished_at: datetime.datetime | None
    url: str = F(description="This job, to poll")
    file_url: str | None = F(description="The file, once done")


def _file_responses(*formats: str) -> dict[str, Any]:
    """The schema's 200 for an operation answering a file (the operation returns it as it is)."""
    return {
        "responses": {
            200: {
                "description": "The file, as an attachment",
                "content": {
                    DOWNLOAD_TYPES[f]: {"schema": {"type": "string", "format": "binary"}}
                    for f in formats
                },
            }
        }
    }


DOCX = _file_responses("docx")
XLSX = _file_responses("xlsx")


def _named(*parts: str, ext: str) -> str:
    return " – ".join(p.strip() for p in parts if p and p.strip()) + f".{ext}"


def _agreement_name(agreement: Any) -> str:
    return " ".join(p for p in (agreement.number_symbol, agreement.title) if p)


@dataclass(frozen=True)
class Kind:
    """One generated document of a record: its name in the URL and its label."""

    name: str
    url_name: str
    label: Any

    @property
    def format(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    def out(self, pk: int, *, reason: str = "", background: bool = False) -> dict[str, Any]:
        return {
            "kind": self.name,
            "label": str(self.label),
            "format": self.format,
            "content_type": DOWNLOAD_TYPES[self.format],
            "url": reverse(f"api:{self.url_name}", kwargs={"pk": pk}),
            "available": not reason,
            "reason": reason,
            "made_in_background": background,
        }


AGREEMENT_KINDS = (
    Kind("agreement.docx", "agreement_docx", gettext_lazy("Văn bản phối hợp (Word)")),
    Kind("agreement.xlsx", "agreement_xlsx", gettext_lazy("Phụ lục văn bản phối hợp (Excel)")),
)
PLAN_KINDS = (
    Kind("plan.docx", "plan_docx", gettext_lazy("Kế hoạch phối hợp năm (Word)")),
    Kind("plan.xlsx", "plan_xlsx", gettext_lazy("Phụ lục kế hoạch năm (Excel)")),
)
REPORT = Kind("report.docx", "review_report_docx", ReviewDocument.Kind.REPORT.label)
ANNEX = Kind("annex.xlsx", "review_annex_xlsx", ReviewDocument.Kind.ANNEX.label)
REVIEW_KINDS = (
    REPORT,
    ANNEX,
    Kind(
        "commendations.docx",
        "review_commendations_docx",
        gettext_lazy("Danh sách khen thưởng (Word)"),
    ),
    Kind(
        "commendations.xlsx",
        "review_commendations_xlsx",
        gettext_lazy("Danh sách khen thưởng (Excel)"),
    ),
    Kind(
        "commendation-decision.docx",
        "review_commendation_decision_docx",
        commendation_documents.LABELS[commendation_documents.DECISION],
    ),
    Kind(
        "commendation-submission.docx",
        "review_commendation_submission_docx",
        commendation_documents.LABELS[commendation_documents.SUBMISSION],
    ),
)
# The Vietnamese file name's last part, by the review's document.
REVIEW_FILE_WORDS = {
    "report.docx": gettext_lazy("Báo cáo"),
    "annex.xlsx": gettext_lazy("Phụ lục số liệu"),
    "commendations.docx": gettext_lazy("Danh sách khen thưởng"),
    "commendations.xlsx": gettext_lazy("Danh sách khen thưởng"),
    "commendation-decision.docx": gettext_lazy("Quyết định khen thưởng"),
    "commendation-submission.docx": gettext_lazy("Tờ trình đề nghị khen thưởng"),
}
JOB_KINDS = {ReviewDocument.Kind.REPORT: REPORT, ReviewDocument.Kind.ANNEX: ANNEX}


# --- agreements and plans ---------------------------------------------------------------------


@router.get(
    "/agreements/{int:pk}/documents",
    response={200: DocumentList, **schemas.ERRORS},
    url_name="agreement_documents",
    summary="An agreement's generated documents",
)
def agreement_document_list(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The files generated from the agreement, as on its documents page."""
    agreement = agreement_access.get_agreement_for_user(request.user, key(pk))
    return {"items": [k.out(agreement.pk) for k in AGREEMENT_KINDS]}


@router.get(
    "/agreements/{int:pk}/documents/agreement.docx",
    response=schemas.ERRORS,
    openapi_extra=DOCX,
    url_name="agreement_docx",
    summary="An agreement as a Word document",
)
def agreement_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement in the official presentation of its lead party, with its number once
    issued."""
    agreement = agreement_access.get_agreement_for_user(request.user, key(pk))
    doc = plan_documents.agreement_document(agreement)
    return generated_download(
        request,
        agreement,
        render_docx(doc),
        plan_documents.agreement_filename(agreement, doc, "docx"),
        display_name=_named(_agreement_name(agreement), ext="docx"),
    )


@router.get(
    "/agreements/{int:pk}/documents/agreement.xlsx",
    response=schemas.ERRORS,
    openapi_extra=XLSX,
    url_name="agreement_xlsx",
    summary="An agreement's annex as an Excel workbook",
)
def agreement_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_access.get_agreement_for_user(request.user, key(pk))
    doc = plan_documents.agreement_document(agreement)
    return generated_download(
        request,
        agreement,
        plan_documents.agreement_workbook(agreement),
        plan_documents.agreement_filename(agreement, doc, "xlsx"),
        display_name=_named(_agreement_name(agreement), _("Phụ lục"), ext="xlsx"),
    )


def _plan_name(plan: Any) -> str:
    return _("Kế hoạch phối hợp năm %(year)s") % {"year": plan.year}


@router.get(
    "/plans/{int:pk}/documents",
    response={200: DocumentList, **schemas.ERRORS},
    url_name="plan_documents",
    summary="An annual plan's generated documents",
)
def plan_document_list(request: HttpRequest, pk: int) -> dict[str, Any]:
    plan = plan_access.get_plan_for_user(request.user, key(pk))
    return {"items": [k.out(plan.pk) for k in PLAN_KINDS]}


@router.get(
    "/plans/{int:pk}/documents/plan.docx",
    response=schemas.ERRORS,
    openapi_extra=DOCX,
    url_name="plan_docx",
    summary="An annual plan as a Word document",
)
def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_access.get_plan_for_user(request.user, key(pk))
    doc = plan_documents.plan_document(plan)
    return generated_download(
        request,
        plan,
        render_docx(doc),
        plan_documents.plan_filename(plan, doc, "docx"),
        display_name=_named(_plan_name(plan), plan.agreement.number_symbol, ext="docx"),
    )


@router.get(
    "/plans/{int:pk}/documents/plan.xlsx",
    response=schemas.ERRORS,
    openapi_extra=XLSX,
    url_name="plan_xlsx",
    summary="An annual plan's tasks and indicators as an Excel workbook",
)
def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_access.get_plan_for_user(request.user, key(pk))
    doc = plan_documents.plan_document(plan)
    return generated_download(
        request,
        plan,
        plan_documents.plan_workbook(plan),
        plan_documents.plan_filename(plan, doc, "xlsx"),
        display_name=_named(
            _plan_name(plan), plan.agreement.number_symbol, _("Phụ lục"), ext="xlsx"
        ),
    )


# --- reviews ----------------------------------------------------------------------------------

ARCHIVED = gettext_lazy(
    "Báo cáo đã được lưu trữ nên không tải văn bản được. Khôi phục báo cáo để tải."
)


def _review(request: HttpRequest, pk: int) -> Review:
    """The review, for whoever sees it; its documents are not offered once it is archived."""
    review = review_access.get_review_for_user(request.user, key(pk))
    if review.is_archived:
        raise ApiError("validation_error", ARCHIVED)
    return review


def _lead(review: Review) -> Any:
    return next((p.organization for p in review.agreement.parties.all() if p.role == "lead"), None)


def _review_download(
    request: HttpRequest, review: Review, kind: str, content: bytes, filename: str
) -> HttpResponse:
    return generated_download(
        request,
        review,
        content,
        filename,
        organization=_lead(review),
        display_name=_named(review.title, str(REVIEW_FILE_WORDS[kind]), ext=kind.rsplit(".")[-1]),
    )


def job_out(job: ReviewDocument) -> dict[str, Any]:
    done = job.status == ReviewDocument.Status.DONE
    return {
        "id": job.pk,
        "review_id": job.review_id,
        "kind": choice(job, "kind"),
        "status": choice(job, "status"),
        "progress": job.progress,
        "error": job.error,
        "requested_at": job.created_at,
        "finished_at": job.finished_at,
        "url": reverse("api:review_document_job", kwargs={"pk": job.pk}),
        "file_url": reverse("api:review_document_file", kwargs={"pk": job.pk}) if done else None,
    }


def _waiting(job: ReviewDocument, response: HttpResponse) -> Any:
    """202: the worker is making the file; poll the job."""
    response["Location"] = reverse("api:review_document_job", kwargs={"pk": job.pk})
    response["Retry-After"] = str(POLL_SECONDS)
    return Status(202, job_out(job))


def _stored(request: HttpRequest, job: ReviewDocument) -> HttpResponse:
    kind = JOB_KINDS[ReviewDocument.Kind(job.kind)].name
    return _review_download(request, job.review, kind, bytes(job.content or b""), job.filename)


def _wide_file(
    request: HttpRequest,
    pk: int,
    response: HttpResponse,
    kind: Kind,
    job_kind: str,
    render: Callable[[Review], bytes],
    filename: Callable[[Review], str],
) -> Any:
    """The report or the annex: made now for a review of a few agreements; for a wider one, by
    the worker (202 until it is done), as the review page does."""
    review = _review(request, pk)
    if review_selectors.covered_count(review) <= review_services.BACKGROUND_AGREEMENTS:
        return _review_download(request, review, kind.name, render(review), filename(review))
    job = review_services.review_document_request(
        actor=signed_in(request), review=review, kind=job_kind
    )
    if job.status == ReviewDocument.Status.DONE:
        return _review_download(request, review, kind.name, bytes(job.content or b""), job.filename)
    return _waiting(job, response)


@router.get(
    "/reviews/{int:pk}/documents",
    response={200: DocumentList, **schemas.ERRORS},
    url_name="review_documents",
    summary="A review's generated documents",
)
def review_document_list(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The report, its annex and the commendation documents. None is offered while the review is
    archived; the report and annex of a wide review are made in the background."""
    review = review_access.get_review_for_user(request.user, key(pk))
    reason = str(ARCHIVED) if review.is_archived else ""
    wide = review_selectors.covered_count(review) > review_services.BACKGROUND_AGREEMENTS
    return {
        "items": [
            k.out(review.pk, reason=reason, background=wide and k in (REPORT, ANNEX))
            for k in REVIEW_KINDS
        ]
    }


@router.get(
    "/reviews/{int:pk}/documents/report.docx",
    response={202: ReviewDocumentJob, **schemas.ERRORS},
    openapi_extra=DOCX,
    url_name="review_report_docx",
    summary="A review's report as a Word document",
)
def review_report_docx(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """The report compiled from the record (frozen figures once signed off). For a review of more
    than five agreements: 202 and the job to poll, until the worker has made it."""
    return _wide_file(
        request,
        pk,
        response,
        REPORT,
        ReviewDocument.Kind.REPORT,
        review_documents.review_report_docx,
        lambda r: review_documents.filename(r, "docx"),
    )


@router.get(
    "/reviews/{int:pk}/documents/annex.xlsx",
    response={202: ReviewDocumentJob, **schemas.ERRORS},
    openapi_extra=XLSX,
    url_name="review_annex_xlsx",
    summary="A review's annex of figures as an Excel workbook",
)
def review_annex_xlsx(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """As the report: 202 and the job to poll for a review of more than five agreements."""
    return _wide_file(
        request,
        pk,
        response,
        ANNEX,
        ReviewDocument.Kind.ANNEX,
        review_documents.review_annex_xlsx,
        lambda r: review_documents.filename(r, "xlsx", annex=True),
    )


@router.get(
    "/reviews/{int:pk}/documents/commendations.docx",
    response=schemas.ERRORS,
    openapi_extra=DOCX,
    url_name="review_commendations_docx",
    summary="A review's list of commendations as a Word document",
)
def review_commendations_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The list alone, numbered “DS” of the lead party; 422 when nothing is listed."""
    return _commendation_file(request, pk, commendation_documents.LIST, "commendations.docx")


@router.get(
    "/reviews/{int:pk}/documents/commendations.xlsx",
    response=schemas.ERRORS,
    openapi_extra=XLSX,
    url_name="review_commendations_xlsx",
    summary="A review's commendations as an Excel workbook",
)
def review_commendations_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    return _review_download(
        request,
        review,
        "commendations.xlsx",
        review_documents.commendations_xlsx(review),
        review_documents.filename(review, "xlsx", commendations=True),
    )


@router.get(
    "/reviews/{int:pk}/documents/commendation-decision.docx",
    response=schemas.ERRORS,
    openapi_extra=DOCX,
    url_name="review_commendation_decision_docx",
    summary="The decision on a review's commendations",
)
def review_commendation_decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead party's decision with the list as its appendix; 422 when nothing is listed."""
    return _commendation_file(
        request, pk, commendation_documents.DECISION, "commendation-decision.docx"
    )


@router.get(
    "/reviews/{int:pk}/documents/commendation-submission.docx",
    response=schemas.ERRORS,
    openapi_extra=DOCX,
    url_name="review_commendation_submission_docx",
    summary="The submission of a review's commendations to the authority above",
)
def review_commendation_submission_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """With the list as its appendix; 422 when nothing is listed."""
    return _commendation_file(
        request, pk, commendation_documents.SUBMISSION, "commendation-submission.docx"
    )


def _commendation_file(request: HttpRequest, pk: int, which: str, kind: str) -> HttpResponse:
    review = _review(request, pk)
    try:
        content = commendation_documents.docx(review, which)
    except ValidationError as exc:  # an empty list is no document
        raise ApiError("validation_error", " ".join(exc.messages)) from None
    return _review_download(
        request, review, kind, content, commendation_documents.filename(review, which)
    )


@router.get(
    "/review-documents/{int:pk}",
    response={200: ReviewDocumentJob, **schemas.ERRORS},
    url_name="review_document_job",
    summary="A review document the worker makes",
)
def review_document_job(request: HttpRequest, pk: int) -> dict[str, Any]:
    """Its status and progress (poll it every few seconds), then where to download it."""
    return job_out(review_selectors.review_document_for_user(user=request.user, pk=key(pk)))


@router.get(
    "/review-documents/{int:pk}/file",
    response={202: ReviewDocumentJob, **schemas.ERRORS},
    openapi_extra=_file_responses("docx", "xlsx"),
    url_name="review_document_file",
    summary="The file the worker made",
)
def review_document_file(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """The file once the job is done; before that 202 with the job."""
    job = review_selectors.review_document_for_user(user=request.user, pk=key(pk))
    if job.status != ReviewDocument.Status.DONE:
        return _waiting(job, response)
    return _stored(request, job)
