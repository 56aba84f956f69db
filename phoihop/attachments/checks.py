"""Upload checks: a file is judged by its content, never by its name."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# What the first bytes of a file must be for each accepted type.
SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
    (b"PK\x03\x04", "application/zip"),
]
OOXML = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 5000
ACCEPTED_LABEL = "PDF, Word (.doc, .docx), Excel (.xlsx), ảnh JPEG hoặc PNG"


def sniff(stream: IO[bytes]) -> str:
    """The real type of an uploaded file, or a ValidationError saying why it is refused."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    kind = next((mime for magic, mime in SIGNATURES if head.startswith(magic)), None)
    if kind is None:
        raise ValidationError(
            _("Loại tệp không được chấp nhận. Chỉ nhận: %(types)s.") % {"types": ACCEPTED_LABEL}
        )
    if kind == "application/msword":
        data = stream.read()
        stream.seek(0)
        if b"V\x00B\x00A\x00" in data or b"_VBA_PROJECT" in data or b"Macros" in data:
            raise ValidationError(_("Tệp Word có chứa macro; vì an toàn, hệ thống không nhận tệp này."))
        return kind
    if kind == "application/zip":
        try:
            with zipfile.ZipFile(stream) as archive:
                infos = archive.infolist()
                if len(infos) > MAX_MEMBERS:
                    raise ValidationError(_("Tệp nén chứa quá nhiều tệp; hệ thống không nhận."))
                # zipfile never yields more than a member's declared size (and checks its CRC),
                # so the declared total bounds everything read below.
                if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
                    raise ValidationError(_("Tệp nén giải nén ra quá lớn; hệ thống không nhận."))
                if _has_macros(archive, depth=0):
                    raise ValidationError(_macro_message())
                names = {info.filename for info in infos}
        except (zipfile.BadZipFile, KeyError, EOFError, ValueError, NotImplementedError, RuntimeError):
            raise ValidationError(_("Tệp bị hỏng hoặc không đúng định dạng.")) from None
        finally:
            stream.seek(0)
        for marker, mime in OOXML.items():
            if marker in names:
                return mime
        raise ValidationError(
            _("Loại tệp không được chấp nhận. Chỉ nhận: %(types)s.") % {"types": ACCEPTED_LABEL}
        )
    return kind


def _macro_message() -> str:
    return _(
        "Tệp Office có chứa macro hoặc điều khiển ActiveX; vì an toàn, hệ thống không nhận tệp này. "
        "Hãy lưu lại thành tệp .docx hoặc .xlsx thường (không có macro) rồi tải lên."
    )


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Names of the streams and storages that hold VBA code inside an OLE compound file, as they are
# written in its directory (UTF-16LE). A vbaProject part is such a file whatever it is called.
OLE_MACRO_STREAMS = tuple(
    name.encode("utf-16-le") for name in ("_VBA_PROJECT", "VBA\x00", "PROJECTwm", "Macros\x00")
)
# Content types and relationship types of macro-enabled parts: VBA projects and their data,
# ActiveX controls, Excel 4.0 macro sheets and the macro-enabled main parts (.docm, .xlsm,
# .pptm, .dotm, .xltm, .xlsb with macros, add-ins).
MACRO_TYPE_MARKERS = ("macroenabled", "vbaproject", "vbadata", "activex", "macrosheet", "addin.macro")
# An archive nested inside another (an embedded workbook) is checked too, down to this depth.
MAX_NESTING = 3


def _ole_has_macros(data: bytes) -> bool:
    return any(marker in data for marker in OLE_MACRO_STREAMS)


CHUNK = 1024 * 1024


def _chunks(head: bytes, member: IO[bytes]) -> Iterator[bytes]:
    yield head
    while chunk := member.read(CHUNK):
        yield chunk


def _ole_stream_has_macros(chunks: Iterable[bytes]) -> bool:
    """Search an OLE compound file for its VBA streams a chunk at a time (with an overlap, so a
    name across two chunks is found): a large embedded object is never held whole."""
    overlap = max(len(marker) for marker in OLE_MACRO_STREAMS)
    tail = b""
    for chunk in chunks:
        window = tail + chunk
        if _ole_has_macros(window):
            return True
        tail = window[-overlap:]
    return False


def _xml_attribute_values(chunks: Iterable[bytes], attribute: str) -> list[str]:
    """The values of one attribute on every element of a package XML part.

    Parsed rather than searched, so character references and UTF-16 cannot hide a value; a
    document type declaration (and so any entity) never belongs in a package part and is refused."""
    from xml.parsers import expat

    values: list[str] = []

    def start(_tag: str, attributes: dict[str, str]) -> None:
        if attribute in attributes:
            values.append(attributes[attribute])

    def doctype(*_args: Any) -> None:
        raise ValueError("package part with a document type declaration")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise ValueError("package part is not well-formed XML") from None
    return values


def _has_macros(archive: zipfile.ZipFile, *, depth: int) -> bool:
    """Whether an Office package holds macros or ActiveX, judged by what its members contain.

    Every member is looked at, whatever its name or size: the content types and relationships
    are parsed whole, and any member that is an OLE compound file or a nested archive is opened.
    Members are read a chunk at a time; the caller has bounded their total size."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = info.filename.lower()
        if "vbaproject" in name or "vbadata" in name or "activex" in name:
            return True
        with archive.open(info) as member:
            head = member.read(8)
            if name == "[content_types].xml" or name.endswith(".rels"):
                attribute = "ContentType" if name == "[content_types].xml" else "Type"
                values = _xml_attribute_values(_chunks(head, member), attribute)
                if any(m in v.lower() for v in values for m in MACRO_TYPE_MARKERS):
                    return True
            elif head.startswith(OLE_MAGIC):
                if _ole_stream_has_macros(_chunks(head, member)):
                    return True
            elif head.startswith(b"PK\x03\x04") and depth < MAX_NESTING:
                # An embedded workbook or document: spooled to disk past a few megabytes.
                with tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as copy:
                    for chunk in _chunks(head, member):
                        copy.write(chunk)
                    copy.seek(0)
                    with zipfile.ZipFile(copy) as nested:
                        if _has_macros(nested, depth=depth + 1):
                            return True
    return False


# A photo larger than this many pixels is not decoded (decompression bombs).
THUMBNAIL_MAX_PIXELS = 60_000_000


def check_image(stream: IO[bytes]) -> None:
    """A photo must decode: a file that only starts like a JPEG or PNG is refused, and so is
    one whose pixel count would make decoding it a memory bomb."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(stream) as image:
            if image.width * image.height > THUMBNAIL_MAX_PIXELS:
                raise ValidationError(_("Ảnh quá lớn (quá %(mp)s triệu điểm ảnh).") % {"mp": THUMBNAIL_MAX_PIXELS // 1_000_000})
            image.verify()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise ValidationError(_("Ảnh bị hỏng hoặc không đọc được; hãy chọn lại tệp ảnh gốc.")) from None
    finally:
        stream.seek(0)
