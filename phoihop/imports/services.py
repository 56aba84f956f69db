"""Bringing records in from Excel: upload and check (the preview), then apply on confirmation.

An upload is checked in full before anything is saved; the preview (rows to create, to update,
unchanged, and errors with their sheet, row and column) is kept on the batch. Confirming
checks the file again against the database as it is then and applies every row in one
transaction, or none when any row fails. A batch is applied once: a second confirmation (a
double click, a retry) finds it applied and changes nothing, and the same file uploaded again
finds every row unchanged. Files above ``settings.IMPORT_BACKGROUND_ROWS`` rows are checked and
applied by the background worker, which shows its progress on the batch and tells the user
when it is done.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from phoihop.attachments.checks import OOXML, sniff
from phoihop.imports import access, kinds
from phoihop.imports.checking import Issue, Preview
from phoihop.imports.models import ImportBatch
from phoihop.imports.workbooks import FileError, count_rows, open_workbook
from phoihop.vn.text import clean

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.imports.access import ImportTarget

XLSX = OOXML["xl/workbook.xml"]
# How long a checked workbook waits for its confirmation before its file is let go.
KEEP_UNCONFIRMED = datetime.timedelta(days=7)


def _check_upload(upload: UploadedFile) -> str:
    """The upload rules of attachments (size limit, type judged by content), and a workbook."""
    if not upload.size:
        raise ValidationError(_("Tệp rỗng."))
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (tối đa %(mb)s MB).")
            % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    stream = upload.file
    assert stream is not None
    if sniff(stream) != XLSX:
        raise ValidationError(_("Tệp phải là bảng tính Excel (.xlsx) theo mẫu của hệ thống."))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def import_upload(
    *,
    actor: User,
    kind: str,
    upload: UploadedFile,
    target: ImportTarget | None = None,
    background: bool | None = None,
) -> ImportBatch:
    """Keep the uploaded workbook and check it: now, or by the worker when it is large (or when
    ``background`` says so). Nothing but the batch is saved."""
    if not access.can_import(actor, kind, target):
        raise PermissionDenied
    digest = _check_upload(upload)
    try:
        wb = open_workbook(upload.file)  # type: ignore[arg-type]
        rows = count_rows(wb, kinds.module(kind).specs(target))
        wb.close()
    except FileError as exc:
        raise ValidationError(
            _(exc.message) % exc.params if exc.params else _(exc.message)
        ) from None
    upload.seek(0)
    if background is None:
        background = rows > settings.IMPORT_BACKGROUND_ROWS
    with transaction.atomic():
        batch = ImportBatch(
            kind=kind,
            target_id=target.pk if target is not None else None,
            original_name=clean(upload.name or "tep.xlsx")[:255],
            size=upload.size or 0,
            sha256=digest,
            row_count=rows,
            uploaded_by=actor,
            background=background,
        )
        batch.file.save("upload.xlsx", upload, save=False)
        batch.save()
        if background:
            batch_id = batch.pk
            transaction.on_commit(lambda: _enqueue("check", batch_id))
    if not background:
        batch = import_check(batch_id=batch.pk) or batch
    return batch


def _enqueue(step: str, batch_id: int) -> None:
    from phoihop.imports import tasks

    (tasks.check_import if step == "check" else tasks.apply_import).enqueue(batch_id)


def _progress(batch_id: int, value: int) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(progress=min(max(value, 0), 99))


class _Rollback(Exception):
    def __init__(self, preview: Preview) -> None:
        self.preview = preview


def _run(batch: ImportBatch, *, commit: bool) -> Preview:
    def progress(value: int) -> None:
        if batch.background:
            _progress(batch.pk, value)

    with batch.file.open("rb") as stream:
        return _run_stream(
            batch.kind,
            stream,
            actor=batch.uploaded_by,
            target=kinds.target_of(batch.kind, batch.target_id),
            commit=commit,
            progress=progress,
        )


def _run_stream(
    kind: str,
    stream: IO[bytes],
    *,
    actor: User,
    target: ImportTarget | None = None,
    commit: bool,
    progress: Callable[[int], None] | None = None,
) -> Preview:
    """Check a workbook against the database and write its rows in a savepoint, kept only when
    ``commit`` and no row failed: a check is a rehearsal of the apply, so what the services
    would refuse shows in the preview."""
    module = kinds.module(kind)
    try:
        wb = open_workbook(stream)
        try:
            # The check only reads, so its progress shows while it runs; the writes that
            # follow show theirs once their transaction ends.
            plan = module.check(wb, actor=actor, target=target, progress=progress)
            with transaction.atomic():
                module.apply(plan, actor=actor, progress=progress)
                if not commit or plan.preview.has_errors:
                    raise _Rollback(plan.preview)
                return plan.preview  # type: ignore[no-any-return]
        finally:
            wb.close()
    except _Rollback as rolled_back:
        return rolled_back.preview
    except FileError as exc:
        return Preview(file_issues=[Issue(message=exc.message, params=exc.params)])


def import_file(
    *, actor: User, kind: str, path: str, dry_run: bool, target: ImportTarget | None = None
) -> Preview:
    """The command line's import (``manage.py import_records``): the same checks as an upload,
    then the rows applied in one transaction unless ``dry_run`` or any row has an error."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    if not access.can_import(actor, kind, target):
        raise PermissionDenied
    with open(path, "rb") as f:
        upload = SimpleUploadedFile(path, f.read())
    _check_upload(upload)
    upload.seek(0)
    assert upload.file is not None  # made from the bytes just read
    return _run_stream(kind, upload.file, actor=actor, target=target, commit=not dry_run)


