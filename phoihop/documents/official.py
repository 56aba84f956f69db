"""Official documents in the Vietnamese presentation: Word (``.docx``), Excel and PDF.

A document is described with plain dataclasses and rendered by ``render_docx``. The form
follows the lead issuer: Decree 30/2020/NĐ-CP (state bodies, the military, mass
organisations) or the Party form of HD 36-HD/VPTW (Party committees and their boards):

- page: A4 portrait, margins 20/20/30/15 mm (top/bottom/left/right), Times New Roman, black;
- header: a borderless two-column table. State: issuer (superior body upright, issuer bold,
  short rule) and "Số: 05/BC-BCHQS" on the left; Quốc hiệu, Tiêu ngữ with a rule as long as
  the text and the italic place and date line on the right. Party: "Số 05-BC/BTGQU" (no
  colon), an asterisk under the issuer, "ĐẢNG CỘNG SẢN VIỆT NAM" with its rule;
- type name and summary centred, bold, with a short rule; body justified with a 1.27 cm
  first-line indent and 6 pt after each paragraph;
- signature block bottom right ("TM." / "T/M" marks follow the form), Nơi nhận bottom left;
  a joint document has one signature column per issuer, the lead issuer on the right;
- page numbers centred in the top margin, absent on page one (different first page);
  each appendix starts a section whose numbering restarts at 1.

Nothing here touches the database: ``Issuer.from_organization`` only reads attributes.

Usage (e.g. a review report)::

    from phoihop.documents.official import (
        Heading, Issuer, OfficialDocument, Paragraph, Signer, Table, render_docx, Appendix, roman,
    )
    from phoihop.documents.pdf import to_pdf
    from phoihop.documents.workbook import Sheet, render_xlsx

    doc = OfficialDocument(
        issuers=[Issuer.from_organization(org)],          # or Issuer(name=..., symbol=..., ...)
        doc_type="BC",
        number=5,                                          # None leaves "Số:     /BC-BCHQS"
        # symbol_text="05/BC-BCHQS",                       # or the register's text as it is
        place="Quận 4",
        date=datetime.date(2023, 1, 5),
        title="Sơ kết 03 năm thực hiện Chương trình phối hợp số 03/CTr-BCHQS-BTGQU",
        addressees=["Bộ Tư lệnh Thành phố Hồ Chí Minh"],   # "Kính gửi:" (reports sent upward)
        body=[
            Paragraph("Thực hiện Chương trình phối hợp số ..., Ban CHQS báo cáo như sau:"),
            Heading(f"{roman(1)}. KẾT QUẢ THỰC HIỆN", level=1),
            Heading("1. Công tác tuyên truyền", level=2),
            Paragraph("Đã tổ chức 12 buổi tuyên truyền với 1.250 lượt người tham gia."),
            Table(columns=["TT", "Nội dung", "Kết quả"], rows=[["1", "Tuyên truyền", "12"]],
                  widths=[1, 6, 2], align=["center", "left", "right"]),
        ],
        signers=[Signer(authority="KT. CHỈ HUY TRƯỞNG", position="PHÓ CHỈ HUY TRƯỞNG",
                        name="Nguyễn Văn An", rank="Thượng tá")],
        recipients=["Như trên", "Ban Tuyên giáo Quận ủy Quận 4"],   # "Lưu: VT" is added
        appendices=[Appendix(title="Biểu tổng hợp kết quả", blocks=[Table(...)])],
    )
    data: bytes = render_docx(doc)
    pdf: bytes = to_pdf(data)        # raises LibreOfficeMissing without soffice
    xlsx: bytes = render_xlsx("Biểu tổng hợp", [Sheet(name="Kết quả", columns=[...], rows=[...])])
    filename = doc.filename("docx")  # "BC-BCHQS-05-2023.docx"
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from docx import Document as _new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from phoihop.vn.dates import format_long, format_place_date
from phoihop.vn.symbols import DOC_TYPES
from phoihop.vn.text import fold

__all__ = [
    "Appendix",
    "Block",
    "Heading",
    "Issuer",
    "ListItem",
    "OfficialDocument",
    "PageBreak",
    "Paragraph",
    "Run",
    "Signer",
    "Table",
    "TableRow",
    "point_label",
    "render_docx",
    "roman",
    "signer_for",
    "signing_title",
    "table_widths",
]

Form = Literal["state", "party"]
Align = Literal["left", "center", "right", "justify"]

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20, 20, 30, 15
HEADER_DISTANCE_MM = 10
FIRST_LINE_INDENT_MM = 12.7
# The room between a signer's title and name: the signature image and, over its left third, the
# seal at its actual size (usually 32-40 mm across; it may overlap the lines around it).
SIGNATURE_SPACE_MM = 30

# Sizes in points: the worked example of Decree 30 (Phụ lục I, Mục V) and HD 36 Phụ lục 3.
SIZES: dict[Form, dict[str, float]] = {
    "state": {
        "national": 12, "motto": 13, "superior": 12, "issuer": 12, "number": 13, "date": 13,
        "type": 14, "title": 14, "body": 14, "table": 12, "signer": 14, "addressee": 14,
        "recipients_label": 12, "recipients": 11, "page_number": 13, "appendix_label": 14,
        "appendix_title": 14, "appendix_note": 14,
    },
    "party": {
        "national": 15, "motto": 0, "superior": 14, "issuer": 14, "number": 14, "date": 14,
        "type": 16, "title": 14, "body": 14, "table": 12, "signer": 14, "addressee": 14,
        "recipients_label": 14, "recipients": 12, "page_number": 14, "appendix_label": 14,
        "appendix_title": 14, "appendix_note": 14,
    },
}

# Signing marks: Decree 30 writes "TM." / "KT." / "TL."; the Party form "T/M" / "K/T" / "T/L".
_STATE_MARKS = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL.", "T/UQ": "TUQ."}
_PARTY_MARKS = {v: k for k, v in _STATE_MARKS.items()}

_PARTY_KINDS = {"party_committee", "party_board"}
# Kinds whose documents carry the superior body ("cơ quan chủ quản trực tiếp") above the name.
_KINDS_WITHOUT_SUPERIOR = {"party_committee", "peoples_committee", "enterprise"}


# --- description ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issuer:
    """An issuing body. ``name`` and ``superior`` in normal case; they print in capitals."""

    name: str
    symbol: str
    superior: str = ""
    is_party: bool = False
    kind: str = ""  # orgs.Organization.Kind: chooses the signing title (``signer_for``)

    @classmethod
    def from_organization(cls, org: Any, *, name: str = "", superior: str | None = None) -> Issuer:
        """Build from an ``orgs.Organization`` (``name`` overrides, e.g. the name as signed)."""
        kind = str(getattr(org, "kind", ""))
        parent = getattr(org, "parent", None)
        if superior is None:
            superior = parent.name if parent is not None and kind not in _KINDS_WITHOUT_SUPERIOR else ""
        display = name or org.name
        return cls(
            name=display,
            symbol=org.symbol or _initials(display),
            superior=superior,
            is_party=kind in _PARTY_KINDS,
            kind=kind,
        )


@dataclass(frozen=True)
class Signer:
    """Cells 7a/7b: authority line ("TM. BAN THƯỜNG VỤ"), position, rank and name."""

    position: str = ""
    name: str = ""
    authority: str = ""
    rank: str = ""

    def lines(self, form: Form) -> list[str]:
        out = []
        if self.authority:
            out.append(_convert_mark(self.authority.upper(), form))
        if self.position:
            out.append(_convert_mark(self.position.upper(), form))
        return out

    @property
    def signed_name(self) -> str:
        return " ".join(p for p in (self.rank, self.name) if p)


# The head's title by the kind of body (orgs.Organization.Kind), and the collective a head
# signs for ("TM. BAN THƯỜNG VỤ"): a body led by a collective signs TM.; a body led by one head
# signs directly, and a deputy signs KT. for the head.
_HEAD_TITLES = {
    "military": "Chỉ huy trưởng", "party_board": "Trưởng ban", "party_committee": "Bí thư",
    "peoples_committee": "Chủ tịch", "fatherland_front": "Chủ tịch", "veterans": "Chủ tịch",
    "women": "Chủ tịch", "farmers": "Chủ tịch", "red_cross": "Chủ tịch", "trade_union": "Chủ tịch",
    "youth": "Bí thư", "police": "Trưởng Công an", "school": "Hiệu trưởng", "enterprise": "Giám đốc",
    "state_agency": "Giám đốc",
}
_COLLECTIVES = {
    "party_committee": "T/M Ban Thường vụ", "peoples_committee": "TM. Ủy ban nhân dân",
    "fatherland_front": "TM. Ban Thường trực", "veterans": "TM. Ban Thường vụ",
    "women": "TM. Ban Thường vụ", "farmers": "TM. Ban Thường vụ", "red_cross": "TM. Ban Thường vụ",
    "trade_union": "TM. Ban Thường vụ", "youth": "TM. Ban Thường vụ",
}
# Titles a position written in full starts with ("Trưởng Ban Tuyên giáo Thành ủy" -> "Trưởng ban").
_TITLE_WORDS = (
    "Phó Chỉ huy trưởng", "Chỉ huy trưởng", "Chính trị viên phó", "Chính trị viên", "Phó Tư lệnh",
    "Tư lệnh", "Chính ủy", "Phó Trưởng ban", "Trưởng ban", "Phó Bí thư", "Bí thư", "Phó Chủ tịch",
    "Chủ tịch", "Phó Giám đốc", "Giám đốc", "Phó Hiệu trưởng", "Hiệu trưởng", "Phó Trưởng Công an",
    "Trưởng Công an",
)
_GENERIC_TITLES = {"", "thu truong", "thu truong co quan", "thu truong don vi"}


def signing_title(position: str) -> str:
    """The signing title of a position written in full: the last of several roles
    ("Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tuyên giáo Thành ủy" -> "Trưởng ban")."""
    role = position.strip().rstrip(".").split(",")[-1].strip()
    folded = fold(role)
    for title in _TITLE_WORDS:
        if folded == fold(title) or folded.startswith(fold(title) + " "):
            return title
    return role


def signer_for(kind: str, *, position: str = "", name: str = "", rank: str = "",
               body_name: str = "") -> Signer:
    """The signature block of a body of ``kind``: the authority mark where it applies, the
    signing title (never the generic "Thủ trưởng"), rank and name."""
    head = _HEAD_TITLES.get(kind, "")
    if kind == "military" and fold(body_name).startswith("bo tu lenh"):
        head = "Tư lệnh"
    if kind == "party_committee" and fold(body_name).startswith("dang uy"):
        collective = "T/M Đảng ủy"
    else:
        collective = _COLLECTIVES.get(kind, "")
    title = signing_title(position)
    if fold(title) in _GENERIC_TITLES:
        title = head
    authority = ""
    if collective:
        authority = collective
    elif head and fold(title).startswith("pho ") and fold(title)[4:] == fold(head):
        authority = f"KT. {head}"
    return Signer(position=title, name=name, rank=rank, authority=authority)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    """Body text: justified, first-line indent, 6 pt after. ``text`` may be a list of runs."""

    text: str | Sequence[Run]
    bold: bool = False
    italic: bool = False
    align: Align = "justify"
    indent: bool = True


@dataclass(frozen=True)
class Heading:
    """Level 0: "Phần I" / "Chương I" centred (lines split by "\\n"); 1: "I. MỤC ĐÍCH, YÊU CẦU";
    2: "1. Mục đích" (titled khoản, bold); 3: italic sub-heading. The caller writes the label."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class ListItem:
    """A "-" item or an "a)" point (use ``point_label``), indented like body text."""

    text: str | Sequence[Run]
    label: str = "-"


