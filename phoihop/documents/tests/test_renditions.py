"""A PDF beside every Word download: made by LibreOffice in a background job, offered when
ready, kept while the Word file is unchanged, and honest when the server has no LibreOffice."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse

from phoihop.documents.file_models import PdfRendition

pytestmark = pytest.mark.django_db

FAKE_PDF = b"%PDF-1.4\n% made in the test\n%%EOF\n"


@pytest.fixture
def converter(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """LibreOffice stood in for: records each Word file it is given and returns a small PDF."""
    calls: list[bytes] = []

    def to_pdf(docx: bytes, **kwargs: Any) -> bytes:
        assert docx.startswith(b"PK")
        calls.append(docx)
        return FAKE_PDF

    monkeypatch.setattr("phoihop.documents.renditions.soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("phoihop.documents.pdf.to_pdf", to_pdf)
    return calls


def _review(agreement: Any, users: dict[str, Any]) -> Any:
    from phoihop.reviews.services import review_create

    return review_create(actor=users["alice"], agreement=agreement, kind="interim",
                         period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31))


def test_it_makes_the_pdf_in_a_job_and_offers_it_when_ready(
    login: Any, users: dict[str, Any], agreement: Any, converter: list[bytes], django_capture_on_commit_callbacks: Any
) -> None:
    from phoihop.audit.models import AuditEvent

    client = login(users["bob"])  # reading is enough: the Word download's rule
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("document_files:agreement_pdf", args=[agreement.pk]))
    job = PdfRendition.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("document_files:pdf", args=[job.pk])
    assert job.status == "done" and job.docx is None and job.content is not None and bytes(job.content) == FAKE_PDF
    assert job.filename.endswith(".pdf") and len(converter) == 1
    page = client.get(response["Location"]).content.decode()
    assert "Tải bản PDF" in page and reverse("document_files:pdf_download", args=[job.pk]) in page
    file = client.get(reverse("document_files:pdf_download", args=[job.pk]))
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf" and file.content == FAKE_PDF
    assert f'filename="{job.filename}"' in file["Content-Disposition"]
    assert AuditEvent.objects.filter(action="document_download", detail=job.filename).exists()


def test_it_keeps_the_pdf_while_the_word_file_is_unchanged(
    login: Any, users: dict[str, Any], agreement: Any, converter: list[bytes], django_capture_on_commit_callbacks: Any
) -> None:
    client = login(users["alice"])
    url = reverse("document_files:agreement_pdf", args=[agreement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(url)
    assert again.status_code == 200 and again.content == FAKE_PDF
    assert len(converter) == 1 and PdfRendition.objects.count() == 1


def test_it_makes_a_new_pdf_when_the_record_changes_and_drops_the_old_one(
    login: Any, users: dict[str, Any], agreement: Any, converter: list[bytes], django_capture_on_commit_callbacks: Any
) -> None:
    from phoihop.agreements.models import Agreement

    client = login(users["alice"])
    url = reverse("document_files:agreement_pdf", args=[agreement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    first = PdfRendition.objects.get()
    Agreement.objects.filter(pk=agreement.pk).update(title="Chương trình phối hợp công tác dân vận")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    second = PdfRendition.objects.get()
    assert second.pk != first.pk and second.docx_sha256 != first.docx_sha256
    assert response["Location"] == reverse("document_files:pdf", args=[second.pk])
    assert len(converter) == 2 and converter[0] != converter[1]


def test_it_shows_the_job_pending_until_the_worker_has_made_it(login: Any, users: dict[str, Any], agreement: Any, converter: list[bytes]) -> None:
    from phoihop.documents.renditions import pdf_build

    client = login(users["alice"])
    response = client.get(reverse("document_files:agreement_pdf", args=[agreement.pk]))
    job = PdfRendition.objects.get()
    assert job.status == "pending" and converter == []
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="pending"' in page and "hx-get" in page and "Đang chờ" in page
    # The file's address sends back to the page while it is not ready.
    assert client.get(reverse("document_files:pdf_download", args=[job.pk]))["Location"] == response["Location"]
    pdf_build(job_id=job.pk)
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="done"' in fragment and "hx-get" not in fragment and "<html" not in fragment


def test_it_shows_why_a_conversion_failed_and_tries_again(
    login: Any, users: dict[str, Any], agreement: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from phoihop.documents.pdf import ConversionError

    def broken(docx: bytes, **kwargs: Any) -> bytes:
        raise ConversionError("source file could not be loaded")

    monkeypatch.setattr("phoihop.documents.renditions.soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("phoihop.documents.pdf.to_pdf", broken)
    client = login(users["alice"])
    url = reverse("document_files:agreement_pdf", args=[agreement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    job = PdfRendition.objects.get()
    assert job.status == "failed" and job.docx is not None
    assert "LibreOffice không chuyển được văn bản sang PDF" in client.get(response["Location"]).content.decode()
    monkeypatch.setattr("phoihop.documents.pdf.to_pdf", lambda docx, **kw: FAKE_PDF)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    job.refresh_from_db()
    assert job.status == "done" and PdfRendition.objects.count() == 1


def test_it_says_the_server_lacks_libreoffice(login: Any, users: dict[str, Any], plan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("phoihop.documents.renditions.soffice_path", lambda: None)
    client = login(users["alice"])
    page = client.get(reverse("documents:agreement", args=[plan.agreement_id])).content.decode()
    assert page.count("data-pdf-missing") == 2  # the agreement and its plan
    assert "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF." in page and "disabled" in page
    response = client.get(reverse("document_files:plan_pdf", args=[plan.pk]), follow=True)
    assert "Máy chủ chưa cài LibreOffice" in response.content.decode()
    assert not PdfRendition.objects.exists()


def test_it_offers_a_pdf_beside_each_word_download(login: Any, users: dict[str, Any], plan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("phoihop.documents.renditions.soffice_path", lambda: "/usr/bin/soffice")
    client = login(users["bob"])
    page = client.get(reverse("documents:agreement", args=[plan.agreement_id])).content.decode()
    assert reverse("document_files:agreement_pdf", args=[plan.agreement_id]) in page
    assert reverse("document_files:plan_pdf", args=[plan.pk]) in page
    assert reverse("document_files:plan_pdf", args=[plan.pk]) in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()


def test_it_makes_the_pdf_of_a_plan_and_a_review_report(
    login: Any, users: dict[str, Any], plan: Any, converter: list[bytes], django_capture_on_commit_callbacks: Any
) -> None:
    review = _review(plan.agreement, users)
    client = login(users["alice"])
    page = client.get(review.get_absolute_url()).content.decode()
    for name, pk in (("plan_pdf", plan.pk), ("review_pdf", review.pk)):
        url = reverse(f"document_files:{name}", args=[pk])
        if name != "plan_pdf":
            assert url in page
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(url)
        assert response.status_code == 302, name
    assert reverse("document_files:commendations_pdf", args=[review.pk]) in page
    assert sorted(PdfRendition.objects.values_list("source", flat=True)) == ["plan", "review_report"]
    assert all(j.status == "done" for j in PdfRendition.objects.all())


def test_it_hides_the_pdf_from_whoever_does_not_see_the_record(
    login: Any, users: dict[str, Any], agreement: Any, converter: list[bytes], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        login(users["alice"]).get(reverse("document_files:agreement_pdf", args=[agreement.pk]))
    job = PdfRendition.objects.get()
    client = login(users["charlie"])
    for url in (reverse("document_files:agreement_pdf", args=[agreement.pk]), reverse("document_files:pdf", args=[job.pk]),
                reverse("document_files:pdf_download", args=[job.pk]), reverse("document_files:pdf", args=[987654])):
        assert client.get(url).status_code == 404, url
    assert PdfRendition.objects.count() == 1


def test_it_converts_the_agreement_with_libreoffice(agreement: Any, users: dict[str, Any], soffice: str) -> None:
    from pypdf import PdfReader

    from phoihop.documents.renditions import pdf_build, pdf_request

    requested = pdf_request(actor=users["alice"], source_name="agreement", record=agreement)
    job = pdf_build(job_id=requested.pk)
    assert job is not None and job.status == "done" and job.content is not None, job.error if job else None
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(job.content))).pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_it_offers_the_commendation_decision_and_submission_as_pdf_and_refuses_an_empty_list(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any, converter: list[bytes],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from phoihop.reviews import services
    from phoihop.reviews.models import Commendation

    review = _review(agreement, users)
    client = login(users["alice"])
    empty = client.get(reverse("document_files:commendation_decision_pdf", args=[review.pk]), follow=True)
    assert empty.redirect_chain[-1][0] == reverse("reviews:commendation_documents", args=[review.pk])
    assert "alert" in empty.content.decode() and not PdfRendition.objects.exists() and converter == []
    services.commendation_propose(actor=users["alice"], review=review, fields={
        "organization": orgs["board"], "form": Commendation.Form.CERTIFICATE,
        "authority": "Chỉ huy trưởng Ban CHQS Quận 4", "reason": "Phối hợp tốt trong tuyên truyền quốc phòng",
    })
    page = client.get(reverse("reviews:commendation_documents", args=[review.pk])).content.decode()
    for name in ("commendation_decision_pdf", "commendation_submission_pdf", "commendations_pdf"):
        url = reverse(f"document_files:{name}", args=[review.pk])
        assert url in page, name
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(url).status_code == 302, name
    assert sorted(PdfRendition.objects.values_list("source", flat=True)) == [
        "commendation_decision", "commendation_submission", "commendations"]
    assert all(j.status == "done" and j.filename.endswith(".pdf") for j in PdfRendition.objects.all())


def test_the_same_document_written_at_another_moment_finds_its_pdf(agreement: Any) -> None:
    """The cache key is what the .docx holds: a zip's entries carry the time they were written,
    so the bytes of the same document differ from one second to the next."""
    import hashlib
    import io
    import zipfile

    from phoihop.documents.official import render_docx
    from phoihop.documents.renditions import content_hash
    from phoihop.plans.documents import agreement_document

    first = render_docx(agreement_document(agreement))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(first)) as source, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0)), source.read(info.filename))
    later = rewritten.getvalue()
    assert hashlib.sha256(later).digest() != hashlib.sha256(first).digest()
    assert content_hash(later) == content_hash(first) == content_hash(render_docx(agreement_document(agreement)))
    # A change of the record is a change of the key.
    agreement.title += " (sửa)"
    assert content_hash(render_docx(agreement_document(agreement))) != content_hash(first)
