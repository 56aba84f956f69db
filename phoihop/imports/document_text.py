"""The text of an uploaded Word (.docx) or PDF document, as paragraphs in reading order.

Word: the body's paragraphs and tables in order; a table is read column by column, because the
header (issuers | Quốc hiệu) and the signature blocks (one column per signer, names in the row
below) are tables whose columns are the units. PDF: the text of each page (pypdf, pure Python),
its visual lines joined back into paragraphs: a line runs on when the one before it fills the
width and ends without a full stop, or when it starts in lower case; a heading, a "Căn cứ"
line, a dash item, "Số", "Nơi nhận" always start a paragraph. Page numbers are left out.

A file that is not a document or holds no text (a scanned PDF) is refused with a message the
officer can act on (``DocumentError``, a gettext message id).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from django.utils.translation import gettext_noop

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
# Fewer letters than this in the whole file: a scan, or an empty document.
MIN_LETTERS = 20
# A PDF longer than this is not an agreement (and would take long to read).
MAX_PDF_PAGES = 200


class DocumentError(ValueError):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


NO_TEXT = gettext_noop(
    "Không đọc được chữ trong tệp: có thể đây là bản chụp (scan) hoặc tệp trống. Hãy tải lên tệp "
    "Word hoặc PDF có chữ (bản PDF xuất từ Word), hoặc nhập văn bản bằng tay."
)
BROKEN = gettext_noop("Tệp bị hỏng hoặc không đọc được; hãy mở tệp, lưu lại rồi tải lên.")
LOCKED = gettext_noop("Tệp PDF có mật khẩu; hãy tải lên bản không đặt mật khẩu.")
TOO_LONG = gettext_noop("Tệp PDF quá dài (hơn %(pages)s trang) để là một văn bản phối hợp.")


def paragraphs(stream: IO[bytes], mime: str) -> list[str]:
    """The document's paragraphs; a DocumentError when there is no text to read."""
    try:
        found = _docx(stream) if mime == DOCX else _pdf(stream)
    except DocumentError:
        raise
    except Exception:  # the readers raise many kinds of errors on a damaged file
        raise DocumentError(BROKEN) from None
    if sum(c.isalpha() for p in found for c in p) < MIN_LETTERS:
        raise DocumentError(NO_TEXT)
    return found


# --- Word ------------------------------------------------------------------------------------


def _docx(stream: IO[bytes]) -> list[str]:
    from docx import Document

    document = Document(stream)
    return list(_blocks(document.element.body, document))


def _blocks(container: Any, parent: Any) -> Iterator[str]:
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent).text
        elif child.tag == qn("w:tbl"):
            yield from _table(Table(child, parent))
        elif child.tag == qn("w:sdt"):  # content controls hold paragraphs too
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, parent)


def _table(table: Any) -> Iterator[str]:
    seen: set[Any] = set()  # the cells' elements (kept alive here, so compared by identity)
    rows = list(table.rows)
    width = max((len(r.cells) for r in rows), default=0)
    for col in range(width):
        for row in rows:
            cells = row.cells
            if col >= len(cells):
                continue
            cell = cells[col]
            if cell._tc in seen:  # a merged cell is listed once per grid column
                continue
            seen.add(cell._tc)
            yield from _blocks(cell._tc, cell)


# --- PDF -------------------------------------------------------------------------------------


def _pdf(stream: IO[bytes]) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                raise DocumentError(LOCKED)
        except DocumentError:
            raise
        except Exception:
            raise DocumentError(LOCKED) from None
    if len(reader.pages) > MAX_PDF_PAGES:
        raise DocumentError(TOO_LONG, pages=MAX_PDF_PAGES)
    lines: list[Line] = []
    for page in reader.pages:
        lines.extend(_page_lines(page))
    return join_lines(lines)


# A visual line of a PDF page: its text, how far it is indented (None where the line sits in a
# table, whose cells the layout runs together) and whether a blank line is above it.
Line = tuple[str, int | None, bool]


