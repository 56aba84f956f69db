"""PDF beside every generated Word document, made by LibreOffice in the background worker.

A request renders the Word file (it is quick for one record), and looks its PDF up by what the
file holds: the same record, unchanged, gives the same Word file and so the PDF made before. A
review wide enough that its report is itself made by the worker is keyed by the review's
version instead, and the worker makes the Word file too.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.documents.file_models import PdfRendition
from phoihop.documents.pdf import ConversionError, LibreOfficeMissing, soffice_path

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.core.access import AnyUser


@dataclass(frozen=True)
class Source:
    """A generated Word document that has a PDF: how to reach its record (the Word download's
    access rule), make the Word file, name the PDF and go back to the page offering it."""

    get_for_user: Callable[[Any, int], Any]
    render: Callable[[Any], bytes]
    filename: Callable[[Any], str]
    back_url: Callable[[Any], str]
    # For a record whose Word file is itself a background job: what it is valid for, and how
    # the worker reads the record by its id to make that Word file.
    deferred_version: Callable[[Any], str | None] = lambda record: None
    load: Callable[[int], Any] | None = None


# Filled by the apps that own the documents, in their ``AppConfig.ready``: the name a PDF job
# keeps ("agreement", "plan", "review_report", …) and how to make its Source.
SOURCES: dict[str, Callable[[], Source]] = {}


def register_source(name: str, factory: Callable[[], Source]) -> None:
    """Offer a PDF beside a generated Word document; ``factory`` makes its Source when asked."""
    SOURCES[name] = factory


def source(name: str) -> Source:
    if name not in SOURCES:
        raise KeyError(name)
    return SOURCES[name]()


def libreoffice_available() -> bool:
    return soffice_path() is not None


def missing_message() -> str:
    return _("Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF.")


def content_hash(docx: bytes) -> str:
    """The SHA-256 of what a .docx holds: its parts' names and bytes, not the zip around them,
    whose entries carry the time of writing (the same document written a few seconds later
    would otherwise never find its PDF)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in sorted(archive.namelist()):
            digest.update(name.encode() + b"\0")
            digest.update(hashlib.sha256(archive.read(name)).digest())
    return digest.hexdigest()


def pdf_request(*, actor: User, source_name: str, record: Any) -> PdfRendition:
    """The PDF of ``record``'s document as it is now: the one made before when the Word file has
    not changed, else a new job for the worker. A double click, a retry or another reader gets
    the same job; a failed one is tried again. The caller has checked that ``actor`` may
    download the Word file."""
    if not libreoffice_available():
        raise LibreOfficeMissing(missing_message())
    found = source(source_name)
    version = found.deferred_version(record)
    docx: bytes | None
    if version is None:
        docx = found.render(record)
        key = content_hash(docx)
    else:
        docx = None
        key = "v-" + hashlib.sha256(version.encode()).hexdigest()[:62]
    defaults = {"docx": docx, "filename": found.filename(record)[:255], "requested_by": actor}
    try:
        with transaction.atomic():
            job, created = PdfRendition.objects.get_or_create(
                source=source_name, object_id=record.pk, docx_sha256=key, defaults=defaults
            )
    except IntegrityError:  # the same request, committed a moment earlier
        job, created = PdfRendition.objects.get(source=source_name, object_id=record.pk, docx_sha256=key), False
    if not created and job.status == PdfRendition.Status.FAILED:
        created = bool(
            PdfRendition.objects.filter(pk=job.pk, status=PdfRendition.Status.FAILED).update(
                status=PdfRendition.Status.PENDING, progress=0, error="", requested_by=actor,
                docx=docx, finished_at=None,
            )
        )
        job.refresh_from_db()
    if created:
        job_id = job.pk
        transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _enqueue(job_id: int) -> None:
    from phoihop.documents.tasks import build_pdf_rendition

    build_pdf_rendition.enqueue(job_id)


def pdf_build(*, job_id: int) -> PdfRendition | None:
    """Convert job ``job_id``'s Word file (the worker runs this). Run twice, a finished job is
    left as it is. When done, the older PDFs of the same document are removed: only the PDF of
    the record as it now is stays."""
    with transaction.atomic():
        job = PdfRendition.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status == PdfRendition.Status.DONE:
            return job
        job.status = PdfRendition.Status.RUNNING
        job.progress = 10
        job.save(update_fields=["status", "progress"])
    try:
        docx = bytes(job.docx) if job.docx is not None else _render_deferred(job)
        PdfRendition.objects.filter(pk=job.pk).update(progress=40)
        from phoihop.documents.pdf import to_pdf

        content = to_pdf(docx)
    except LibreOfficeMissing:
        return _failed(job, missing_message())
    except ConversionError as exc:
        return _failed(job, _("LibreOffice không chuyển được văn bản sang PDF: %(detail)s") % {"detail": str(exc)[:500]})
    except Exception as exc:  # the record went away or could not be read: the user sees why
        return _failed(job, _("Không tạo được bản PDF: %(detail)s") % {"detail": str(exc)[:500]})
    with transaction.atomic():
        PdfRendition.objects.filter(pk=job.pk).update(
            status=PdfRendition.Status.DONE, progress=100, content=content, docx=None, error="",
            finished_at=timezone.now(),
        )
        PdfRendition.objects.filter(source=job.source, object_id=job.object_id).exclude(pk=job.pk).exclude(
            status__in=[PdfRendition.Status.PENDING, PdfRendition.Status.RUNNING]
        ).delete()
    job.refresh_from_db()
    return job


def _render_deferred(job: PdfRendition) -> bytes:
    found = source(job.source)
    if found.load is None:
        raise ValueError(f"{job.source}: no Word file kept and none to make")
    return found.render(found.load(job.object_id))


def _failed(job: PdfRendition, message: str) -> PdfRendition:
    PdfRendition.objects.filter(pk=job.pk).update(
        status=PdfRendition.Status.FAILED, error=message, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def get_pdf_for_user(user: AnyUser, pk: int) -> tuple[PdfRendition, Any]:
    """A PDF job and its record, for whoever may download the record's Word file: 404 for a
    job that does not exist or whose record the user does not see."""
    from django.http import Http404

    job = PdfRendition.objects.defer("content", "docx").filter(pk=pk).first()
    if job is None or job.source not in SOURCES:
        raise Http404
    try:
        record = source(job.source).get_for_user(user, job.object_id)
    except (PermissionDenied, ValidationError):
        raise Http404 from None
    return job, record
