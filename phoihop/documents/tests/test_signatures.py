"""Signed copies: an officer uploads the signed document; every digital signature in a PDF is
verified with pyHanko (signer, time, altered or not, trusted root or not) and an altered file
is flagged on the record. The authority and the signatures are made in the test."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from phoihop.documents.file_models import SignedCopy
from phoihop.documents.tests.signing import (
    Authority,
    alter_signed_bytes,
    make_authority,
    plain_pdf,
    sign_pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def authority() -> Authority:
    return make_authority()


@pytest.fixture
def signed(authority: Authority, tmp_path: Path) -> bytes:
    return sign_pdf(plain_pdf(), authority, tmp_path / "keys")


@pytest.fixture
def trusted(authority: Authority, tmp_path: Path) -> Any:
    folder = tmp_path / "roots"
    authority.write_root(folder)
    with override_settings(SIGNATURE_TRUST_ROOTS_DIR=str(folder)):
        yield folder


def _post(client: Any, url: str, data: bytes, name: str = "ban-ky.pdf", *, follow: bool = False, **fields: Any) -> Any:
    return client.post(url, {"file": SimpleUploadedFile(name, data), **fields}, follow=follow)


def _upload_url(agreement: Any) -> str:
    return reverse("document_files:agreement_signed_upload", args=[agreement.pk])


def test_it_verifies_a_pdf_signed_with_a_certificate_from_a_trusted_root(
    login: Any, users: dict[str, Any], agreement: Any, signed: bytes, trusted: Path
) -> None:
    client = login(users["alice"])
    response = _post(client, _upload_url(agreement), signed)
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    copy = SignedCopy.objects.get()
    assert (copy.record, copy.kind, copy.verdict) == (agreement, "signed_pdf", "valid")
    [signature] = copy.signatures
    assert signature["signer"] == "Bộ Chỉ huy Quân sự tỉnh Hưng Yên"
    assert signature["intact"] and signature["trusted"] and signature["whole_file"] and not signature["altered"]
    assert signature["signed_at"].startswith(str(copy.uploaded_at.year))
    assert copy.attachment.kind == "signed_scan" and copy.attachment.mime_type == "application/pdf"
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Chữ ký số hợp lệ" in page and "Bộ Chỉ huy Quân sự tỉnh Hưng Yên" in page
    assert "Không bị sửa đổi sau khi ký" in page and "data-flagged" not in page


def test_it_says_when_the_certificate_does_not_chain_to_a_trusted_root(
    login: Any, users: dict[str, Any], agreement: Any, signed: bytes, tmp_path: Path
) -> None:
    client = login(users["alice"])
    (tmp_path / "roots").mkdir()
    with override_settings(SIGNATURE_TRUST_ROOTS_DIR=str(tmp_path / "roots")):  # other roots only
        _post(client, _upload_url(agreement), signed)
        page = client.get(agreement.get_absolute_url()).content.decode()
    copy = SignedCopy.objects.get()
    assert copy.verdict == "untrusted" and copy.signatures[0]["intact"] and not copy.signatures[0]["trusted"]
    assert "chứng thư không do tổ chức chứng thực tin cậy cấp" in page


def test_it_flags_a_file_altered_after_signing_on_the_record(
    login: Any, users: dict[str, Any], agreement: Any, signed: bytes, trusted: Path
) -> None:
    client = login(users["alice"])
    response = _post(client, _upload_url(agreement), alter_signed_bytes(signed), follow=True)
    copy = SignedCopy.objects.get()
    assert copy.verdict == "altered" and copy.is_flagged
    assert copy.signatures[0]["altered"] and not copy.signatures[0]["intact"]
    assert "Văn bản đã bị sửa đổi sau khi ký" in response.content.decode()  # the message after upload
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "data-flagged" in page and 'data-verdict="altered"' in page and "Đã bị sửa đổi sau khi ký" in page


def test_it_flags_content_changed_in_a_revision_after_the_signature(
    users: dict[str, Any], agreement: Any, signed: bytes, trusted: Path
) -> None:
    from pyhanko.pdf_utils.generic import NumberObject, pdf_name
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from phoihop.documents.signatures import signed_copy_upload

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[pdf_name("/Rotate")] = NumberObject(90)  # the signed page turned on its side
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    copy = signed_copy_upload(actor=users["alice"], record=agreement, upload=SimpleUploadedFile("sua.pdf", out.getvalue()))
    assert copy.signatures[0]["intact"] and not copy.signatures[0]["whole_file"]
    assert copy.verdict == "altered"


def test_it_keeps_a_scan_as_the_signed_copy(login: Any, users: dict[str, Any], plan: Any) -> None:
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (40, 60), "white").save(image, "PNG")
    client = login(users["alice"])
    url = reverse("document_files:plan_signed_upload", args=[plan.pk])
    assert _post(client, url, image.getvalue(), "ban-quet.png").status_code == 302
    assert _post(client, url, plain_pdf(), "ban-quet.pdf", note="Bản quét có dấu đỏ").status_code == 302
    first, second = SignedCopy.objects.order_by("pk")
    assert (first.kind, first.verdict, first.verified_at) == ("scan", "none", None)
    assert (second.kind, second.verdict, second.note) == ("scan", "none", "Bản quét có dấu đỏ")
    page = login(users["bob"]).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "ban-quet.pdf" in page and "Bản quét không có chữ ký số" in page
    # A reader of the plan downloads its signed copy.
    assert login(users["bob"]).get(reverse("core:attachment_download", args=[second.attachment_id])).status_code == 200
    assert login(users["charlie"]).get(reverse("core:attachment_download", args=[second.attachment_id])).status_code == 404


def test_it_keeps_the_copy_a_new_upload_replaces(login: Any, users: dict[str, Any], agreement: Any, signed: bytes) -> None:
    client = login(users["alice"])
    _post(client, _upload_url(agreement), plain_pdf(), "ban-quet.pdf")
    _post(client, _upload_url(agreement), signed, "ban-ky-so.pdf")
    older, newer = SignedCopy.objects.order_by("pk")
    assert older.replaced_at is not None and newer.replaced_at is None
    assert older.attachment.file.read().startswith(b"%PDF")
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Các bản ký trước" in page and "ban-quet.pdf" in page
    assert SignedCopy.history.filter(id=older.pk).count() == 2  # uploaded, then replaced


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ban-ky.docx", None, "Bản ký phải là tệp PDF"),
        ("ban-ky.pdf", b"MZ\x90\x00 not a pdf", "Loại tệp không được chấp nhận"),
        ("ban-ky.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "Tệp PDF bị hỏng"),
        ("macro.docm", "macro", "macro"),
    ],
)
def test_it_refuses_a_file_that_is_not_a_signed_copy_and_says_why(
    login: Any, users: dict[str, Any], agreement: Any, name: str, data: Any, message: str
) -> None:
    from phoihop.attachments.models import Attachment

    if data is None:
        data = _docx()
    elif data == "macro":
        data = _docx(macro=True)
    client = login(users["alice"])
    response = _post(client, _upload_url(agreement), data, name, follow=True)
    body = response.content.decode()
    assert "Chưa lưu bản ký" in body and message in body
    assert not SignedCopy.objects.exists() and not Attachment.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(login: Any, users: dict[str, Any], agreement: Any, signed: bytes) -> None:
    client = login(users["alice"])
    with override_settings(UPLOAD_MAX_BYTES=len(signed) - 1):
        body = _post(client, _upload_url(agreement), signed, follow=True).content.decode()
    assert "Tệp quá lớn" in body and not SignedCopy.objects.exists()


def test_it_lets_only_officers_of_the_record_upload(login: Any, users: dict[str, Any], agreement: Any, signed: bytes) -> None:
    url = _upload_url(agreement)
    assert login(users["alice"]).get(url).status_code == 405
    assert _post(login(users["bob"]), url, signed).status_code == 403  # reads the agreement only
    assert _post(login(users["charlie"]), url, signed).status_code == 404  # does not see it
    assert _post(login(users["alice"]), reverse("document_files:agreement_signed_upload", args=[987654]), signed).status_code == 404
    assert not SignedCopy.objects.exists()
    reader_page = login(users["bob"]).get(agreement.get_absolute_url()).content.decode()
    assert "data-signed-copies" in reader_page and "data-signed-upload" not in reader_page
    assert "data-signed-upload" in login(users["alice"]).get(agreement.get_absolute_url()).content.decode()


def test_it_keeps_the_signed_copy_of_a_review_report(login: Any, users: dict[str, Any], agreement: Any, signed: bytes, trusted: Path) -> None:
    import datetime

    from phoihop.reviews.services import review_create

    review = review_create(actor=users["alice"], agreement=agreement, kind="interim",
                           period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31))
    url = reverse("document_files:review_signed_upload", args=[review.pk])
    assert _post(login(users["bob"]), url, signed).status_code == 403
    assert _post(login(users["alice"]), url, signed).status_code == 302
    copy = SignedCopy.objects.get()
    assert copy.record == review and copy.verdict == "valid"
    assert "Chữ ký số hợp lệ" in login(users["superior"]).get(review.get_absolute_url()).content.decode()


def _docx(*, macro: bool = False) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        kind = "application/vnd.ms-word.document.macroEnabled.main+xml" if macro else (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/word/document.xml" ContentType="{kind}"/></Types>'))
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize("next_url", ["%(x)s", "plans:detail", "https://example.com/", "//example.com/"])
def test_it_returns_to_the_record_when_next_is_not_a_path_on_this_site(
    login: Any, users: dict[str, Any], agreement: Any, signed: bytes, trusted: Path, next_url: str
) -> None:
    response = _post(login(users["alice"]), _upload_url(agreement), signed, next=next_url)
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()


def test_it_returns_to_the_page_it_was_sent_from(login: Any, users: dict[str, Any], agreement: Any, signed: bytes, trusted: Path) -> None:
    back = agreement.get_absolute_url() + "?tab=files"
    response = _post(login(users["alice"]), _upload_url(agreement), signed, next=back)
    assert response.status_code == 302 and response["Location"] == back
