"""The review's Word report and Excel annex: long titles, and wide reviews made by the worker
with progress, a notification, one job per review version, and the same audited download."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from docx import Document

from phoihop.reviews import services
from phoihop.reviews.models import ReviewDocument

QUEUE = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
LONG_TITLE = " ".join(
    ["Chương trình phối hợp thực hiện công tác tuyên truyền, giáo dục quốc phòng và an ninh, dân vận khéo"] * 5
)[:399] + "."


def _text(doc: Any) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def _write(review: Any, users: dict[str, Any]) -> None:
    services.review_update(actor=users["alice"], review=review, fields={"situation": "Tình hình", "results": "Kết quả", "directions": "Phương hướng"})


def test_it_makes_the_report_of_an_agreement_with_a_400_character_title(login: Any, users: dict[str, Any], review: Any) -> None:
    from openpyxl import load_workbook

    from phoihop.agreements.models import Agreement

    assert len(LONG_TITLE) == 400
    # Without a number, the report cites the agreement by its title.
    Agreement.objects.filter(pk=review.agreement_id).update(title=LONG_TITLE, number_symbol="")
    client = login(users["bob"])
    response = client.get(reverse("reviews:download_docx", args=[review.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    title = doc.core_properties.title
    assert len(title) <= 255 and title.endswith("…") and title.startswith("Sơ kết năm 2024 việc thực hiện Chương trình phối hợp thực hiện công tác")
    assert LONG_TITLE in _text(doc)
    response = client.get(reverse("reviews:download_xlsx", args=[review.pk]))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Theo nội dung", "Theo bên tham gia", "Chỉ tiêu"]


@pytest.fixture
def wide(monkeypatch: Any, review: Any, users: dict[str, Any], orgs: dict[str, Any]) -> Any:
    """The review with a second agreement, and the threshold lowered so that two are "wide"."""
    from phoihop.testing.builders import make_agreement

    other = make_agreement(
        actor=users["alice"], parties=[orgs["district"], orgs["board"]], kind="plan", title=LONG_TITLE,
        period_start=2024, period_end=2024,
    )
    review.agreements.add(other)
    monkeypatch.setattr(services, "BACKGROUND_AGREEMENTS", 1)
    _write(review, users)
    return review


def test_it_makes_a_small_review_while_the_user_waits(login: Any, users: dict[str, Any], review: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(services, "BACKGROUND_AGREEMENTS", 1)
    client = login(users["bob"])
    assert "data-background" not in client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    response = client.get(reverse("reviews:download_docx", args=[review.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert not ReviewDocument.objects.exists()


@QUEUE
def test_it_makes_a_wide_review_in_the_background_once_per_version(
    login: Any, users: dict[str, Any], wide: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from phoihop.audit.models import AuditEvent
    from phoihop.notifications.models import Notification
    from phoihop.reviews.tasks import build_review_document

    client = login(users["bob"])
    assert "data-background" in client.get(reverse("reviews:detail", args=[wide.pk])).content.decode()
    url = reverse("reviews:download_docx", args=[wide.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(url)
        again = client.get(url)  # a double click
    job = ReviewDocument.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == reverse("reviews:document", args=[job.pk])
    assert DBTaskResult.objects.count() == 1
    assert (job.status, job.requested_by, job.kind) == ("pending", users["bob"], "report_docx")
    page = client.get(first["Location"]).content.decode()
    assert 'data-status="pending"' in page and 'hx-trigger="every 2s"' in page
    # The worker runs it.
    with django_capture_on_commit_callbacks(execute=True):
        build_review_document.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.progress, job.filename) == ("done", 100, "so-ket-nam-2024-bao-cao.docx")
    partial = client.get(first["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="document-status"') and "hx-trigger" not in partial
    assert reverse("reviews:document_file", args=[job.pk]) in partial
    note = Notification.objects.get(user=users["bob"], kind="document_ready")
    assert note.url == reverse("reviews:document", args=[job.pk])
    # Stored, downloaded through the review's access check, and audited like every download.
    response = client.get(reverse("reviews:document_file", args=[job.pk]))
    assert response.status_code == 200
    assert LONG_TITLE in _text(Document(io.BytesIO(response.content)))
    assert AuditEvent.objects.filter(action="document_download", detail="so-ket-nam-2024-bao-cao.docx").count() == 1
    # Asked again for the same version: the stored file at once, no new job.
    response = client.get(url)
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert ReviewDocument.objects.count() == 1 and DBTaskResult.objects.count() == 1
    # Running the job twice changes nothing.
    build_review_document.call(job.pk)
    assert Notification.objects.filter(kind="document_ready").count() == 1
    for username in ("charlie", "subordinate"):
        outsider = login(users[username])
        assert outsider.get(reverse("reviews:document", args=[job.pk])).status_code == 404
        assert outsider.get(reverse("reviews:document_file", args=[job.pk])).status_code == 404


@QUEUE
def test_it_makes_a_new_document_when_the_review_changes_and_retries_a_failed_one(
    users: dict[str, Any], wide: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        job = services.review_document_request(actor=users["bob"], review=wide, kind=ReviewDocument.Kind.ANNEX)
    ReviewDocument.objects.filter(pk=job.pk).update(status=ReviewDocument.Status.FAILED, error="boom")
    with django_capture_on_commit_callbacks(execute=True):
        retried = services.review_document_request(actor=users["bob"], review=wide, kind=ReviewDocument.Kind.ANNEX)
    assert retried.pk == job.pk and retried.status == "pending" and DBTaskResult.objects.count() == 2
    services.review_update(actor=users["alice"], review=wide, fields={"situation": "Tình hình đã sửa"})
    with django_capture_on_commit_callbacks(execute=True):
        newer = services.review_document_request(actor=users["bob"], review=wide, kind=ReviewDocument.Kind.ANNEX)
    assert newer.pk != job.pk
    services.review_document_build(job_id=newer.pk)
    newer.refresh_from_db()
    assert newer.status == "done" and newer.filename.endswith("phu-luc.xlsx")
    assert newer.content is not None and bytes(newer.content)[:2] == b"PK"


def test_it_names_the_main_agreement_and_counts_the_others_in_a_wide_reports_title(review: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.documents.official import Paragraph
    from phoihop.reviews.documents import report_document
    from phoihop.testing.builders import make_agreement

    others = [
        make_agreement(
            actor=users["alice"], parties=[orgs["district"], orgs["board"]], kind="plan", title=f"Kế hoạch phối hợp số {n}",
            period_start=2024, period_end=2024,
        )
        for n in range(1, 5)
    ]
    review.agreements.add(*others[:2])
    # Each agreement cited by its number and date where it has them, by its title otherwise.
    assert report_document(review).title == (
        "Sơ kết năm 2024 việc thực hiện Chương trình phối hợp số 03/CTr-BCHQS-BTGQU ngày 15/09/2022 "
        "giai đoạn 2022-2025; Kế hoạch phối hợp số 1 năm 2024; Kế hoạch phối hợp số 2 năm 2024"
    )
    review.agreements.add(*others[2:])
    document = report_document(review)
    assert document.title == (
        "Sơ kết năm 2024 việc thực hiện Chương trình phối hợp số 03/CTr-BCHQS-BTGQU ngày 15/09/2022 "
        "giai đoạn 2022-2025 và 4 văn bản phối hợp khác"
    )
    opening = document.body[0]
    assert isinstance(opening, Paragraph)
    assert all(f"Kế hoạch phối hợp số {n}" in opening.text for n in range(1, 5))


def _all_text(document: Any) -> str:
    from phoihop.documents.official import Paragraph, Table, TableRow

    parts: list[str] = []
    for block in document.body:
        if isinstance(block, Paragraph):
            parts.append(block.text if isinstance(block.text, str) else "".join(r.text for r in block.text))
        elif isinstance(block, Table):
            parts.extend(str(c) for row in block.rows for c in (row.cells if isinstance(row, TableRow) else row))
        else:
            parts.append(getattr(block, "text", ""))
    return "\n".join(parts)


def test_it_reports_as_a_clerk_sends_it(review: Any, record_2024: dict[str, Any], users: dict[str, Any]) -> None:
    """Cited by number and date, addressed up with "Kính gửi", signed with the commander's title,
    the participants nobody counted said to be missing, inspections, reporting and commendations
    as on the review page, and the record's notes left out."""
    from phoihop.activities.models import Activity
    from phoihop.documents.checker import check_docx
    from phoihop.reviews.documents import report_document, review_report_docx

    # One of the three approved activities of 2024 has no count (A2, 50 people, in content area 1).
    Activity.objects.filter(task=record_2024["t1"], participants=50).update(participants=None)
    services.review_update(actor=users["alice"], review=review, fields={
        "situation": "Tình hình", "results": "Kết quả", "directions": "Phương hướng",
        "lessons": "Giao ban thường xuyên.\nDữ liệu mẫu minh họa: nội dung ghi để minh họa.",
    })
    review.refresh_from_db()
    document = report_document(review)
    assert document.title.startswith(
        "Sơ kết năm 2024 việc thực hiện Chương trình phối hợp số 03/CTr-BCHQS-BTGQU ngày 15/09/2022 giữa"
    )
    assert list(document.addressees) == ["Bộ Tư lệnh Thành phố Hồ Chí Minh"]
    assert list(document.recipients)[:2] == ["Như trên", "Ban Tuyên giáo Quận ủy Quận 4"]
    assert document.signers[0].lines("state") == ["CHỈ HUY TRƯỞNG"]
    assert document.place == "Quận 4"
    text = _all_text(document)
    assert "Có 1/3 hoạt động chưa ghi nhận số người tham gia; 130 lượt người là số của 2 hoạt động đã ghi nhận." in text
    assert "100 (1 hoạt động chưa ghi nhận)" in text  # content area 1 in the table
    assert " 0 lượt người" not in text
    assert "cuộc kiểm tra, giám sát" in text
    assert any(s in text for s in ("báo cáo gửi đúng hạn", "không quy định báo cáo định kỳ",
                                   "Chưa có dữ liệu trao đổi thông tin"))
    assert "khen thưởng" in text
    assert "Giao ban thường xuyên." in text and "Dữ liệu mẫu" not in text
    assert check_docx(review_report_docx(review)) == []