def kind_of_workbook(path: str) -> str | None:
    """The kind of records a workbook holds, known by its data sheets' names."""
    from phoihop.vn.text import fold

    with open(path, "rb") as f:
        try:
            wb = open_workbook(f)
        except FileError:
            return None
        names = {fold(n) for n in wb.sheetnames}
        wb.close()
    for kind, module in kinds.MODULES.items():
        if all(fold(spec.name) in names for spec in module.specs(None)):
            return kind
    return None


def import_check(*, batch_id: int) -> ImportBatch | None:
    """Check a pending batch (inline, or the worker) and keep its preview."""
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update()
            .filter(pk=batch_id)
            .select_related("uploaded_by")
            .first()
        )
        if batch is None or batch.status != ImportBatch.Status.PENDING:
            return batch
        batch.status = ImportBatch.Status.CHECKING
        batch.save(update_fields=["status"])
    try:
        preview = _run(batch, commit=False)
    except Exception as exc:
        _failed(batch, exc)
        raise
    batch.result = preview.as_dict()
    batch.status = ImportBatch.Status.CHECKED
    batch.checked_at = timezone.now()
    batch.progress = 100
    batch.save(update_fields=["result", "status", "checked_at", "progress"])
    if batch.background:
        _tell(batch, gettext_noop("Đã kiểm tra xong tệp nhập dữ liệu: %(name)s"))
    return batch


