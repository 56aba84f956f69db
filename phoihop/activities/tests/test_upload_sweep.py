"""Files left by a process killed between writing an upload and committing its row are found
and removed; files of attachments, and files too young to judge, are kept."""

from __future__ import annotations

import datetime
import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from phoihop.attachments.uploads import orphan_uploads

pytestmark = pytest.mark.django_db


def test_it_removes_only_old_files_no_attachment_names(users, orgs, task):
    from phoihop.activities.services import activity_save
    from phoihop.activities.tests.test_submission import jpeg
    from phoihop.attachments.models import Attachment

    saved = activity_save(
        actor=users["alice"], task=task, activity=None, organizations=[orgs["district"]],
        fields={"title": "Hội thi", "start_date": datetime.date(2024, 3, 1)}, photos=[jpeg()],
    )
    kept = Path(settings.MEDIA_ROOT) / Attachment.objects.get(object_id=saved.activity.pk).file.name
    folder = Path(settings.MEDIA_ROOT) / "attachments" / "2024" / "03"
    folder.mkdir(parents=True, exist_ok=True)
    left, fresh = folder / "left-by-a-killed-worker", folder / "being-written-now"
    left.write_bytes(b"photo")
    fresh.write_bytes(b"photo")
    hour_ago = time.time() - 2 * 3600
    for path in (left, kept):
        os.utime(path, (hour_ago, hour_ago))

    assert orphan_uploads() == ["attachments/2024/03/left-by-a-killed-worker"]
    out = io.StringIO()
    call_command("sweep_uploads", "--dry-run", stdout=out)
    assert left.exists() and "1 tệp không thuộc bản ghi nào (chưa xóa)." in out.getvalue()
    call_command("sweep_uploads", stdout=out)
    assert not left.exists() and kept.exists() and fresh.exists()
    assert "Đã xóa 1 tệp không thuộc bản ghi nào." in out.getvalue()
    fresh.unlink()