def test_it_shows_each_indicator_per_year_and_for_the_period_in_a_final_review(
    record_2024: dict[str, Any], users: dict[str, Any], agreement: Any
) -> None:
    from phoihop.documents.official import Table, TableRow
    from phoihop.plans.models import AnnualPlan
    from phoihop.plans.tests.helpers import indicator
    from phoihop.reviews.documents import report_document
    from phoihop.reviews.services import review_create

    plan25 = AnnualPlan.objects.get(agreement=agreement, year=2025)
    indicator(users["alice"], plan25.tasks.get(number=1), "Buổi tuyên truyền", "12")
    final = review_create(actor=users["alice"], agreement=agreement, kind="final",
                          period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2025, 12, 31))
    document = report_document(final)
    assert document.title.startswith("Tổng kết giai đoạn 2024 - 2025 việc thực hiện Chương trình phối hợp số")
    table = next(b for b in document.body if isinstance(b, Table) and "Cả giai đoạn" in b.columns)
    assert isinstance(table, Table)
    assert list(table.columns) == ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2024", "Năm 2025", "Cả giai đoạn"]
    rows = [r for r in table.rows if not isinstance(r, TableRow)]
    assert len(rows) == len(table.rows)  # one plain row per indicator, no group headings
    sessions = next(r for r in rows if r[1] == "Buổi tuyên truyền")
    # 2024: 4 + 3 approved of 10; 2025: none of 12; the period: 7 of 22.
    assert sessions[3:] == ["7/10", "0/12", "7/22 (31,8%)"]