def import_confirm(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Apply a checked batch, once. A batch already applied (or being applied) is returned as it
    is; a batch with errors is refused."""
    if batch.uploaded_by_id != actor.pk or not access.can_import(
        actor, batch.kind, kinds.target_of(batch.kind, batch.target_id)
    ):
        raise PermissionDenied
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update().select_related("uploaded_by").get(pk=batch.pk)
        )
        if batch.status in (ImportBatch.Status.APPLIED, ImportBatch.Status.APPLYING):
            return batch
        if batch.file_removed:
            raise ValidationError(
                _(
                    "Tệp này chưa được xác nhận trong %(days)s ngày nên đã được dọn đi; "
                    "hãy tải lên lại."
                )
                % {"days": KEEP_UNCONFIRMED.days}
            )
        if not batch.can_confirm:
            raise ValidationError(
                _("Tệp còn lỗi hoặc chưa kiểm tra xong; sửa tệp rồi tải lên lại.")
            )
        if batch.background:
            batch.status = ImportBatch.Status.APPLYING
            batch.progress = 0
            batch.save(update_fields=["status", "progress"])
            batch_id = batch.pk
            transaction.on_commit(lambda: _enqueue("apply", batch_id))
            return batch
        _apply_locked(batch)
    return batch


def import_apply(*, batch_id: int) -> ImportBatch | None:
    """The worker's side of ``import_confirm`` for a large batch."""
    try:
        with transaction.atomic():
            batch = (
                ImportBatch.objects.select_for_update()
                .filter(pk=batch_id)
                .select_related("uploaded_by")
                .first()
            )
            if batch is None or batch.status != ImportBatch.Status.APPLYING:
                return batch
            _apply_locked(batch)
    except Exception as exc:
        # Nothing of the rows was kept (one transaction); the batch says it failed.
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportBatch.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    _tell(
        batch,
        gettext_noop("Đã nhập xong dữ liệu từ tệp: %(name)s")
        if batch.status == ImportBatch.Status.APPLIED
        else gettext_noop("Không nhập được tệp vì dữ liệu đã thay đổi, xem lỗi: %(name)s"),
    )
    return batch


def _apply_locked(batch: ImportBatch) -> None:
    """Check again and apply, inside the caller's transaction holding the batch's row."""
    preview = _run(batch, commit=True)
    batch.result = preview.as_dict()
    batch.progress = 100
    if preview.has_errors:
        # The registry changed since the preview: the rows are not applied, the new errors shown.
        batch.status = ImportBatch.Status.CHECKED
        batch.checked_at = timezone.now()
    else:
        batch.status = ImportBatch.Status.APPLIED
        batch.applied_at = timezone.now()
    batch.save(update_fields=["result", "progress", "status", "checked_at", "applied_at"])


def import_files_remove_stale(
    *,
    unconfirmed_after: datetime.timedelta = KEEP_UNCONFIRMED,
    now: datetime.datetime | None = None,
) -> int:
    """Let go of the workbooks no longer needed: those applied or failed, and those waiting (or
    refused) longer than ``unconfirmed_after`` without a confirmation. The batch, its preview and
    its counts stay as the record of the import; only the file goes. How many files went."""
    cutoff = (now or timezone.now()) - unconfirmed_after
    done = [ImportBatch.Status.APPLIED, ImportBatch.Status.FAILED]
    waiting = [ImportBatch.Status.PENDING, ImportBatch.Status.CHECKED]
    candidates = (
        ImportBatch.objects.exclude(file="")
        .filter(Q(status__in=done) | Q(status__in=waiting, created_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    removed = 0
    for pk in list(candidates.iterator()):
        with transaction.atomic():
            # Looked at again under its lock: a confirmation may have started meanwhile.
            batch = ImportBatch.objects.select_for_update().filter(pk=pk).first()
            if batch is None or not batch.file:
                continue
            if batch.status not in done and not (
                batch.status in waiting and batch.created_at < cutoff
            ):
                continue
            name = batch.file.name
            batch.file = ""
            batch.save(update_fields=["file"])
            storage = batch.file.storage
            transaction.on_commit(functools.partial(storage.delete, name))
        removed += 1
    return removed


def _failed(batch: ImportBatch, exc: Exception) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
    )


def _tell(batch: ImportBatch, title: str) -> None:
    from phoihop.notifications.services import notify

    notify(
        users=[batch.uploaded_by],
        kind="import_done",
        title=_(title) % {"name": batch.original_name},
        url=reverse("imports:batch", args=[batch.pk]),
        key=f"import-{batch.pk}-{batch.status}",
        obj=batch,
    )