@dataclass(frozen=True)
class TableRow:
    cells: Sequence[Any]
    bold: bool = False
    merged: bool = False  # one cell across the table (a group heading)


@dataclass(frozen=True)
class Table:
    """A ruled table with a bold header row repeated on each page. ``widths`` are relative."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Any] | TableRow]
    widths: Sequence[float] | None = None
    align: Sequence[Align] | None = None
    caption: str = ""
    font_size: float | None = None


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Heading | ListItem | Table | PageBreak


@dataclass(frozen=True)
class Appendix:
    """A "Phụ lục" on its own pages with its own page numbering."""

    title: str
    blocks: Sequence[Block] = ()
    landscape: bool = False


@dataclass
class OfficialDocument:
    issuers: Sequence[Issuer]
    doc_type: str
    title: str
    place: str
    date: datetime.date | None
    number: int | None = None
    body: Sequence[Block] = ()
    signers: Sequence[Signer] = ()
    recipients: Sequence[str] = ()
    archive: str | None = None
    addressees: Sequence[str] = ()
    appendices: Sequence[Appendix] = ()
    type_name: str | None = None
    form: Form | None = None
    lead_signs_right: bool = True
    symbol_text: str = ""  # the record's own "số, ký hiệu" when it differs from the computed one

    def __post_init__(self) -> None:
        if not self.issuers:
            raise ValueError("Văn bản phải có ít nhất một cơ quan ban hành.")
        if self.number is not None and self.number < 1:
            raise ValueError("Số văn bản phải từ 01 trở lên.")

    @property
    def resolved_form(self) -> Form:
        """The lead issuer's form: the Party form for Party committees and boards."""
        if self.form is not None:
            return self.form
        return "party" if self.issuers[0].is_party else "state"

    @property
    def is_joint(self) -> bool:
        return len(self.issuers) > 1

    @property
    def issuer_symbol(self) -> str:
        return "-".join(i.symbol for i in self.issuers)

    @property
    def symbol(self) -> str:
        """ "05/BC-BCHQS" (state) or "05-BC/BTGQU" (Party); a blank number stays blank."""
        if self.symbol_text:
            return self.symbol_text
        number = f"{self.number:02d}" if self.number is not None else "     "
        if self.resolved_form == "party":
            return f"{number}-{self.doc_type}/{self.issuer_symbol}"
        kind = f"{self.doc_type}-" if self.doc_type else ""
        return f"{number}/{kind}{self.issuer_symbol}"

    @property
    def number_line(self) -> str:
        label = "Số" if self.resolved_form == "party" else "Số:"
        return f"{label} {self.symbol}"

    @property
    def date_line(self) -> str:
        place = self.place.strip()
        if self.date is None:
            blank = "ngày      tháng      năm       "
            return f"{place}, {blank}" if place else blank[:1].upper() + blank[1:]
        if not place:
            text = format_long(self.date)
            return text[:1].upper() + text[1:]
        return format_place_date(place, self.date)

    @property
    def heading_type(self) -> str:
        name = self.type_name or DOC_TYPES.get(self.doc_type, self.doc_type)
        return name.upper()

    @property
    def reference(self) -> str:
        """Appendix note: "(Kèm theo Báo cáo số 05/BC-BCHQS ngày 05 tháng 01 năm 2023 của …)"."""
        kind = (self.type_name or DOC_TYPES.get(self.doc_type, "văn bản")).capitalize()
        on = f" {format_long(self.date)}" if self.date else ""
        names = " và ".join(i.name for i in self.issuers)
        return f"(Kèm theo {kind} số {self.symbol.strip()}{on} của {names})"

    @property
    def archive_line(self) -> str:
        if self.archive is not None:
            return self.archive
        if self.resolved_form == "party":
            return f"Lưu {self.issuers[0].name}"
        # Decree 30: "Lưu: VT, <drafting unit>, <copies kept>": one copy at the văn thư and
        # one with the unit that drafted it (the issuer itself when it names no unit).
        unit = self.issuers[0].symbol or _initials(self.issuers[0].name)
        return f"Lưu: VT, {unit}, 02b"

    def filename(self, ext: str) -> str:
        """ASCII file name: "KH-BCHQS-05-2023.docx"."""
        parts = [self.doc_type, self.issuer_symbol]
        if self.number is not None:
            parts.append(f"{self.number:02d}")
        if self.date is not None:
            parts.append(str(self.date.year))
        stem = "-".join(fold(p).upper() if p else "" for p in parts if p)
        return f"{stem.replace('/', '-').replace(' ', '')}.{ext}"


