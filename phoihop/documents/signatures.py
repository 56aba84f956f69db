"""Signed copies of records, and the verification of the digital signatures in a signed PDF.

An officer uploads the document as signed: a scan (PDF or photo) or a PDF signed with an
agency's certificate. Every signature in a PDF is verified with pyHanko, offline: who signed,
when the signer says they signed, whether the signed bytes are unchanged and nothing but
signatures and form fields was added afterwards, and whether the signer's certificate chains to
one of the trusted roots the administrator placed in ``SIGNATURE_TRUST_ROOTS_DIR``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.documents.file_models import SignedCopy

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ACCEPTED = {"application/pdf", "image/jpeg", "image/png"}
ROOT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


@dataclass(frozen=True)
class SignedRecord:
    """A kind of record that keeps signed copies, as its app says who may upload one: the record
    loaded for editing (404 for missing and not yours, 403 for yours to read only), the same
    rule as a yes or no on a record already loaded, and the page to go back to."""

    get_for_edit: Callable[[Any, int], models.Model]
    can_edit: Callable[[Any, Any], bool]
    url: Callable[[Any], str] | None = None  # None: the record's get_absolute_url()


_signed_records: dict[str, SignedRecord] = {}


def register_signed_record(model: type[models.Model], kind: SignedRecord) -> None:
    """Let ``model``'s records keep signed copies (called from the owning app's ``AppConfig.ready``)."""
    _signed_records[model._meta.label_lower] = kind


def signed_record(label: str) -> SignedRecord | None:
    """The registered kind of record by its model's label ("agreements.agreement")."""
    return _signed_records.get(label)


def trust_roots_dir() -> Path | None:
    configured = getattr(settings, "SIGNATURE_TRUST_ROOTS_DIR", "") or ""
    return Path(configured) if configured else None


def trust_roots() -> list[Any]:
    """The certificates of the administrator's trusted roots (PEM or DER files in the folder)."""
    from asn1crypto import pem, x509

    folder = trust_roots_dir()
    if folder is None or not folder.is_dir():
        return []
    roots = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in ROOT_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        blobs = [der for _name, _headers, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        for der in blobs:
            try:
                roots.append(x509.Certificate.load(der))
            except ValueError:
                continue
    return roots


def verify_pdf(stream: IO[bytes]) -> list[dict[str, Any]]:
    """One entry per signature of the PDF (none for a PDF without signatures).

    Raises ValidationError when the file is not a PDF pyHanko can read."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    stream.seek(0)
    try:
        reader = PdfFileReader(stream, strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise ValidationError(_("Tệp PDF bị hỏng hoặc không đọc được; hãy xuất lại tệp PDF rồi tải lên.")) from exc
    roots = trust_roots()
    results = []
    for index, sig in enumerate(embedded, start=1):
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        entry: dict[str, Any] = {"index": index, "field": sig.field_name or ""}
        try:
            status = validate_pdf_signature(sig, signer_validation_context=context)
        except (SignatureValidationError, ValueError, KeyError, TypeError, PdfReadError) as exc:
            entry.update(intact=False, valid=False, trusted=False, whole_file=False, altered=False,
                         signer="", signed_at=None, error=str(exc)[:300])
            results.append(entry)
            continue
        cert = status.signing_cert
        signed_at = status.signer_reported_dt
        modification = getattr(status, "modification_level", None)
        changed_after = modification is not None and modification.name == "OTHER"
        entry.update(
            intact=bool(status.intact),
            valid=bool(status.valid),
            trusted=bool(status.trusted),
            whole_file=status.coverage is not None and status.coverage.name == "ENTIRE_FILE",
            # Bytes changed inside what was signed, or content changed in a later revision.
            altered=not status.intact or changed_after or status.docmdp_ok is False,
            signer=_name(cert.subject) if cert is not None else "",
            organization=_attribute(cert.subject, "organization_name") if cert is not None else "",
            issuer=_name(cert.issuer) if cert is not None else "",
            serial=format(cert.serial_number, "X") if cert is not None else "",
            signed_at=signed_at.isoformat() if isinstance(signed_at, datetime.datetime) else None,
            error="",
        )
        results.append(entry)
    stream.seek(0)
    return results


def _attribute(name: Any, key: str) -> str:
    value = name.native.get(key, "")
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def _name(name: Any) -> str:
    return _attribute(name, "common_name") or name.human_friendly


def verdict_of(signatures: list[dict[str, Any]]) -> str:
    """The record's flag: the worst of its signatures."""
    if not signatures:
        return SignedCopy.Verdict.NONE
    if any(s["altered"] for s in signatures):
        return SignedCopy.Verdict.ALTERED
    if any(not s["valid"] for s in signatures):
        return SignedCopy.Verdict.INVALID if any(s.get("error") for s in signatures) or not all(
            s["intact"] for s in signatures) else SignedCopy.Verdict.UNTRUSTED
    if any(not s["trusted"] for s in signatures):
        return SignedCopy.Verdict.UNTRUSTED
    return SignedCopy.Verdict.VALID


@transaction.atomic
def signed_copy_upload(*, actor: User, record: models.Model, upload: UploadedFile, note: str = "") -> SignedCopy:
    """Keep ``upload`` as the record's signed copy, its signatures verified; the copy it replaces
    stays, marked replaced. The caller has checked that ``actor`` may edit the record."""
    from phoihop.attachments.checks import sniff
    from phoihop.attachments.services import attachment_add
    from phoihop.vn.text import clean

    if upload.size is None or upload.size == 0:
        raise ValidationError(_("Tệp rỗng."))
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    stream = upload.file
    assert stream is not None
    mime = sniff(stream)
    if mime not in ACCEPTED:
        raise ValidationError(
            _("Bản ký phải là tệp PDF (bản ký số hoặc bản quét) hoặc ảnh quét JPEG, PNG; tệp này không phải.")
        )
    signatures = verify_pdf(stream) if mime == "application/pdf" else []
    attachment = attachment_add(actor=actor, owner=record, upload=upload, kind="signed_scan",
                                description=_("Bản ký"))
    ct = ContentType.objects.get_for_model(record)
    now = timezone.now()
    current = SignedCopy.objects.select_for_update().filter(content_type=ct, object_id=record.pk, replaced_at__isnull=True)
    for old in current:
        old.replaced_at = now
        old.save(update_fields=["replaced_at"])
    return SignedCopy.objects.create(
        content_type=ct,
        object_id=record.pk,
        attachment=attachment,
        kind=SignedCopy.Kind.SIGNED_PDF if signatures else SignedCopy.Kind.SCAN,
        verdict=verdict_of(signatures),
        signatures=signatures,
        verified_at=now if mime == "application/pdf" else None,
        note=clean(note)[:255],
        uploaded_by=actor,
        uploaded_at=now,
    )


def signed_copies_of(record: models.Model) -> list[SignedCopy]:
    """The record's signed copies, the current one first. One query, whatever is cached."""
    meta = record._meta
    return list(
        SignedCopy.objects.filter(
            content_type__app_label=meta.app_label, content_type__model=meta.model_name, object_id=record.pk
        )
        .select_related("attachment", "uploaded_by")
        .order_by(F("replaced_at").desc(nulls_first=True), "-uploaded_at", "-id")[:20]
    )
