"""Uploaded workbooks are let go once they are no longer needed; the import's record stays."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from phoihop.imports.models import ImportBatch
from phoihop.imports.services import import_files_remove_stale
from phoihop.imports.tests.test_views import ROW, post_file
from phoihop.imports.tests.workbook_files import filled
from phoihop.orgs.models import Organization


def _checked(client: Any, *, days_ago: int = 0) -> ImportBatch:
    post_file(client, filled([ROW]))
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportBatch.Status.CHECKED and batch.file
    if days_ago:
        ImportBatch.objects.filter(pk=batch.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days_ago)
        )
    return batch


def test_it_removes_an_applied_workbook_and_keeps_the_record(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = login(users["staff"])
    batch = _checked(client)
    client.post(reverse("imports:confirm", args=[batch.pk]))
    path = Path(batch.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert import_files_remove_stale() == 1
    batch.refresh_from_db()
    assert not path.exists() and batch.file_removed
    assert batch.status == ImportBatch.Status.APPLIED and batch.counts["create"] == 1
    body = client.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "data-applied" in body and 'data-count="create">1<' in body
    with django_capture_on_commit_callbacks(execute=True):
        assert import_files_remove_stale() == 0


def test_it_keeps_a_workbook_waiting_for_confirmation_for_a_week(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = login(users["staff"])
    fresh = _checked(client, days_ago=6)
    stale = _checked(client, days_ago=8)
    with django_capture_on_commit_callbacks(execute=True):
        assert import_files_remove_stale() == 1
    fresh.refresh_from_db()
    stale.refresh_from_db()
    assert fresh.file and Path(fresh.file.path).exists() and stale.file_removed


def test_it_refuses_to_confirm_a_workbook_let_go_and_says_to_upload_again(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = login(users["staff"])
    batch = _checked(client, days_ago=8)
    with django_capture_on_commit_callbacks(execute=True):
        import_files_remove_stale()
    page = reverse("imports:batch", args=[batch.pk])
    body = client.get(page).content.decode()
    assert "data-removed" in body and "Xác nhận nhập dữ liệu" not in body
    assert 'data-count="create">1<' in body
    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert "chưa được xác nhận trong 7 ngày nên đã được dọn đi" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    assert not Organization.objects.filter(name=ROW[0]).exists()


def test_it_is_swept_by_the_uploads_sweep(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    batch = _checked(login(users["staff"]), days_ago=8)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_uploads", stdout=out)
    assert "Tệp nhập dữ liệu đã xong hoặc quá hạn xác nhận: đã xóa 1 tệp." in out.getvalue()
    batch.refresh_from_db()
    assert batch.file_removed
