"""An agreement's fields read from the text of its document (a signed program, regulation or
plan), each with the place it was read from.

Pure functions over the document's paragraphs (``document_text`` turns a Word or PDF file into
them): no database, no Django. What is found is a proposal for the officer to check, so nothing
is guessed where the text is silent, and every value keeps its spans (paragraph index, start and
end) for the draft page to mark in the source. Matching the issuers' names to the registry is
done above (``agreement_draft``), on the folded key.

The layout read is Decree 30/2020/NĐ-CP and the Party's format, as phoihop writes them and as
agencies type them: the issuers in the header ("BAN CHỈ HUY QUÂN SỰ QUẬN 4"), "Số: 03/CTr-…",
"…, ngày 15 tháng 9 năm 2023", the type name ("CHƯƠNG TRÌNH PHỐI HỢP") with the summary under
it, "Căn cứ …" lines, numbered sections ("I.", "Chương I", "Điều 1.", "1."), the signature
blocks (authority, body, title, rank and name) and "Nơi nhận".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from phoihop.vn.text import clean_name, fold

PROGRAM, REGULATION, PLAN = "program", "regulation", "plan"
# The type name's first words (folded) and the kind they name; the longer forms first.
KIND_WORDS: list[tuple[str, str]] = [
    ("chuong trinh phoi hop", PROGRAM),
    ("quy che phoi hop", REGULATION),
    ("ke hoach phoi hop", PLAN),
    ("chuong trinh", PROGRAM),
    ("quy che", REGULATION),
    ("ke hoach", PLAN),
]
# How far into the document the type name is looked for (paragraphs).
HEADER_LIMIT = 40

RANKS = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng",
    "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
    "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy",
)  # fmt: skip
# Signing titles, as in documents.official, and a few more that agencies sign with.
TITLES = (
    "Phó Chỉ huy trưởng", "Chỉ huy trưởng", "Chính trị viên phó", "Chính trị viên",
    "Phó Tư lệnh", "Tư lệnh", "Phó Chính ủy", "Chính ủy", "Phó Trưởng ban", "Trưởng ban",
    "Phó Bí thư", "Bí thư", "Phó Chủ tịch", "Chủ tịch", "Phó Giám đốc", "Giám đốc",
    "Phó Hiệu trưởng", "Hiệu trưởng", "Phó Trưởng Công an", "Trưởng Công an", "Phó Chủ nhiệm",
    "Chủ nhiệm", "Phó Trưởng phòng", "Trưởng phòng", "Chánh Văn phòng", "Thủ trưởng",
)  # fmt: skip
_TITLE_KEYS = {fold(t): t for t in TITLES}
_MARK = re.compile(r"^(TM|KT|TL|TUQ|Q|T/M|K/T|T/L|T/UQ)[./]?\s", re.IGNORECASE)

_NUMBER = re.compile(r"(?<![\w])S[ốỐ]\s*:?\s*(\d[^\s,;]*)")
_NUMBER_LABEL = re.compile(r"(?<![\w])S[ốỐ]\s*:?(?=\s|$)")
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_PERIOD = re.compile(
    r"(?:giai\s+đoạn|năm|từ\s+năm)\s+((?:19|20)\d\d)\s*(?:[-–—]|đến(?:\s+năm)?)\s*((?:19|20)\d\d)",
    re.IGNORECASE,
)
_ONE_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_ROMAN = r"[IVXLC]+"
_PART = re.compile(rf"^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+({_ROMAN}|\d+)\b\.?:?\s*(.*)$")
_ROMAN_HEADING = re.compile(rf"^({_ROMAN})\s*[.:]\s+(\S.*)$")
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]?\s*(.*)$")
_ITEM = re.compile(r"^(\d{1,3})\s*[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^[-+•*–]\s*")
_FIXED = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "dang cong san viet nam",
)


@dataclass(frozen=True)
class Span:
    """Where a value was read: paragraph ``line``, characters ``start`` to ``end``."""

    line: int
    start: int
    end: int


@dataclass
class Found:
    value: Any
    spans: list[Span] = field(default_factory=list)


@dataclass
class Area:
    number: int
    title: str
    text: str
    responsible: str  # the "Bên thực hiện" line as written, matched to the parties above
    spans: list[Span] = field(default_factory=list)


@dataclass
class Signature:
    """One signature block: its authority mark, the body it names, the title, rank and name."""

    authority: str = ""
    body: str = ""
    position: str = ""
    rank: str = ""
    name: str = ""
    spans: list[Span] = field(default_factory=list)


@dataclass
class Mention:
    """A party named in the body ("Trách nhiệm của …"), with the role its first duty shows."""

    name: str
    role: str  # "lead", "cooperating" or "" when the text does not say
    spans: list[Span] = field(default_factory=list)


@dataclass
class Extraction:
    lines: list[str]
    kind: Found | None = None
    number_symbol: Found | None = None
    signed_on: Found | None = None
    title: Found | None = None
    period: Found | None = None
    legal_bases: list[Found] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    issuers: list[Found] = field(default_factory=list)  # header lines that may name issuers
    signatures: list[Signature] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(line.strip() for line in self.lines)


def _whole(lines: Sequence[str], i: int) -> Span:
    return Span(i, 0, len(lines[i]))


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def extract(paragraphs: Sequence[str]) -> Extraction:
    """Every field the text gives, each with its spans in ``paragraphs`` (as cleaned here)."""
    lines = [clean_name(p) for p in paragraphs]
    out = Extraction(lines=lines)
    kind_at = _find_kind(lines, out)
    header_end = kind_at if kind_at is not None else _first_body_line(lines)
    _read_header(lines, header_end, out)
    body_start = kind_at + 1 if kind_at is not None else header_end
    body_start = _read_title(lines, body_start, out) if kind_at is not None else body_start
    _read_period(lines, out)
    sections = _sections(lines, body_start)
    first_section = sections[0][0] if sections else len(lines)
    _read_legal_bases(lines, body_start, first_section, out)
    _read_areas(lines, sections, out)
    _read_mentions(lines, sections, out)
    _read_signatures(lines, out)
    if out.signed_on is None:  # some documents date the signatures, not the header
        for i in range(len(lines) - 1, max(first_section, 0) - 1, -1):
            if _date_in(lines, i, out):
                break
    return out


# --- the header ------------------------------------------------------------------------------


def _find_kind(lines: list[str], out: Extraction) -> int | None:
    for i, line in enumerate(lines[:HEADER_LIMIT]):
        words = line.split()
        # The type name is in capitals: "CHƯƠNG TRÌNH PHỐI HỢP" (the body's "Chương trình …"
        # sentence is not it).
        upper = " ".join(w for w in words[:4] if _is_upper(w))
        key = fold(upper)
        for start, kind in KIND_WORDS:
            if key == start or key.startswith(start + " "):
                length = len(" ".join(words[: len(start.split())]))
                out.kind = Found(kind, [Span(i, 0, length)])
                return i
    return None


def _first_body_line(lines: list[str]) -> int:
    for i, line in enumerate(lines[:HEADER_LIMIT]):
        if fold(line).startswith("can cu") or _heading(line):
            return i
    return min(len(lines), 12)


def _date_in(lines: list[str], i: int, out: Extraction) -> bool:
    """The date line on paragraph ``i``, or running on to the next (a PDF wraps it)."""
    m = _DATE.search(lines[i])
    spans: list[Span] = []
    if m:
        spans = [Span(i, m.start(), m.end())]
    elif i + 1 < len(lines) and re.search(r"ngày\s+\d", lines[i], re.IGNORECASE):
        joined = f"{lines[i]} {lines[i + 1]}"
        m = _DATE.search(joined)
        if m and m.start() < len(lines[i]) < m.end():
            cut = len(lines[i]) + 1
            spans = [Span(i, m.start(), len(lines[i])), Span(i + 1, 0, m.end() - cut)]
    if not m:
        return False
    try:
        value = datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return False
    out.signed_on = Found(value, spans)
    return True


def _read_header(lines: list[str], end: int, out: Extraction) -> None:
    for i in range(end):
        line = lines[i]
        rest = line
        m = _NUMBER.search(line)
        if m and out.number_symbol is None:
            out.number_symbol = Found(m.group(1).rstrip(".,;"), [Span(i, m.start(1), m.end(1))])
        if out.signed_on is None:
            _date_in(lines, i, out)
        # What is left of the line once the number, the date line and the fixed titles are
        # taken out may name an issuer (a PDF may run two header cells into one line).
        label = _NUMBER_LABEL.search(rest)
        if label:
            rest = rest[: label.start()]
        date = _DATE.search(rest)
        if date:
            rest = rest[: date.start()].rsplit(",", 1)[0] if "," in rest[: date.start()] else ""
        key = fold(rest)
        for fixed in _FIXED:
            if fixed in key:
                rest = ""
        rest = rest.strip(" *-_")
        if _is_upper(rest):
            start = line.find(rest)
            out.issuers.append(Found(rest, [Span(i, start, start + len(rest))]))


def _read_title(lines: list[str], at: int, out: Extraction) -> int:
    """The summary under the type name, up to a blank line, "Căn cứ", a heading or the body's
    first sentence; the title is the type name with it ("Chương trình phối hợp giữa …")."""
    assert out.kind is not None
    kind_span = out.kind.spans[0]
    kind_line = lines[kind_span.line]
    kind_words = _sentence_case(kind_line[: kind_span.end])
    parts: list[str] = []
    spans: list[Span] = []
    tail = kind_line[kind_span.end :].strip(" :-")
    if tail:
        start = kind_line.find(tail, kind_span.end)
        parts.append(tail)
        spans.append(Span(kind_span.line, start, start + len(tail)))
    i = at
    while i < len(lines) and len(parts) < 4:
        line = lines[i]
        key = fold(line)
        if not line.strip():
            if parts:
                i += 1
                break
            i += 1
            continue
        if (
            key.startswith("can cu")
            or _heading(line)
            or line.startswith("(")
            or "thong nhat" in key
            or line.rstrip().endswith(":")
            or set(line.strip()) <= set("-_*")
        ):
            break
        parts.append(line.strip())
        spans.append(_whole(lines, i))
        i += 1
    summary = " ".join(parts).strip().rstrip(".")
    if not summary:
        out.title = None
        return i
    if fold(summary).startswith(fold(kind_words)):
        title = summary[:1].upper() + summary[1:]
    else:
        title = f"{kind_words} {_lower_first(summary)}"
    out.title = Found(title, spans)
    return i


# Words that open a summary and are never a name's first word ("Giữa Ban …" reads "giữa Ban …").
_FUNCTION_WORDS = {"giua", "ve", "voi", "cua", "nam", "giai", "trong", "thuc"}


def _lower_first(text: str) -> str:
    """The summary as it continues the type name: "Hoạt động giữa …" reads "hoạt động giữa …",
    "Giữa Ban …" reads "giữa Ban …"; a name ("Ban Tuyên giáo …") or an acronym stays."""
    words = text.split()
    if not words:
        return text
    if fold(words[0]) in _FUNCTION_WORDS:
        return text[:1].lower() + text[1:]
    if _is_upper(words[0]) or (len(words) > 1 and words[1][:1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def _read_period(lines: list[str], out: Extraction) -> None:
    if out.title is not None:
        for span in out.title.spans:
            segment = lines[span.line][span.start : span.end]
            m = _PERIOD.search(segment)
            if m:
                out.period = Found(
                    (int(m.group(1)), int(m.group(2))),
                    [Span(span.line, span.start + m.start(), span.start + m.end())],
                )
                return
        # A summary wrapped over two paragraphs ("giai" / "đoạn 2022-2025").
        text = " ".join(lines[s.line][s.start : s.end] for s in out.title.spans)
        m = _PERIOD.search(text)
        if m:
            out.period = Found((int(m.group(1)), int(m.group(2))), list(out.title.spans))
            return
        for span in out.title.spans:
            segment = lines[span.line][span.start : span.end]
            one = _ONE_YEAR.search(segment)
            if one:
                year = int(one.group(1))
                out.period = Found(
                    (year, year),
                    [Span(span.line, span.start + one.start(), span.start + one.end())],
                )
                return
    # The body's "thực hiện trong giai đoạn 2022-2025" / "có hiệu lực … giai đoạn …".
    for i, line in enumerate(lines):
        key = fold(line)
        if "thuc hien trong" in key or "hieu luc" in key:
            m = _PERIOD.search(line)
            if m:
                out.period = Found(
                    (int(m.group(1)), int(m.group(2))), [Span(i, m.start(), m.end())]
                )
                return


# --- the body --------------------------------------------------------------------------------


def _heading(line: str) -> tuple[str, str, str] | None:
    """("part" | "article" | "item", label, title) of a heading line, or None."""
    line = line.strip()
    m = _PART.match(line)
    if m:
        return ("part", m.group(1), m.group(2).strip())
    m = _ROMAN_HEADING.match(line)
    if m:
        return ("part", m.group(1), m.group(2).strip())
    m = _ARTICLE.match(line)
    if m:
        return ("article", m.group(1), m.group(2).strip())
    m = _ITEM.match(line)
    if m:
        return ("item", m.group(1), m.group(2).strip())
    return None


# A section: (index of its heading, its title, the index where it ends).
Section = tuple[int, str, int]


def _sections(lines: list[str], start: int) -> list[Section]:
    """The top-level sections ("I. …", "Chương I" with its title on the next line)."""
    heads: list[tuple[int, str]] = []
    for i in range(start, len(lines)):
        found = _heading(lines[i])
        if found and found[0] == "part":
            title = found[2]
            if not title and i + 1 < len(lines) and _is_upper(lines[i + 1]):
                title = lines[i + 1].strip()
            heads.append((i, title))
    out: list[Section] = []
    for n, (i, title) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else _closing(lines, i)
        out.append((i, title, end))
    return out


def _closing(lines: list[str], after: int) -> int:
    """Where the body ends: the signature blocks or "Nơi nhận"."""
    for i in range(after + 1, len(lines)):
        if fold(lines[i]).startswith("noi nhan") or _MARK.match(lines[i]):
            return _back_over_signatures(lines, i)
    return _back_over_signatures(lines, len(lines))


def _back_over_signatures(lines: list[str], end: int) -> int:
    i = end
    while i > 0 and (not lines[i - 1].strip() or _signature_like(lines[i - 1])):
        i -= 1
    return i


def _read_legal_bases(lines: list[str], start: int, end: int, out: Extraction) -> None:
    for i in range(start, end):
        line = _BULLET.sub("", lines[i])
        offset = len(lines[i]) - len(line)
        if not fold(line).startswith("can cu"):
            continue
        text = re.sub(r"^căn cứ\s*:?\s*", "", line, flags=re.IGNORECASE)
        value = text.rstrip(" ;.,")
        if not value:
            continue
        begin = offset + len(line) - len(text)
        out.legal_bases.append(Found(value, [Span(i, begin, begin + len(value))]))


def _items(lines: list[str], start: int, end: int) -> list[tuple[int, str, str]]:
    """The numbered items of a section: (heading index, number, title). "1.", "2." … in
    sequence (a numbered sentence inside an item's text does not start an item), or "Điều N."."""
    out: list[tuple[int, str, str]] = []
    expected = 1
    for i in range(start + 1, end):
        found = _heading(lines[i])
        if not found:
            continue
        kind, label, title = found
        if kind == "article":
            out.append((i, label, title))
        elif kind == "item" and int(label) == expected:
            out.append((i, label, title))
            expected += 1
    return out


def _read_areas(lines: list[str], sections: list[Section], out: Extraction) -> None:
    for head, title, end in sections:
        key = fold(title)
        if "noi dung" not in key or "trach nhiem" in key:
            continue
        items = _items(lines, head, end)
        articles = bool(items) and _heading(lines[items[0][0]])[0] == "article"  # type: ignore[index]
        number = 0
        for n, (i, label, item_title) in enumerate(items):
            clean_title = item_title.strip().rstrip(".:")
            if fold(clean_title).startswith("phuong thuc"):
                continue  # the methods, not a content area
            number += 1
            stop = items[n + 1][0] if n + 1 < len(items) else end
            text: list[str] = []
            responsible = ""
            for j in range(i + 1, stop):
                line = lines[j].strip()
                if not line:
                    continue
                k = fold(line)
                if k.startswith("ben thuc hien"):
                    responsible = line.split(":", 1)[1].strip().rstrip(".") if ":" in line else ""
                elif k.startswith("chi tieu:"):
                    continue
                else:
                    text.append(line)
            start = lines[i].find(item_title)
            out.areas.append(
                Area(
                    number=number if articles else int(label),
                    title=clean_title,
                    text="\n".join(text),
                    responsible=responsible,
                    spans=[Span(i, start, start + len(clean_title))],
                )
            )
        if out.areas:
            return


def _read_mentions(lines: list[str], sections: list[Section], out: Extraction) -> None:
    """ "Trách nhiệm của <party>", with its first duty: "Chủ trì …" (lead) or "Phối hợp …"."""
    for head, _title, end in sections:
        for i, _label, title in _items(lines, head, end):
            m = re.match(r"^trách nhiệm của\s+(.+?)[.:]?$", title, re.IGNORECASE)
            if not m:
                continue
            name = m.group(1).strip()
            role = ""
            for j in range(i + 1, min(i + 4, end)):
                k = fold(_BULLET.sub("", lines[j]))
                if k.startswith("chu tri"):
                    role = "lead"
                    break
                if k.startswith("phoi hop"):
                    role = "cooperating"
                    break
                if k:
                    break
            start = lines[i].find(name)
            out.mentions.append(Mention(name, role, [Span(i, start, start + len(name))]))


# --- the signatures --------------------------------------------------------------------------


def _rank_and_name(line: str) -> tuple[str, str] | None:
    """ "Thượng tá Nguyễn Văn An" -> ("Thượng tá", "Nguyễn Văn An"); None when the line is not
    a person's name (two to seven capitalised words, no digits, no sentence)."""
    text = line.strip()
    rank = ""
    for r in RANKS:
        if fold(text).startswith(fold(r) + " "):
            rank, text = text[: len(r)], text[len(r) :].strip()
            break
    words = text.split()
    if not 2 <= len(words) <= 7 or _is_upper(text):
        return None
    if any(not w[:1].isupper() or not w.replace("-", "").isalpha() for w in words):
        return None
    return rank, text


def _signature_like(line: str) -> bool:
    text = line.strip()
    return bool(text) and (
        _is_upper(text) or bool(_MARK.match(text)) or _rank_and_name(text) is not None
    )


def _signature_zone(lines: list[str]) -> list[int]:
    """The lines of the signature blocks: those next to "Nơi nhận" (before it, or after its
    list when the blocks sit beside it), or at the end of the document."""
    anchor = next(
        (i for i in range(len(lines) - 1, -1, -1) if fold(lines[i]).startswith("noi nhan")), None
    )
    zone: list[int] = []
    if anchor is None:
        i = _back_over_signatures(lines, len(lines))
        return [j for j in range(i, len(lines)) if lines[j].strip()]
    i = _back_over_signatures(lines, anchor)
    zone.extend(j for j in range(i, anchor) if lines[j].strip())
    j = anchor + 1
    while j < len(lines) and (_BULLET.match(lines[j]) or not lines[j].strip()):
        j += 1
    while j < len(lines) and (not lines[j].strip() or _signature_like(lines[j])):
        if lines[j].strip():
            zone.append(j)
        j += 1
    return zone


def _read_signatures(lines: list[str], out: Extraction) -> None:
    blocks: list[Signature] = []
    waiting: list[Signature] = []  # blocks whose name comes later (a row of names under them)
    uppers: list[tuple[int, str]] = []
    current: Signature | None = None

    def close() -> None:
        nonlocal current, uppers
        if current is None:
            return
        if uppers:
            title_at = len(uppers) - 1
            for n, (_i, text) in enumerate(uppers):
                if fold(text) in _TITLE_KEYS:
                    title_at = n
                    break
            if len(uppers) == 1 and fold(uppers[0][1]) not in _TITLE_KEYS and not current.authority:
                title_at = -1  # a body's name alone; its title is not written
            body = [t for n, (_i, t) in enumerate(uppers) if n != title_at]
            current.body = " ".join(body)
            if title_at >= 0:
                position = uppers[title_at][1]
                current.position = _TITLE_KEYS.get(fold(position), _sentence_case(position))
            current.spans.extend(_whole(lines, i) for i, _t in uppers)
        blocks.append(current)
        waiting.append(current)
        current, uppers = None, []

    for i in _signature_zone(lines):
        text = lines[i].strip()
        person = None if _is_upper(text) else _rank_and_name(text)
        if person is not None:
            close()
            if waiting:
                block = waiting.pop(0)
                block.rank, block.name = person
                block.spans.append(_whole(lines, i))
            continue
        if _MARK.match(text):
            close()
            current = Signature(authority=text, spans=[_whole(lines, i)])
            continue
        if current is None:
            current = Signature()
        elif uppers and fold(uppers[-1][1]) in _TITLE_KEYS:
            close()
            current = Signature()
        uppers.append((i, text))
        if fold(text) in _TITLE_KEYS:
            close()
    close()
    out.signatures = [b for b in blocks if b.body or b.position or b.name]