# --- small helpers ----------------------------------------------------------------------------

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


def roman(n: int) -> str:
    """Roman numeral for section headings: 1 -> "I", 4 -> "IV"."""
    if n < 1:
        raise ValueError("Số La Mã phải từ 1 trở lên.")
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def point_label(i: int) -> str:
    """Label of the i-th point (1-based) in the Vietnamese alphabet: a) b) c) d) đ) e) g) …"""
    letters = _POINT_LETTERS
    if i < 1:
        raise ValueError("Thứ tự điểm phải từ 1 trở lên.")
    if i <= len(letters):
        return f"{letters[i - 1]})"
    return f"{letters[(i - 1) // len(letters) - 1]}{letters[(i - 1) % len(letters)]})"


def _fit_superior(name: str, size: float, width_mm: float) -> str:
    """Decree 30 lets common phrases of the superior body be abbreviated: "THÀNH PHỐ" -> "TP"."""
    if text_width_mm(name, size) <= width_mm:
        return name
    return name.replace("THÀNH PHỐ ", "TP ")


def _initials(name: str) -> str:
    """Fallback abbreviation when the register has none: "Ban Chỉ huy Quân sự Phường 1" -> "BCHQSP1"."""
    return "".join(w if w.isdigit() else w[0] for w in name.split() if w[:1].isalnum()).upper()


