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
import os
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from phoihop.core.models import Attachment

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