def _page_lines(page: Any) -> list[Line]:
    """The page's lines in reading order (pypdf's plain text: a table cell after cell), each
    with its indent and the blank above it where the layout text shows them."""
    texts = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
    texts = [t for t in texts if t]
    # The page number, in the top (or bottom) margin: a line of digits alone there.
    if texts and _PAGE_NUMBER.fullmatch(texts[0]):
        texts = texts[1:]
    if texts and _PAGE_NUMBER.fullmatch(texts[-1]):
        texts = texts[:-1]
    layout: dict[str, list[tuple[int, bool, list[str]]]] = {}
    blank = False
    for raw in (page.extract_text(extraction_mode="layout") or "").splitlines():
        if not raw.strip():
            blank = True
            continue
        cells = [" ".join(c.split()) for c in _COLUMN_GAP.split(raw.strip())]
        layout.setdefault(" ".join(raw.split()), []).append(
            (len(raw) - len(raw.lstrip()), blank, cells)
        )
        blank = False
    out: list[Line] = []
    for text in texts:
        found = layout.get(text)
        if found:
            indent, above, cells = found.pop(0)
            if len(cells) > 1:
                # Cells side by side that the plain text ran into one line (a row of signers'
                # names): one line each.
                out.extend((cell, None, False) for cell in cells if cell)
                continue
            # A page's first line may go on with the paragraph the page before left open.
            out.append((text, indent, above and bool(out)))
        else:
            out.append((text, None, False))
    return out


# Spaces in the layout text that separate two cells of a row, not two words.
_COLUMN_GAP = re.compile(r"\s{5,}")
_PAGE_NUMBER = re.compile(r"-?\s*\d{1,3}\s*-?")


_STARTS = re.compile(
    r"^(?:[IVXLC]+\s*[.:]\s|\d{1,3}\s*[.)]\s|[a-zđ]\)\s|[-+•*]\s|Điều\s+\d|Chương\s|CHƯƠNG\s|"
    r"Phần\s|PHẦN\s|Căn cứ|CĂN CỨ|Bên thực hiện|Chỉ tiêu:|Nơi nhận|Số\b|SỐ\b|TM\.|KT\.|TL\.|T/M|K/T|T/L)"
)
_HEADING = re.compile(r"^(?:[IVXLC]+\s*[.:]\s|\d{1,3}\s*[.)]\s|Điều\s+\d)")
_TERMINAL = ".;:!?"
# A line this much shorter than the page's full lines ends its paragraph (where the indent of
# the next is not known).
FULL_LINE = 0.75
# Characters of indent (in pypdf's layout text) that start a paragraph.
INDENTED = 3


def join_lines(lines: list[Line]) -> list[str]:
    """Visual lines back into paragraphs (see the module's note); a blank line stays as an
    empty paragraph, as a Word document has them."""
    lengths = sorted(len(text) for text, _indent, _blank in lines)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 80
    out: list[str] = []
    last_length = 0
    for text, indent, blank in lines:
        if out and not blank and _runs_on(out[-1], last_length, text, indent, full):
            out[-1] = f"{out[-1]} {text}"
        else:
            if blank and out and out[-1]:
                out.append("")
            out.append(text)
        last_length = len(text)
    return out


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _runs_on(previous: str, previous_line: int, line: str, indent: int | None, full: int) -> bool:
    if not previous or _STARTS.match(line):
        return False
    if _is_upper(previous) or _is_upper(line):
        # Lines in capitals (names in the header and the signatures, headings) stay apart: the
        # names are found over several of them later, and a heading never runs into its text.
        return False
    if line[:1].islower():
        return True  # a sentence (or a heading) wrapped after a comma or a semicolon
    if indent is not None:
        # In the text body a paragraph's first line is indented (or centred); the lines that
        # continue it start at the margin.
        return indent < INDENTED
    if previous.rstrip('”’")] ').endswith(tuple(_TERMINAL)):
        return False
    if _HEADING.match(previous):
        return False
    return previous_line >= full * FULL_LINE
