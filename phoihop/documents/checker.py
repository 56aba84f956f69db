"""A clerk's check of a generated Word file: the presentation rules of Decree 30/2020/NĐ-CP (state
form) and of the Party form (HD 36-HD/VPTW) that a .docx shows, read back with python-docx.

``check_docx(data)`` returns the problems found, in Vietnamese-free plain words for a developer
(an empty list: the document can be issued as it is); ``assert_issuable(data)`` raises with
them. The form is read from the header ("CỘNG HÒA …" or "ĐẢNG CỘNG SẢN VIỆT NAM"); pass
``issuers`` to also check that each issuer has its signature block.

What it checks, for the form found:

- page: A4, portrait for the main section (landscape allowed for appendices), margins top and
  bottom 20-25 mm, left 30-35 mm, right 15-20 mm; page numbers in the header from page 2;
- fonts: every run and the Normal style in Times New Roman, black;
- header: a borderless two-column table; the issuer's name upper case and bold; state: Quốc
  hiệu (12-13 pt bold), Tiêu ngữ (13-14 pt bold) ruled; Party: "ĐẢNG CỘNG SẢN VIỆT NAM"
  (15 pt bold) ruled, an asterisk under the issuer, each header line once;
- number and date line: "Số: 05/BC-BCHQS" (state, 13 pt) or "Số 05-BC/BTGQU" (Party, 14 pt),
  numbers under 10 with a leading zero; "<Place>, ngày 05 tháng 01 năm 2023" in italics with
  the leading zeros of the decree and the place written in full (no "TP");
- title: the type name upper case bold centred, the trích yếu bold (upper-case first letter in
  the state form), a short rule under it;
- body: justified paragraphs in the body size (13-14 pt state, 14-15 pt Party) with a first-line
  indent; no "…." or "..", no record notes ("Ghi chú dữ liệu mẫu …"), no generic "THỦ TRƯỞNG";
- tables: a bold header row repeated on each page, no header column narrower than its longest
  word (a header never breaks inside a word);
- recipients: "Nơi nhận:" (state 12 pt bold italic; Party 14 pt underlined), one "- …;" item per
  line (11 pt state, 12 pt Party), the last "- Lưu: VT, <unit>, <copies>." (state) or
  "- Lưu …" (Party) ending in a full stop;
- signature blocks: at most three to a row, each row unsplittable, the title lines bold upper
  case, a marked place for the signature and seal images (bookmarks "signature_N"/"seal_N",
  at least 25 mm high) between the title and the name, the name bold; the last paragraph of
  the body keeps with the block.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from phoihop.documents.official import (
    CELL_PADDING_MM,
    FONT,
    PARTY_TITLE,
    QUOC_HIEU,
    TIEU_NGU,
    text_width_mm,
)

__all__ = ["DocumentProblems", "assert_issuable", "check_docx"]

# (low, high) in points, by form.
_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "state": {
        "national": (12, 13), "motto": (13, 14), "issuer": (12, 13), "number": (13, 13),
        "date": (13, 14), "type": (13, 14), "title": (13, 14), "body": (13, 14),
        "recipients_label": (12, 12), "recipients": (11, 11), "signer": (13, 14),
    },
    "party": {
        "national": (15, 15), "issuer": (14, 14), "number": (14, 14), "date": (14, 14),
        "type": (15, 16), "title": (14, 15), "body": (14, 15), "recipients_label": (14, 14),
        "recipients": (12, 12), "signer": (13, 14),
    },
}
_STATE_NUMBER = re.compile(r"^Số: (0[1-9]|[1-9]\d+| +)/\S+$")
_PARTY_NUMBER = re.compile(r"^Số (0[1-9]|[1-9]\d+| +)-\S+/\S+$")
_DATE = re.compile(
    r"^(?P<place>[^,]+), ngày (?:(?:0[1-9]|[12]\d|3[01]) tháng (?:0[12]|[3-9]|1[0-2]) năm \d{4}"
    r"|\s+tháng\s+năm\s*)$"
)
_BLANK_DATE = re.compile(r"^Ngày\s+tháng\s+năm\s*$")
_NOTE = re.compile(r"^(Ghi chú dữ liệu mẫu|Dữ liệu mẫu minh họa)", re.IGNORECASE)
_MIN_SIGNATURE_SPACE_MM = 25


class DocumentProblems(AssertionError):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def _mm(length: Any) -> float:
    return float(length) / 36000 if length is not None else 0.0


def _runs(p: DocxParagraph) -> list[Any]:
    return [r for r in p.runs if r.text.strip()]


def _size(p: DocxParagraph) -> float | None:
    sizes = {r.font.size.pt for r in _runs(p) if r.font.size is not None}
    return sizes.pop() if len(sizes) == 1 else None


def _all(p: DocxParagraph, attr: str) -> bool:
    runs = _runs(p)
    return bool(runs) and all(bool(getattr(r.font, attr)) for r in runs)


def _none(p: DocxParagraph, attr: str) -> bool:
    return not any(bool(getattr(r.font, attr)) for r in _runs(p))


def _has_rule(p: DocxParagraph) -> bool:
    pPr = p._p.pPr
    bdr = pPr.find(qn("w:pBdr")) if pPr is not None else None
    bottom = bdr.find(qn("w:bottom")) if bdr is not None else None
    return bottom is not None and bottom.get(qn("w:val")) == "single"


def _borders(table: DocxTable) -> set[str]:
    el = table._tbl.tblPr.find(qn("w:tblBorders"))
    return {child.get(qn("w:val")) for child in el} if el is not None else set()


def _cell_paragraphs(table: DocxTable) -> Iterator[DocxParagraph]:
    """Each paragraph of each cell once (a merged cell is one w:tc)."""
    for tc in table._tbl.iter(qn("w:tc")):
        for p in tc.iterchildren(qn("w:p")):
            yield DocxParagraph(p, table._parent)


def _body_items(doc: Any) -> Iterator[DocxParagraph | DocxTable]:
    for el in doc.element.body:
        if el.tag == qn("w:p"):
            yield DocxParagraph(el, doc)
        elif el.tag == qn("w:tbl"):
            yield DocxTable(el, doc)


class _Check:
    def __init__(self, data: bytes, issuers: int | None) -> None:
        self.doc = Document(io.BytesIO(data))
        self.issuers = issuers
        self.problems: list[str] = []
        self.form = "state"

    def fail(self, message: str) -> None:
        self.problems.append(message)

    def size_in(self, p: DocxParagraph, element: str) -> None:
        size = _size(p)
        low, high = _RANGES[self.form][element]
        if size is None or not low <= size <= high:
            self.fail(f"{element} {p.text[:40]!r}: size {size} not in {low}-{high} pt")

    # --- page and fonts -------------------------------------------------------------------

    def page(self) -> None:
        for i, section in enumerate(self.doc.sections):
            w, h = round(_mm(section.page_width)), round(_mm(section.page_height))
            if {w, h} != {210, 297}:
                self.fail(f"section {i + 1}: page {w} x {h} mm is not A4")
            if i == 0 and w > h:
                self.fail("the document's first section is landscape")
            margins = {"top": (section.top_margin, 20, 25), "bottom": (section.bottom_margin, 20, 25),
                       "left": (section.left_margin, 30, 35), "right": (section.right_margin, 15, 20)}
            for name, (value, low, high) in margins.items():
                if not low <= round(_mm(value), 1) <= high:
                    self.fail(f"section {i + 1}: {name} margin {_mm(value):.1f} mm not in {low}-{high} mm")
            codes = [el.text or "" for el in section.header._element.iter(qn("w:instrText"))]
            if not any("PAGE" in c for c in codes):
                self.fail(f"section {i + 1}: no page number in the header")
            if not section.different_first_page_header_footer:
                self.fail(f"section {i + 1}: the page number shows on its first page")

    def fonts(self) -> None:
        if self.doc.styles["Normal"].font.name != FONT:
            self.fail("the Normal style is not Times New Roman")
        paragraphs = list(self.doc.paragraphs)
        for table in self.doc.tables:
            paragraphs.extend(_cell_paragraphs(table))
        for p in paragraphs:
            for r in _runs(p):
                fonts = r._element.rPr.find(qn("w:rFonts")) if r._element.rPr is not None else None
                if r.font.name != FONT or fonts is None or fonts.get(qn("w:hAnsi")) != FONT:
                    self.fail(f"run {r.text[:30]!r} is not in Times New Roman")
                    return
                if r.font.color.rgb is not None and str(r.font.color.rgb) != "000000":
                    self.fail(f"run {r.text[:30]!r} is not black")
                    return

    # --- header, number and date ----------------------------------------------------------

    def header(self) -> None:
        items = list(_body_items(self.doc))
        if not items or not isinstance(items[0], DocxTable):
            self.fail("the document does not open with the header table")
            return
        header = items[0]
        if len(header.columns) != 2 or _borders(header) - {"nil"}:
            self.fail("the header is not a borderless two-column table")
        left, right = header.rows[0].cells[0], header.rows[0].cells[1]
        right_texts = [p for p in right.paragraphs if p.text.strip()]
        texts = [p.text for p in right_texts]
        if PARTY_TITLE in texts:
            self.form = "party"
        elif not (QUOC_HIEU in texts and TIEU_NGU in texts):
            self.fail("the header has neither the Quốc hiệu and Tiêu ngữ nor the Party's title")
            return
        paragraphs = list(right.paragraphs)
        for p in right_texts:
            if p.text == QUOC_HIEU or p.text == PARTY_TITLE:
                self.size_in(p, "national")
                if not _all(p, "bold"):
                    self.fail(f"{p.text!r} is not bold")
            if p.text == TIEU_NGU:
                self.size_in(p, "motto")
            ruled = TIEU_NGU if self.form == "state" else PARTY_TITLE
            if p.text == ruled:
                after = paragraphs[[x._p for x in paragraphs].index(p._p) + 1:]
                if not after or not _has_rule(after[0]):
                    self.fail(f"no rule under {ruled!r}")
        lines = [p for p in left.paragraphs if p.text.strip()]
        bold = [p for p in lines if _all(p, "bold")]
        if not bold:
            self.fail("the header names no issuer in bold")
        for p in bold:
            self.size_in(p, "issuer")
            if p.text != p.text.upper():
                self.fail(f"issuer {p.text!r} is not upper case")
        seen = [p.text for p in lines if p.text != "*"]
        if len(seen) != len(set(seen)):
            self.fail(f"a header line is repeated: {seen}")
        if self.form == "party" and [p.text for p in lines].count("*") != 1:
            self.fail("the Party header has no single asterisk under the issuer")
        if self.form == "state" and not any(_has_rule(p) for p in left.paragraphs):
            self.fail("no rule under the issuer's name")
        if len(header.rows) < 2:
            self.fail("the header has no row for the number and the date")
            return
        number = next((p for p in header.rows[1].cells[0].paragraphs if p.text.strip()), None)
        date = next((p for p in header.rows[1].cells[1].paragraphs if p.text.strip()), None)
        pattern = _PARTY_NUMBER if self.form == "party" else _STATE_NUMBER
        if number is None or not pattern.match(number.text):
            self.fail(f"number line {getattr(number, 'text', None)!r} is not in the {self.form} form")
        else:
            self.size_in(number, "number")
        if date is None:
            self.fail("no place and date line")
            return
        found = _DATE.match(date.text)
        if not found and not _BLANK_DATE.match(date.text):
            self.fail(f"date line {date.text!r} is not 'Place, ngày dd tháng m năm yyyy'")
        if found and re.match(r"^(TP|Tp|T\.P)\.?\s", found.group("place")):
            self.fail(f"the place is abbreviated: {date.text!r}")
        self.size_in(date, "date")
        if not _all(date, "italic"):
            self.fail("the date line is not italic")

    # --- title, body, tables --------------------------------------------------------------

    def title_and_body(self) -> None:
        items = list(_body_items(self.doc))
        paragraphs = [x for x in items[1:] if isinstance(x, DocxParagraph)]
        texts = [p for p in paragraphs if p.text.strip()]
        if not texts:
            self.fail("no title")
            return
        kind = texts[0]
        if kind.text != kind.text.upper() or not _all(kind, "bold") or kind.alignment != 1:
            self.fail(f"type name {kind.text!r} is not upper case, bold and centred")
        self.size_in(kind, "type")
        title = texts[1] if len(texts) > 1 else None
        if title is None or not _all(title, "bold"):
            self.fail("no bold trích yếu under the type name")
        else:
            self.size_in(title, "title")
            if self.form == "state" and title.text[:1] != title.text[:1].upper():
                self.fail(f"the state trích yếu starts in lower case: {title.text[:40]!r}")
            start = [x._p for x in paragraphs].index(title._p)
            if not any(_has_rule(p) for p in paragraphs[start:start + 6]):
                self.fail("no rule under the trích yếu")
        for p in paragraphs:
            text = p.text
            if "…." in text or re.search(r"(?<!\.)\.\.(?!\.)", text):
                self.fail(f"bad punctuation in {text[:60]!r}")
            if _NOTE.match(text.strip()):
                self.fail(f"a record note is printed: {text[:60]!r}")
            if p.paragraph_format.first_line_indent and _runs(p):
                if p.alignment != 3:
                    self.fail(f"body paragraph not justified: {text[:40]!r}")
                self.size_in(p, "body")

    def tables(self) -> None:
        for table in self.doc.tables[1:]:
            if not _borders(table) - {"nil"}:
                continue  # the signature blocks and layout tables
            head = table.rows[0]
            trPr = head._tr.trPr
            if trPr is None or trPr.find(qn("w:tblHeader")) is None:
                self.fail(f"table {head.cells[0].text!r}…: header row not repeated")
            grid = table._tbl.tblGrid
            widths = [_mm(int(col.get(qn("w:w"))) * 635) for col in grid.iterchildren(qn("w:gridCol"))]
            for cell, width in zip(head.cells, widths, strict=False):
                size = next((_size(p) for p in cell.paragraphs if _runs(p)), None) or 12
                for word in cell.text.split():
                    if text_width_mm(word, size, bold=True) + CELL_PADDING_MM > width + 0.5:
                        self.fail(f"table header {cell.text!r}: {word!r} does not fit in {width:.1f} mm")

    # --- recipients and signatures --------------------------------------------------------

    def recipients(self) -> None:
        paragraphs = list(self.doc.paragraphs)
        for table in self.doc.tables:
            paragraphs.extend(_cell_paragraphs(table))
        label = next((p for p in paragraphs if p.text == "Nơi nhận:"), None)
        if label is None:
            self.fail("no 'Nơi nhận:'")
            return
        self.size_in(label, "recipients_label")
        if self.form == "state" and not (_all(label, "bold") and _all(label, "italic")):
            self.fail("'Nơi nhận:' is not bold italic")
        if self.form == "party" and not _all(label, "underline"):
            self.fail("'Nơi nhận:' is not underlined")
        container = label._p.getparent()
        siblings = [DocxParagraph(el, self.doc.part) for el in container.iterchildren(qn("w:p"))]
        at = [p._p for p in siblings].index(label._p)
        items = []
        for p in siblings[at + 1:]:
            if not p.text.startswith("- "):
                break
            items.append(p)
        if not items:
            self.fail("'Nơi nhận:' lists no one")
            return
        for p in items:
            self.size_in(p, "recipients")
        for p in items[:-1]:
            if not p.text.endswith(";"):
                self.fail(f"recipient {p.text!r} does not end in ';'")
        last = items[-1].text
        if self.form == "state" and not re.match(r"^- Lưu: VT, \S+.*\.$", last):
            self.fail(f"incomplete archive line {last!r}: 'Lưu: VT, <unit>, <copies>.'")
        if self.form == "party" and not re.match(r"^- Lưu \S.*\.$", last):
            self.fail(f"incomplete archive line {last!r}")

    def signatures(self) -> None:
        places = []
        for p in self._all_paragraphs():
            names = [b.get(qn("w:name")) for b in p._p.iter(qn("w:bookmarkStart"))]
            if any(n and n.startswith("signature_") for n in names):
                places.append((p, names))
        if not places:
            self.fail("no place for the signature and seal images")
            return
        if self.issuers is not None and len(places) != self.issuers:
            self.fail(f"{len(places)} signature blocks for {self.issuers} issuers")
        for p, names in places:
            if not any(n and n.startswith("seal_") for n in names):
                self.fail("a signature place has no seal place")
            spacing = p.paragraph_format.line_spacing
            if not hasattr(spacing, "mm") or spacing.mm < _MIN_SIGNATURE_SPACE_MM:
                self.fail(f"the signature place is {spacing} high, less than {_MIN_SIGNATURE_SPACE_MM} mm")
        blocks = [t for t in self.doc.tables if any(
            b.get(qn("w:name"), "").startswith("signature_") for b in t._tbl.iter(qn("w:bookmarkStart")))]
        for table in blocks:
            if len(table.columns) > 3 and len(places) > 1:
                self.fail(f"{len(table.columns)} signature blocks on one row")
            for row in table.rows:
                trPr = row._tr.trPr
                if trPr is None or trPr.find(qn("w:cantSplit")) is None:
                    self.fail("a signature row may split across pages")
            for p in _cell_paragraphs(table):
                if not _runs(p) or p.text.startswith(("- ", "Nơi nhận")):
                    continue
                if not _all(p, "bold"):
                    self.fail(f"signature line {p.text!r} is not bold")
                self.size_in(p, "signer")
                if "THỦ TRƯỞNG" in p.text:
                    self.fail(f"generic signing title {p.text!r}")
        # The last paragraph before the first block keeps with it.
        first = blocks[0]._tbl if blocks else None
        previous = first.getprevious() if first is not None else None
        while previous is not None:
            if previous.tag == qn("w:tbl"):  # a table ends the body: its last row keeps with them
                rows = previous.findall(qn("w:tr"))
                last = [DocxParagraph(p, self.doc.part) for p in rows[-1].iter(qn("w:p"))] if rows else []
                if not all(p.paragraph_format.keep_with_next for p in last):
                    self.fail("the table before the signatures does not keep with them")
                break
            p = DocxParagraph(previous, self.doc.part)
            if not p.paragraph_format.keep_with_next:
                self.fail(f"the paragraph before the signatures does not keep with them: {p.text[:40]!r}")
                break
            if p.text.strip():
                break
            previous = previous.getprevious()

    def _all_paragraphs(self) -> Iterator[DocxParagraph]:
        yield from self.doc.paragraphs
        for table in self.doc.tables:
            yield from _cell_paragraphs(table)

    def run(self) -> list[str]:
        self.page()
        self.fonts()
        self.header()
        self.title_and_body()
        self.tables()
        self.recipients()
        self.signatures()
        return self.problems


def check_docx(data: bytes, *, issuers: int | None = None) -> list[str]:
    """The presentation problems of a generated .docx; empty when it can be issued as it is."""
    return _Check(data, issuers).run()


def assert_issuable(data: bytes, *, issuers: int | None = None) -> None:
    problems = check_docx(data, issuers=issuers)
    if problems:
        raise DocumentProblems(problems)
