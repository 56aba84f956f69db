"""Uploads are judged by their content: wrong types, macros, oversized files and archives that
would expand beyond the limit are refused with a clear message, and nothing is stored."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from phoihop.core.attachments import attachment_add
from phoihop.core.models import Attachment

pytestmark = pytest.mark.django_db

DOCX_TYPES = b'<?xml version="1.0"?><Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'


def office_zip(*, macro: bool = False, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        types = DOCX_TYPES.replace(b"document.main", b"document.macroEnabled.main") if macro else DOCX_TYPES
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", b"<w:document/>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def add(users, agreement, name: str, data: bytes, kind: str = "document") -> Attachment:
    return attachment_add(actor=users["alice"], owner=agreement, upload=SimpleUploadedFile(name, data), kind=kind)


def refused(users, agreement, name: str, data: bytes, message: str, kind: str = "document") -> None:
    with pytest.raises(ValidationError) as error:
        add(users, agreement, name, data, kind)
    assert message in " ".join(error.value.messages)
    assert not Attachment.objects.exists()


def test_a_real_word_file_is_accepted_and_typed_by_its_content(users, agreement):
    attachment = add(users, agreement, "ke-hoach.pdf", office_zip())  # the name lies; the content decides
    assert attachment.mime_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_file_of_another_type_is_refused_whatever_its_name(users, agreement):
    refused(users, agreement, "bao-cao.pdf", b"MZ\x90\x00\x03 an executable", "Loại tệp không được chấp nhận")
    refused(users, agreement, "trang.docx", b"<html><script>alert(1)</script></html>", "Loại tệp không được chấp nhận")


def test_office_files_with_macros_are_refused(users, agreement):
    refused(users, agreement, "bao-cao.docm", office_zip(macro=True), "có chứa macro")
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "VBA".encode("utf-16-le") + b"\x00" * 32
    refused(users, agreement, "bao-cao.doc", legacy, "có chứa macro")


@override_settings(UPLOAD_MAX_BYTES=1024)
def test_an_oversized_file_is_refused(users, agreement):
    refused(users, agreement, "scan.pdf", b"%PDF-1.4\n" + b"0" * 2048, "Tệp quá lớn (tối đa 0 MB)")


def test_an_archive_that_would_expand_beyond_the_limit_is_refused(users, agreement, settings):
    from phoihop.core import attachments

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/bomb.bin", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(attachments.MAX_UNCOMPRESSED // len(chunk) + 2):
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 2 * 1024 * 1024  # small on the wire, over 200 MB once expanded
    refused(users, agreement, "bom.docx", data, "giải nén ra quá lớn")


def test_an_archive_with_too_many_members_is_refused(users, agreement, monkeypatch):
    from phoihop.core import attachments

    monkeypatch.setattr(attachments, "MAX_MEMBERS", 10)
    many = {f"word/media/{i}.xml": b"x" for i in range(20)}
    refused(users, agreement, "nhieu.docx", office_zip(extra=many), "quá nhiều tệp")


def test_a_broken_archive_is_refused(users, agreement):
    refused(users, agreement, "hong.docx", b"PK\x03\x04 not really a zip", "Tệp bị hỏng")
