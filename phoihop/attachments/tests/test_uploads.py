"""Uploads are judged by their content: wrong types, macros, oversized files and archives that
would expand beyond the limit are refused with a clear message, and nothing is stored."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from phoihop.attachments.models import Attachment
from phoihop.attachments.services import attachment_add

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
    from phoihop.attachments import checks

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/bomb.bin", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(checks.MAX_UNCOMPRESSED // len(chunk) + 2):
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 2 * 1024 * 1024  # small on the wire, over 200 MB once expanded
    refused(users, agreement, "bom.docx", data, "giải nén ra quá lớn")


def test_an_archive_with_too_many_members_is_refused(users, agreement, monkeypatch):
    from phoihop.attachments import checks

    monkeypatch.setattr(checks, "MAX_MEMBERS", 10)
    many = {f"word/media/{i}.xml": b"x" for i in range(20)}
    refused(users, agreement, "nhieu.docx", office_zip(extra=many), "quá nhiều tệp")


def test_a_broken_archive_is_refused(users, agreement):
    refused(users, agreement, "hong.docx", b"PK\x03\x04 not really a zip", "Tệp bị hỏng")


# A VBA project is an OLE compound file whose directory names its streams in UTF-16.
VBA_PROJECT = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    + "_VBA_PROJECT".encode("utf-16-le") + b"\x00" * 52 + "VBA".encode("utf-16-le") + b"\x00" * 58
)
XLSX_TYPES = b'<?xml version="1.0"?><Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'


def package(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_macro_document_with_padded_content_types_and_a_renamed_vba_part_is_refused(users, agreement):
    padding = b"<!--" + b" " * (2 * 1024 * 1024) + b"-->"
    types = DOCX_TYPES.replace(b"<Types>", b"<Types>" + padding).replace(
        b"document.main", b"document.macroEnabled.main"
    )
    assert types.index(b"macroEnabled") > 1024 * 1024
    data = package({"[Content_Types].xml": types, "word/document.xml": b"<w:document/>", "word/media/image9.png": VBA_PROJECT})
    refused(users, agreement, "bao-cao.docx", data, "có chứa macro")


def test_a_renamed_vba_part_is_found_by_its_content_whatever_the_content_types_say(users, agreement):
    data = package({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w:document/>", "word/theme/theme2.dat": VBA_PROJECT})
    refused(users, agreement, "bao-cao.docx", data, "có chứa macro")


def test_macro_enabled_content_types_under_an_ordinary_name_are_refused(users, agreement):
    docm = DOCX_TYPES.replace(b"document.main", b"document.macroEnabled.main")
    refused(users, agreement, "bao-cao.docx", package({"[Content_Types].xml": docm, "word/document.xml": b"<w:document/>"}), "có chứa macro")
    xlsm = XLSX_TYPES.replace(b"sheet.main", b"sheet.macroEnabled.main")
    refused(users, agreement, "so-lieu.xlsx", package({"[Content_Types].xml": xlsm, "xl/workbook.xml": b"<workbook/>"}), "có chứa macro")
    # A character reference or UTF-16 hides nothing: the part is parsed, not searched.
    hidden = DOCX_TYPES.replace(b"document.main", b"document.&#109;acroEnabled.main")
    refused(users, agreement, "a.docx", package({"[Content_Types].xml": hidden, "word/document.xml": b"<w:document/>"}), "có chứa macro")
    wide = docm.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    refused(users, agreement, "b.docx", package({"[Content_Types].xml": wide, "word/document.xml": b"<w:document/>"}), "có chứa macro")
    vba_default = DOCX_TYPES.replace(b"</Types>", b'<Default Extension="dat" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    refused(users, agreement, "c.docx", package({"[Content_Types].xml": vba_default, "word/document.xml": b"<w:document/>"}), "có chứa macro")
    activex = DOCX_TYPES.replace(b"</Types>", b'<Override PartName="/word/x/a.xml" ContentType="application/vnd.ms-office.activeX+xml"/></Types>')
    refused(users, agreement, "d.docx", package({"[Content_Types].xml": activex, "word/document.xml": b"<w:document/>"}), "có chứa macro")
    macrosheet = XLSX_TYPES.replace(b"</Types>", b'<Override PartName="/xl/m/s.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>')
    refused(users, agreement, "e.xlsx", package({"[Content_Types].xml": macrosheet, "xl/workbook.xml": b"<workbook/>"}), "có chứa macro")


def test_a_relationship_to_a_vba_project_is_refused(users, agreement):
    rels = b'<Relationships><Relationship Id="r9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="x.dat"/></Relationships>'
    data = package({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w:document/>", "word/_rels/document.xml.rels": rels})
    refused(users, agreement, "bao-cao.docx", data, "có chứa macro")


def test_a_workbook_with_macros_embedded_in_a_document_is_refused(users, agreement):
    inner = package({"[Content_Types].xml": XLSX_TYPES, "xl/workbook.xml": b"<workbook/>", "xl/media/a.bin": VBA_PROJECT})
    data = package({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w:document/>", "word/embeddings/Sheet1.xlsx": inner})
    refused(users, agreement, "bao-cao.docx", data, "có chứa macro")


def test_a_content_types_part_with_entities_is_refused_as_broken(users, agreement):
    laughs = b'<?xml version="1.0"?><!DOCTYPE T [<!ENTITY a "aaaa">]><Types a="&a;"/>'
    refused(users, agreement, "bao-cao.docx", package({"[Content_Types].xml": laughs, "word/document.xml": b""}), "Tệp bị hỏng")


def test_ordinary_documents_and_workbooks_with_embedded_objects_are_accepted(users, agreement):
    from openpyxl import Workbook

    book = io.BytesIO()
    Workbook().save(book)
    workbook = add(users, agreement, "so-lieu.xlsx", book.getvalue())
    assert workbook.mime_type.endswith("spreadsheetml.sheet")
    # An embedded OLE object without VBA (an old equation, a picture) is not a macro.
    ole_object = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Equation Native".encode("utf-16-le")
    rels = b'<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="embeddings/oleObject1.bin"/></Relationships>'
    docx = package({
        "[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w:document/>",
        "word/_rels/document.xml.rels": rels, "word/embeddings/oleObject1.bin": ole_object,
        "word/embeddings/Sheet1.xlsx": book.getvalue(),
    })
    document = add(users, agreement, "ke-hoach.docx", docx)
    assert document.mime_type.endswith("wordprocessingml.document")


def test_members_are_read_in_chunks_and_a_name_across_two_chunks_is_found(users, agreement, monkeypatch):
    from phoihop.attachments import checks

    monkeypatch.setattr(checks, "CHUNK", 7)  # every stream name falls across chunks
    data = package({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w:document/>", "word/x.dat": VBA_PROJECT})
    refused(users, agreement, "bao-cao.docx", data, "có chứa macro")
    hidden = DOCX_TYPES.replace(b"document.main", b"document.macroEnabled.main")
    refused(users, agreement, "b.docx", package({"[Content_Types].xml": hidden, "word/document.xml": b"<w:document/>"}), "có chứa macro")
    inner = package({"[Content_Types].xml": XLSX_TYPES, "xl/workbook.xml": b"<workbook/>", "xl/media/a.bin": VBA_PROJECT})
    nested = package({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w:document/>", "word/embeddings/Sheet1.xlsx": inner})
    refused(users, agreement, "c.docx", nested, "có chứa macro")
    assert add(users, agreement, "d.docx", office_zip()).mime_type.endswith("wordprocessingml.document")