def _convert_mark(line: str, form: Form) -> str:
    table = _PARTY_MARKS if form == "party" else _STATE_MARKS
    for old, new in table.items():
        if line.startswith(old + " ") or line == old:
            sep = " "
            return new + sep + line[len(old):].lstrip()
    return line


# Advance widths (1/1000 em) of Times New Roman, via its metric-compatible Liberation Serif.
_W_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-:/()*;%"\''
_W_REGULAR = [444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500,
              333, 389, 278, 500, 500, 722, 500, 500, 444, 722, 667, 667, 722, 611, 556, 722, 722,
              333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722,
              611, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 250, 250, 250, 333, 278, 278,
              333, 333, 500, 278, 833, 408, 180]
_W_BOLD = [500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556,
           444, 389, 333, 556, 500, 722, 500, 500, 444, 722, 667, 722, 722, 667, 611, 778, 778,
           389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722,
           667, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 250, 250, 250, 333, 333, 278,
           333, 333, 500, 333, 1000, 555, 278]
_WIDTHS = {False: dict(zip(_W_CHARS, _W_REGULAR, strict=True)),
           True: dict(zip(_W_CHARS, _W_BOLD, strict=True))}


def _wrapped_lines(text: str, size: float, *, bold: bool, width_mm: float) -> int:
    """Lines ``text`` takes in ``width_mm`` (greedy word wrap); a word wider than the width
    counts as many lines as it would be cut into, as a word processor cuts it."""
    space = text_width_mm(" ", size, bold=bold)
    lines, used = 1, 0.0
    for word in text.split():
        w = text_width_mm(word, size, bold=bold)
        if w > width_mm:
            lines += int(w // width_mm) + (1 if used else 0)
            used = w % width_mm
            continue
        if used and used + space + w > width_mm:
            lines, used = lines + 1, w
        else:
            used = used + space + w if used else w
    return lines


def tidy(text: str) -> str:
    """Punctuation as a clerk types it: no "…." or "..", no stop after a semicolon."""
    text = re.sub(r"…\.+", "…", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)
    return re.sub(r"([;,:])\.(\s|$)", r".\2", text)


def text_width_mm(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated printed width; Vietnamese letters take their base letter's width."""
    table = _WIDTHS[bold]
    base = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    units = sum(table.get(ch, 500) for ch in base if ch != "\n" and not unicodedata.combining(ch))
    return units / 1000 * size * 25.4 / 72


CELL_PADDING_MM = 2 * 1.9 + 0.6  # Word's default cell margins (0.19 cm each side) and a little air


def table_widths(columns: Sequence[str], relative: Sequence[float] | None, width_mm: float,
                 size: float, short_words: Sequence[Sequence[str]] | None = None) -> list[float]:
    """Column widths in mm: the relative widths asked for, but no column narrower than the
    longest word of its (bold) header, so a header never breaks inside a word. The width a
    column gains is taken from the others in proportion to what they have above their own
    minimum."""
    n = len(columns)
    rel = list(relative) if relative else [1.0] * n
    wanted = [width_mm * w / sum(rel) for w in rel]
    least = [max((text_width_mm(word, size, bold=True) for word in str(c).split()), default=0)
             + CELL_PADDING_MM for c in columns]
    for i, words in enumerate(short_words or []):
        # Figures ("320/300", "1.250") never break either.
        least[i] = max(least[i], max((text_width_mm(w, size) for w in words), default=0) + CELL_PADDING_MM)
    if sum(least) >= width_mm:
        return [width_mm * m / sum(least) for m in least]
    widths = wanted[:]
    for _ in range(n):
        short = [i for i in range(n) if widths[i] < least[i] - 1e-6]
        if not short:
            break
        need = sum(least[i] - widths[i] for i in short)
        for i in short:
            widths[i] = least[i]
        spare = {i: widths[i] - least[i] for i in range(n) if i not in short and widths[i] > least[i]}
        total = sum(spare.values())
        for i, room in spare.items():
            widths[i] -= need * room / total
    return widths


# --- Word ------------------------------------------------------------------------------------

CORE_PROPERTY_LIMIT = 255


def core_property_text(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """``text`` cut to Word's limit for a core property, on a word boundary, ending with "…"."""
    text = text or ""
    if len(text) <= limit:
        return text
    text = " ".join(text.split())
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–") + "…"


def _set_fonts(rPr: Any, size: float | None = None) -> None:
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rPr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rPr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rPr.append(el)
            el.set(qn("w:val"), str(int(size * 2)))


def _run(paragraph: Any, text: str, size: float, *, bold: bool = False, italic: bool = False,
         underline: bool = False) -> Any:
    run = paragraph.add_run(text)
    run.font.name = FONT
    _set_fonts(run._element.get_or_add_rPr())
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    run.font.color.rgb = RGBColor(0, 0, 0)
    return run


_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


# Formatted paragraphs by their formatting and the shape of their runs, copied for each new
# paragraph formatted the same way (they hold no reference to a document).
_PARAGRAPHS: dict[tuple[Any, ...], Any] = {}


class _Writer:
    """Adds paragraphs to a document body or a table cell with one set of defaults."""

    def __init__(self, container: Any) -> None:
        self.container = container
        self._fresh = hasattr(container, "_tc")  # a new cell holds one empty paragraph

    def para(self, text: str | Sequence[Run] = "", *, size: float, bold: bool = False,
             italic: bool = False, underline: bool = False, align: Align = "center",
             before: float = 0, after: float = 0, line: float = 1.0, first_indent_mm: float = 0,
             left_mm: float = 0, right_mm: float = 0, keep_next: bool = False) -> Any:
        if isinstance(text, str):
            text = tidy(text)
        else:
            text = [Run(tidy(r.text), r.bold, r.italic) for r in text]
        runs = ([(text, bold, italic)] if text else []) if isinstance(text, str) else [
            (r.text, bold or r.bold, italic or r.italic) for r in text
        ]
        key = (size, underline, align, before, after, line, first_indent_mm, left_mm, right_mm, keep_next,
               tuple((bool(t), b, i) for t, b, i in runs))
        simple = not any(ch in t for t, _b, _i in runs for ch in "\n\r\t")
        model = _PARAGRAPHS.get(key) if simple else None
        if model is not None:
            # A copy of a paragraph formatted the same way: python-docx's setters are slow.
            return self._copy(model, [t for t, _b, _i in runs if t])
        if self._fresh:
            p = self.container.paragraphs[0]
            self._fresh = False
        else:
            p = self.container.add_paragraph()
        fmt = p.paragraph_format
        fmt.alignment = _ALIGN[align]
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.line_spacing = line
        fmt.first_line_indent = Mm(first_indent_mm) if first_indent_mm else None
        fmt.left_indent = Mm(left_mm) if left_mm else None
        fmt.right_indent = Mm(right_mm) if right_mm else None
        fmt.keep_with_next = keep_next or None
        fmt.widow_control = True
        _mark_size(p, size)
        if isinstance(text, str):
            if text:
                _run(p, text, size, bold=bold, italic=italic, underline=underline)
        else:
            for r in text:
                _run(p, r.text, size, bold=bold or r.bold, italic=italic or r.italic,
                     underline=underline)
        if simple and len(_PARAGRAPHS) < 1024:
            _PARAGRAPHS[key] = copy.deepcopy(p._p)
        return p

    def _copy(self, model: Any, texts: Sequence[str]) -> Any:
        from docx.text.paragraph import Paragraph as DocxParagraph

        new = copy.deepcopy(model)
        for t, value in zip(new.iter(qn("w:t")), texts, strict=True):
            t.text = value
            t.attrib.pop(qn("xml:space"), None)
            if value != value.strip():
                t.set(qn("xml:space"), "preserve")
        if self._fresh:
            old = self.container.paragraphs[0]._p
            self._fresh = False
        else:
            old = self.container.add_paragraph()._p
        old.getparent().replace(old, new)
        return DocxParagraph(new, self.container)

    def rule(self, length_mm: float, cell_mm: float, *, before: float = 0, after: float = 0) -> Any:
        """A solid rule of ``length_mm`` centred in ``cell_mm``: a bottom border, not underline."""
        side = max((cell_mm - length_mm) / 2, 0)
        p = self.para(size=2, before=before, after=after, left_mm=side, right_mm=side)
        # The rule sits a little under the text above it, as in the decree's samples.
        p.paragraph_format.line_spacing = Pt(2)
        _bottom_border(p)
        return p


def _mark_size(p: Any, size: float) -> None:
    """Size of the paragraph mark, so empty lines have the height of their text."""
    pPr = p._p.get_or_add_pPr()
    rPr = pPr.find(qn("w:rPr"))
    if rPr is None:
        rPr = OxmlElement("w:rPr")
        pPr.append(rPr)
    _set_fonts(rPr, size)


def _bottom_border(p: Any) -> None:
    pPr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    pPr.insert_element_before(
        bdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
        "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    )


def _table(doc: Any, rows: int, widths_mm: Sequence[float], *, borders: bool) -> Any:
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblPr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblPr.append(layout)
    tbl_borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if borders:
            for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                el.set(qn(k), v)
        else:
            el.set(qn("w:val"), "nil")
        tbl_borders.append(el)
    tblPr.append(tbl_borders)
    if not borders:
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:w"), "0")
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tblPr.append(margins)
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    return table


def _no_split(row: Any) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    trPr.append(el)


def _keep_with_next_row(row: Any) -> None:
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


def _repeat_header(row: Any) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trPr.append(el)


def _page_number_field(paragraph: Any, size: float) -> None:
    """A PAGE field: Word and LibreOffice fill in the number."""
    run = _run(paragraph, "", size)
    for tag, attrs in (
        ("w:fldChar", {"w:fldCharType": "begin"}),
        ("w:instrText", {"xml:space": "preserve"}),
        ("w:fldChar", {"w:fldCharType": "separate"}),
        ("w:t", {}),
        ("w:fldChar", {"w:fldCharType": "end"}),
    ):
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        if tag == "w:instrText":
            el.text = " PAGE "
        if tag == "w:t":
            el.text = "2"
        run._element.append(el)


def _setup_section(section: Any, form: Form, *, landscape: bool = False, restart: bool = False) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(HEADER_DISTANCE_MM)
    section.different_first_page_header_footer = True
    if restart:
        sectPr = section._sectPr
        pg = sectPr.find(qn("w:pgNumType"))
        if pg is None:
            pg = OxmlElement("w:pgNumType")
            sectPr.insert_element_before(
                pg, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                "w:sectPrChange",
            )
        pg.set(qn("w:start"), "1")


def _text_width(section: Any) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 36000


class _Renderer:
    def __init__(self, doc: OfficialDocument) -> None:
        self.doc = doc
        self.form: Form = doc.resolved_form
        self.size = SIZES[self.form]
        self.word = _new_document()
        self._styles()
        section = self.word.sections[0]
        _setup_section(section, self.form)
        self.width_mm = _text_width(section)
        self._page_numbers(section)
        self.body = _Writer(self.word)
        self._signatures = 0
        self._bookmarks = 0

    def _styles(self) -> None:
        styles = self.word.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(self.size["body"])
        normal.font.color.rgb = RGBColor(0, 0, 0)
        rPr = normal.element.get_or_add_rPr()
        _set_fonts(rPr)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        rPr.append(lang)
        normal.paragraph_format.space_after = Pt(0)
        props = self.word.core_properties
        # Word keeps core properties to 255 characters; the full title stays in the body.
        props.title = core_property_text(self.doc.title)
        props.author = core_property_text(self.doc.issuers[0].name)
        props.language = "vi-VN"

    def _page_numbers(self, section: Any) -> None:
        header = section.header
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_number_field(p, self.size["page_number"])
        first = section.first_page_header
        first.is_linked_to_previous = False
        first.paragraphs[0].text = ""

    # --- cells 1-4 ------------------------------------------------------------------------

    def header(self) -> None:
        left_mm = round(self.width_mm * (0.42 if self.form == "state" else 0.45), 1)
        right_mm = round(self.width_mm - left_mm, 1)
        table = _table(self.word, 2, [left_mm, right_mm], borders=False)
        left, right = (_Writer(c) for c in table.rows[0].cells)
        s = self.size
        issuer_widths = []
        printed_superior = ""
        for issuer in self.doc.issuers:
            # Issuers under one superior body print it once, above the first of them.
            if issuer.superior and fold(issuer.superior) != fold(printed_superior):
                left.para(_fit_superior(issuer.superior.upper(), s["superior"], left_mm),
                          size=s["superior"])
                printed_superior = issuer.superior
            name = issuer.name.upper()
            left.para(name, size=s["issuer"], bold=True)
            issuer_widths.append(min(text_width_mm(name, s["issuer"], bold=True), left_mm))
        if self.form == "party":
            left.para("*", size=s["issuer"])
            right.para(PARTY_TITLE, size=s["national"], bold=True)
            right.rule(text_width_mm(PARTY_TITLE, s["national"], bold=True), right_mm, before=2)
        else:
            # 1/3 to 1/2 of the issuer name: 40% of the longest name line.
            left.rule(max(issuer_widths) * 0.4, left_mm, before=2)
            right.para(QUOC_HIEU, size=s["national"], bold=True)
            right.para(TIEU_NGU, size=s["motto"], bold=True)
            right.rule(text_width_mm(TIEU_NGU, s["motto"], bold=True), right_mm, before=2)
        number, date = (_Writer(c) for c in table.rows[1].cells)
        number.para(self.doc.number_line, size=s["number"], before=6)
        date.para(self.doc.date_line, size=s["date"], italic=True, before=6)

    # --- cell 5a, 9a ----------------------------------------------------------------------

    def title(self) -> None:
        s = self.size
        self.body.para(self.doc.heading_type, size=s["type"], bold=True, before=18, keep_next=True)
        title_lines = [line for line in self.doc.title.split("\n") if line.strip()]
        for line in title_lines:
            self.body.para(line, size=s["title"], bold=True, keep_next=True)
        longest = max((text_width_mm(t, s["title"], bold=True) for t in title_lines), default=60)
        self.body.rule(min(max(longest * 0.4, 30), self.width_mm / 2), self.width_mm, before=3,
                       after=12)

    def addressees(self) -> None:
        names = [a.strip().rstrip(";.") for a in self.doc.addressees if a.strip()]
        if not names:
            return
        size = self.size["addressee"]
        if len(names) == 1:
            self.body.para(f"Kính gửi: {names[0]}.", size=size, after=12)
            return
        label = "Kính gửi:"
        left = self.width_mm * 0.2
        self.body.para(label, size=size, align="left", left_mm=left)
        dash_at = left + text_width_mm(label, size)
        for i, name in enumerate(names):
            end = "." if i == len(names) - 1 else ";"
            self.body.para(f"- {name}{end}", size=size, align="left", left_mm=dash_at,
                           after=12 if end == "." else 0)

    # --- cell 6 ---------------------------------------------------------------------------

    def blocks(self, blocks: Sequence[Block], width_mm: float) -> None:
        s = self.size
        body = self.body
        for block in blocks:
            if isinstance(block, Heading):
                if block.level <= 0:
                    for i, line in enumerate(block.text.split("\n")):
                        body.para(line, size=s["body"], bold=True, before=12 if i == 0 else 0,
                                  after=6, keep_next=True)
                else:
                    body.para(block.text, size=s["body"], bold=block.level <= 2,
                              italic=block.level >= 3, align="justify", before=6 if block.level == 1 else 0,
                              after=6, line=1.15, first_indent_mm=FIRST_LINE_INDENT_MM, keep_next=True)
            elif isinstance(block, Paragraph):
                body.para(block.text, size=s["body"], bold=block.bold, italic=block.italic,
                          align=block.align, after=6, line=1.15,
                          first_indent_mm=FIRST_LINE_INDENT_MM if block.indent else 0)
            elif isinstance(block, ListItem):
                label = [Run(block.label + " ")] if block.label else []
                text = [Run(block.text)] if isinstance(block.text, str) else list(block.text)
                body.para(label + text, size=s["body"], align="justify", after=6, line=1.15,
                          first_indent_mm=FIRST_LINE_INDENT_MM)
            elif isinstance(block, Table):
                self.table(block, width_mm)
            elif isinstance(block, PageBreak):
                p = body.para(size=s["body"])
                p.add_run().add_break(WD_BREAK.PAGE)
            else:  # pragma: no cover - a programming error
                raise TypeError(f"Unknown block: {block!r}")

    def table(self, block: Table, width_mm: float) -> None:
        size = block.font_size or self.size["table"]
        if block.caption:
            self.body.para(block.caption, size=self.size["body"], bold=True, after=6, keep_next=True)
        n = len(block.columns)
        widths = table_widths(block.columns, block.widths, width_mm, size, _short_words(block))
        aligns: list[Align | None] = list(block.align) if block.align else [None] * n
        table = _table(self.word, 1, widths, borders=True)
        head = table.rows[0]
        _repeat_header(head)
        for cell, text in zip(head.cells, block.columns, strict=True):
            _Writer(cell).para(str(text), size=size, bold=True, before=3, after=3)
            _center_vertically(cell)
        # Rows are copied from one formatted row and paragraphs from one formatted paragraph per
        # (alignment, bold): python-docx's cell and style access is slow per cell, XML copies are not.
        rows = _RowFactory(table, size)
        for raw in block.rows:
            row = raw if isinstance(raw, TableRow) else TableRow(cells=raw)
            if row.merged:
                cells = table.add_row().cells
                _no_split(table.rows[-1])
                merged = cells[0].merge(cells[-1])
                _Writer(merged).para(_cell_text(row.cells[0] if row.cells else ""), size=size,
                                     bold=True, align="left", before=2, after=2)
                continue
            texts: list[list[tuple[str, Align]]] = []
            for i, value in enumerate(row.cells):
                # Without a given alignment, figures are centred and text is flush left.
                align = aligns[i] or ("center" if isinstance(value, (int, float, Decimal)) else "left")
                texts.append([(line, align) for line in _cell_text(value).split("\n")])
            if len(texts) != n:
                raise ValueError(f"A row has {len(texts)} cells for {n} columns.")
            rows.append(texts, bold=row.bold)
        # A table followed directly by a table or the signature block needs a gap.
        self.body.para(size=6)

    # --- cells 7, 7c, 8, 9b -----------------------------------------------------------------

    def _block_lines(self, signer: Signer, issuer: Issuer | None) -> list[str]:
        """Cell 7a: the authority mark and the title; in a joint document the body's name too
        (under a "TM." mark, which names only the collective, above the title otherwise)."""
        lines = signer.lines(self.form)
        if issuer is None:
            return lines or [""]
        name = issuer.name.upper()
        if signer.authority and _convert_mark(signer.authority.upper(), "state").startswith("TM."):
            return [lines[0], name, *lines[1:]]
        return [name, *lines]

    def _signer(self, cell: Any, signer: Signer, issuer: Issuer | None = None,
                name_cell: Any = None) -> None:
        """Authority and title, the place of the signature and seal images, then rank and name
        (in ``name_cell`` when given, so that the names of one row of blocks line up)."""
        s = self.size["signer"]
        w = _Writer(cell)
        for line in self._block_lines(signer, issuer):
            w.para(line, size=s, bold=True, keep_next=True)
        below = _Writer(name_cell) if name_cell is not None else w
        self._signature_place(below)
        below.para(signer.signed_name, size=s, bold=True)

    def _signature_place(self, writer: _Writer) -> None:
        """Cells 7c and 8 (Decree 30, Phụ lục I, for electronic documents): the signature image
        centred between the title and the name, the seal over its left third. One paragraph of
        fixed height holds that place, marked by the bookmarks "signature_N" and "seal_N" for
        the signing software."""
        self._signatures += 1
        p = writer.para(size=self.size["signer"], keep_next=True)
        p.paragraph_format.line_spacing = Mm(SIGNATURE_SPACE_MM)
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        for name in (f"seal_{self._signatures}", f"signature_{self._signatures}"):
            self._bookmark(p, name)

    def _bookmark(self, p: Any, name: str) -> None:
        self._bookmarks += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmarks))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmarks))
        p._p.append(start)
        p._p.append(end)

    def _recipients(self, writer: _Writer) -> None:
        s = self.size
        if self.form == "party":
            writer.para("Nơi nhận:", size=s["recipients_label"], underline=True, align="left", keep_next=True)
        else:
            writer.para("Nơi nhận:", size=s["recipients_label"], bold=True, italic=True, align="left",
                        keep_next=True)
        items: list[str] = []
        for r in self.doc.recipients:
            item = r.strip().lstrip("-").strip().rstrip(";.")
            if item and item not in items:
                items.append(item)
        items.append(self.doc.archive_line.rstrip(";."))
        for i, item in enumerate(items):
            last = i == len(items) - 1
            # The list stays together: its "Lưu" line never goes to a page of its own.
            writer.para(f"- {item}{'.' if last else ';'}", size=s["recipients"], align="left", keep_next=not last)

    def _keep_body_with_signatures(self) -> None:
        """The signature block never stands alone on the last page: the last paragraph of the
        body keeps with it (keep-with-next runs on to the block's unsplittable rows)."""
        body = self.word.element.body
        for el in reversed(body):
            if el.tag == qn("w:p"):
                if "".join(t.text or "" for t in el.iter(qn("w:t"))).strip():
                    DocxParagraph(el, self.word).paragraph_format.keep_with_next = True
                    return
                DocxParagraph(el, self.word).paragraph_format.keep_with_next = True
            elif el.tag == qn("w:tbl"):
                rows = el.findall(qn("w:tr"))
                for tr in rows[-2:]:  # the last rows of a table keep with what follows
                    for p in tr.iter(qn("w:p")):
                        DocxParagraph(p, self.word).paragraph_format.keep_with_next = True
                return

    def signature_rows(self, count: int) -> list[int]:
        """How many blocks each row holds: at most three, two where a name is long, spread
        evenly (7 -> 3, 2, 2)."""
        if count <= 2:
            return [count]
        per = 2 if self._long_names() else 3
        rows = -(-count // per)
        return [count // rows + (1 if i < count % rows else 0) for i in range(rows)]

    def _long_names(self) -> bool:
        """A block three to a row is 55 mm wide: too narrow when the signer's rank and name do
        not fit on one line, or a line of the title would need more than three lines there."""
        size = self.size["signer"]
        width = self.width_mm / 3 - 2
        issuers = list(self.doc.issuers) + [None] * len(self.doc.signers)
        for signer, issuer in zip(self.doc.signers, issuers, strict=False):
            if _wrapped_lines(signer.signed_name, size, bold=True, width_mm=width) > 1:
                return True
            for line in self._block_lines(signer, issuer):
                if _wrapped_lines(line, size, bold=True, width_mm=width) > 3:
                    return True
        return False

    def signatures(self) -> None:
        self._keep_body_with_signatures()
        self.body.para(size=6, keep_next=True)  # a little air between the body and the block
        signers = list(self.doc.signers) or [Signer()]
        if len(signers) == 1:
            half = self.width_mm / 2
            table = _table(self.word, 1, [half * 0.9, half * 1.1], borders=False)
            _no_split(table.rows[0])
            left, right = table.rows[0].cells
            self._recipients(_Writer(left))
            self._signer(right, signers[0])
            return
        # Which issuer goes where: the lead issuer (the first) signs top right, as a single
        # issuer does; the others follow from right to left, row by row.
        issuers = list(self.doc.issuers) + [None] * (len(signers) - len(self.doc.issuers))
        pairs = list(zip(signers, issuers, strict=False))
        if not self.doc.lead_signs_right:
            pairs = list(reversed(pairs))
        sizes = self.signature_rows(len(pairs))
        col = self.width_mm / max(sizes)
        at = 0
        for r, n in enumerate(sizes):
            row_pairs = list(reversed(pairs[at:at + n]))
            at += n
            if r:
                self.body.para(size=12, keep_next=False)  # tables side by side need a paragraph
            table = _table(self.word, 2, [col] * n, borders=False)
            for row in table.rows:
                _no_split(row)
            cells = zip(table.rows[0].cells, table.rows[1].cells, row_pairs, strict=True)
            for top, bottom, (signer, issuer) in cells:
                self._signer(top, signer, issuer, name_cell=bottom)
            _keep_with_next_row(table.rows[0])
        # The last row of blocks keeps with Nơi nhận, which never goes to a page of its own.
        _keep_with_next_row(table.rows[1])
        self.body.para(size=12, keep_next=True)
        # Nơi nhận under the signatures, in the left half.
        start = len(self.word.paragraphs)
        self._recipients(self.body)
        for p in self.word.paragraphs[start:]:
            p.paragraph_format.right_indent = Mm(self.width_mm / 2)

    # --- appendices -----------------------------------------------------------------------

    def appendices(self) -> None:
        apps = list(self.doc.appendices)
        s = self.size
        for i, appendix in enumerate(apps, start=1):
            section = self.word.add_section(WD_SECTION.NEW_PAGE)
            _setup_section(section, self.form, landscape=appendix.landscape, restart=True)
            width = _text_width(section)
            label = f"Phụ lục {roman(i)}" if len(apps) > 1 else "Phụ lục"
            # Decree 30, electronic documents: the agency signs an attachment with its digital
            # signature at the top right of the attachment's first page (size 10).
            place = self.body.para(size=10, align="right")
            self._bookmark(place, f"agency_signature_appendix_{i}")
            self.body.para(label, size=s["appendix_label"], bold=True, keep_next=True)
            self.body.para(appendix.title.upper(), size=s["appendix_title"], bold=True, keep_next=True)
            self.body.para(self.doc.reference, size=s["appendix_note"], italic=True, after=12)
            self.blocks(appendix.blocks, width)

    def render(self) -> bytes:
        self.header()
        self.title()
        self.addressees()
        self.blocks(self.doc.body, self.width_mm)
        self.signatures()
        self.appendices()
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()


class _RowFactory:
    """Appends rows to a table by copying a formatted row and formatted paragraphs."""

    def __init__(self, table: Any, size: float) -> None:
        self.table = table
        self.size = size
        model = table.add_row()
        _no_split(model)
        self.row = model._tr
        self.row.getparent().remove(self.row)
        for tc in self.row.iterchildren(qn("w:tc")):
            for p in tc.findall(qn("w:p")):
                tc.remove(p)
        self.paragraphs: dict[tuple[Align, bool, bool], Any] = {}

    def _paragraph(self, align: Align, bold: bool, empty: bool) -> Any:
        key = (align, bold, empty)
        if key not in self.paragraphs:
            from docx.table import _Cell

            scratch = copy.deepcopy(self.row)
            self.table._tbl.append(scratch)
            writer = _Writer(_Cell(next(scratch.iterchildren(qn("w:tc"))), self.table))
            writer._fresh = False  # the model row's cells hold no paragraph
            p = writer.para("" if empty else "x", size=self.size, bold=bold, align=align, before=2, after=2)
            self.paragraphs[key] = p._p
            self.table._tbl.remove(scratch)
        return self.paragraphs[key]

    def append(self, cells: Sequence[Sequence[tuple[str, Align]]], *, bold: bool) -> None:
        tr = copy.deepcopy(self.row)
        for tc, lines in zip(tr.iterchildren(qn("w:tc")), cells, strict=True):
            for text, align in lines:
                p = copy.deepcopy(self._paragraph(align, bold, not text))
                if text:
                    t = p.find(f"{qn('w:r')}/{qn('w:t')}")
                    t.text = text
                    if text != text.strip():
                        t.set(qn("xml:space"), "preserve")
                tc.append(p)
        self.table._tbl.append(tr)


def _short_words(block: Table) -> list[list[str]]:
    """Each column's words of at most 9 characters (figures, fractions, short codes)."""
    out: list[list[str]] = [[] for _ in block.columns]
    for raw in block.rows:
        row = raw if isinstance(raw, TableRow) else TableRow(cells=raw)
        if row.merged:
            continue
        for i, value in enumerate(row.cells[:len(out)]):
            out[i].extend(w for w in _cell_text(value).split() if len(w) <= 9)
    return out


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, (int, float, Decimal)):
        from phoihop.vn.numbers import format_number

        return format_number(value)
    if isinstance(value, datetime.date):
        from phoihop.vn.dates import format_short

        return format_short(value)
    return str(value)


def _center_vertically(cell: Any) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "center")
    tcPr.append(v)


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as a ``.docx`` file."""
    return _Renderer(doc).render()
