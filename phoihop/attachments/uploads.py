"""Uploaded files that no attachment names, and their removal.

A form that saves rows and files together (the activity form with its photos) writes the files
inside its transaction and deletes them again when the transaction fails. Only a process killed
outright between writing a file and committing can leave one behind: nothing names it, nobody
can reach it. ``orphan_uploads_remove`` finds such files by comparing the upload folder with the
attachment rows and deletes those older than any transaction can be, so it is safe to run while
the site is in use (from cron or a systemd timer, ``manage.py sweep_uploads``).
"""

from __future__ import annotations

import datetime
import mimetypes
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.functional import Promise
from django.utils.text import get_valid_filename

from phoihop.attachments.models import Attachment

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Attachments live under this folder of MEDIA_ROOT (core.models.attachment_path).
FOLDER = "attachments"
# A file younger than this may belong to a transaction still running: left alone.
MIN_AGE = datetime.timedelta(hours=1)
_BATCH = 500


def _files(root: Path, older_than: datetime.timedelta) -> Iterator[tuple[str, Path]]:
    cutoff = time.time() - older_than.total_seconds()
    base = root / FOLDER
    if not base.is_dir():
        return
    for folder, _dirs, names in os.walk(base):
        for name in names:
            path = Path(folder) / name
            try:
                if path.stat().st_mtime > cutoff:
                    continue
            except FileNotFoundError:  # removed meanwhile
                continue
            yield path.relative_to(root).as_posix(), path


def orphan_uploads(*, older_than: datetime.timedelta = MIN_AGE) -> list[str]:
    """The uploaded files (names relative to MEDIA_ROOT) that no attachment row names."""
    root = Path(settings.MEDIA_ROOT)
    found: list[str] = []
    batch: dict[str, Path] = {}

    def flush() -> None:
        named = set(Attachment._base_manager.filter(file__in=list(batch)).values_list("file", flat=True))
        found.extend(sorted(n for n in batch if n not in named))
        batch.clear()

    for name, path in _files(root, older_than):
        batch[name] = path
        if len(batch) >= _BATCH:
            flush()
    if batch:
        flush()
    return found


def orphan_uploads_remove(*, older_than: datetime.timedelta = MIN_AGE) -> list[str]:
    """Delete the files ``orphan_uploads`` finds; the names deleted."""
    root = Path(settings.MEDIA_ROOT)
    removed = []
    for name in orphan_uploads(older_than=older_than):
        # Looked up once more, one by one: a row committed since the batch query keeps its file.
        if Attachment._base_manager.filter(file=name).exists():
            continue
        try:
            (root / name).unlink()
        except FileNotFoundError:
            continue
        removed.append(name)
    return removed


# Files sent with a form that was refused (a missing title, a wrong date) are kept here, under
# a random token, so the form can offer them again instead of asking the user to pick them once
# more. They belong to the user who sent them, are never served, and are read back only by that
# user's next submit (which stores them as attachments, with every upload check) or removed by
# ``pending_uploads_remove_stale`` after PENDING_MAX_AGE.
PENDING_FOLDER = "pending"
PENDING_MAX_AGE = datetime.timedelta(days=1)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str
    size: int


def _pending_dir(user_id: int, token: str) -> Path | None:
    if not _TOKEN.match(token or ""):
        return None
    return Path(settings.MEDIA_ROOT) / PENDING_FOLDER / str(int(user_id)) / token


def pending_upload_store(*, user: User, upload: UploadedFile) -> PendingUpload:
    """Keep one uploaded file for the user's next submit of the same form."""
    token = secrets.token_urlsafe(16)
    folder = _pending_dir(user.pk, token)
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    name = get_valid_filename(os.path.basename(upload.name or "")) or "file"
    with open(folder / name[:150], "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return PendingUpload(token=token, name=name[:150], size=upload.size or 0)


def _pending_file(user: User, token: str) -> Path | None:
    folder = _pending_dir(user.pk, token)
    if folder is None or not folder.is_dir():
        return None
    files = [p for p in folder.iterdir() if p.is_file()]
    return files[0] if len(files) == 1 else None


def pending_uploads(*, user: User, tokens: Iterable[str]) -> list[PendingUpload]:
    """The user's kept files named by ``tokens`` (unknown or someone else's are left out)."""
    found = []
    for token in dict.fromkeys(tokens):
        path = _pending_file(user, token)
        if path is not None:
            found.append(PendingUpload(token=token, name=path.name, size=path.stat().st_size))
    return found


def pending_upload_open(*, user: User, token: str) -> UploadedFile | None:
    """A kept file as an upload again (the caller stores it, then calls ``pending_upload_remove``)."""
    path = _pending_file(user, token)
    if path is None:
        return None
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type=content_type)


def pending_upload_remove(*, user: User, token: str) -> None:
    folder = _pending_dir(user.pk, token)
    if folder is not None and folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def pending_uploads_remove_stale(*, older_than: datetime.timedelta = PENDING_MAX_AGE) -> int:
    """Remove kept files older than ``older_than`` (run by ``sweep_uploads``); how many."""
    base = Path(settings.MEDIA_ROOT) / PENDING_FOLDER
    if not base.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for user_dir in base.iterdir():
        if not user_dir.is_dir():
            continue
        for folder in user_dir.iterdir():
            try:
                if folder.stat().st_mtime > cutoff:
                    continue
            except FileNotFoundError:
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


# Files other apps keep for a while and then let go (an import's uploaded workbook), removed by
# the same ``sweep_uploads`` run; each app registers its sweep in its ``apps.py``. A sweep
# returns how many files it removed.
_SWEEPS: list[tuple[str | Promise, Callable[[], int]]] = []


def register_sweep(label: str | Promise, sweep: Callable[[], int]) -> None:
    """``label``: what the files are, shown beside the count (a lazy translation)."""
    if all(existing is not sweep for _label, existing in _SWEEPS):
        _SWEEPS.append((label, sweep))


def registered_sweeps() -> list[tuple[str | Promise, Callable[[], int]]]:
    return list(_SWEEPS)
