"""Files of a refused form are kept for their owner only, read back once, and swept when old."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from phoihop.attachments import uploads


@pytest.mark.django_db
def test_it_keeps_a_file_for_its_owner_only(users):
    kept = uploads.pending_upload_store(user=users["alice"], upload=SimpleUploadedFile("../ảnh hội thi.jpg", b"abc"))
    assert kept.size == 3 and "/" not in kept.name and ".." not in kept.name
    assert uploads.pending_uploads(user=users["alice"], tokens=[kept.token, "x" * 22, "../../etc"]) == [kept]
    assert uploads.pending_uploads(user=users["bob"], tokens=[kept.token]) == []
    assert uploads.pending_upload_open(user=users["bob"], token=kept.token) is None
    opened = uploads.pending_upload_open(user=users["alice"], token=kept.token)
    assert opened is not None and opened.read() == b"abc" and opened.name == kept.name
    uploads.pending_upload_remove(user=users["alice"], token=kept.token)
    assert uploads.pending_uploads(user=users["alice"], tokens=[kept.token]) == []


@pytest.mark.django_db
def test_it_sweeps_kept_files_older_than_a_day_and_leaves_new_ones(users):
    old = uploads.pending_upload_store(user=users["alice"], upload=SimpleUploadedFile("cu.jpg", b"1"))
    new = uploads.pending_upload_store(user=users["alice"], upload=SimpleUploadedFile("moi.jpg", b"2"))
    folder = Path(settings.MEDIA_ROOT) / uploads.PENDING_FOLDER / str(users["alice"].pk) / old.token
    two_days_ago = time.time() - datetime.timedelta(days=2).total_seconds()
    os.utime(folder, (two_days_ago, two_days_ago))
    assert uploads.pending_uploads_remove_stale() == 1
    assert uploads.pending_uploads(user=users["alice"], tokens=[old.token, new.token]) == [new]
    # Kept files are no attachments: the orphan sweep does not look at them.
    assert not any(uploads.PENDING_FOLDER in name for name in uploads.orphan_uploads(older_than=datetime.timedelta(0)))
