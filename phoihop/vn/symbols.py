"""Document number and symbol ("số, ký hiệu").

State form (Decree 30): ``NN/TYPE-ISSUER``, e.g. "03/CTr-BCHQS"; normative
documents add the year ("30/2020/NĐ-CP"); a công văn has no type
("05/BNV-VP": body, then drafting unit).
Party form (HD 36-HD/VPTW): ``NN-TYPE/ISSUER``, e.g. "05-ĐA/TU".
Joint documents join issuers with "-", lead body first. Numbers below 10
take a leading zero in both forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from phoihop.vn.text import clean

__all__ = [
    "DOC_TYPES",
    "ParsedSymbol",
    "SymbolError",
    "doc_type_name",
    "format_number_line",
    "format_symbol",
    "is_party_form",
    "parse_symbol",
]

Form = Literal["state", "party"]

DOC_TYPES: dict[str, str] = {
    # Decree 30, Phụ lục III, Mục I (a công văn has no type abbreviation).
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "SY": "Bản sao y",
    "TrS": "Bản trích sao",
    "SL": "Bản sao lục",
    # Party documents only (HD 36 and real Party numbers).
    "KL": "Kết luận",
    "TT": "Thông tri",
    "CV": "Công văn",
    "BS": "Bản sao",
    # Local practice, in no official list.
    "DS": "Danh sách",
    "QCPH": "Quy chế phối hợp",
    "CTrPH": "Chương trình phối hợp",
}

_TYPES_BY_UPPER = {code.upper(): code for code in DOC_TYPES}

_TYPE = r"[A-ZĐ][A-Za-zĐđ]*"
_ISSUER = r"[A-ZĐ][A-ZĐ0-9]*"
_ISSUERS = rf"{_ISSUER}(?:-{_ISSUER})*"
_PREFIX = re.compile(r"^s[oố]\s*:?\s*", re.IGNORECASE)
_SEPARATOR_SPACES = re.compile(r"\s*([/-])\s*")
_STATE = re.compile(rf"([0-9]+)(?:/([0-9]{{4}}))?/({_TYPE}(?:-{_ISSUER})*)")
_PARTY = re.compile(rf"([0-9]+)-({_TYPE})/({_ISSUERS})")
_ISSUER_RE = re.compile(_ISSUER)
_TYPE_RE = re.compile(_TYPE)

_EXAMPLE = "Ví dụ: 03/CTr-BCHQS (văn bản nhà nước) hoặc 05-CTr/BTGQU (văn bản của Đảng)."


class SymbolError(ValueError):
    """A document number and symbol that does not follow either form."""


@dataclass(frozen=True)
class ParsedSymbol:
    """Parts of a "số, ký hiệu"; ``doc_type`` is "" for a state công văn."""

    number: int
    year: int | None
    doc_type: str
    issuers: tuple[str, ...]
    form: Form

    def __post_init__(self) -> None:
        if self.number < 1:
            raise SymbolError("Số văn bản phải từ 01 trở lên.")
        if not self.issuers or not all(_ISSUER_RE.fullmatch(i) for i in self.issuers):
            raise SymbolError(f"Ký hiệu cơ quan ban hành không hợp lệ: {self.issuers!r}.")
        if self.doc_type and not _TYPE_RE.fullmatch(self.doc_type):
            raise SymbolError(f"Ký hiệu tên loại văn bản không hợp lệ: {self.doc_type!r}.")
        if self.form == "party" and (not self.doc_type or self.year is not None):
            raise SymbolError("Văn bản của Đảng có dạng 05-CTr/BTGQU: có tên loại, không có năm.")
        if self.year is not None and not self.doc_type:
            raise SymbolError("Số có năm phải có ký hiệu tên loại, ví dụ 30/2020/NĐ-CP.")


def doc_type_name(code: str) -> str | None:
    """Vietnamese name of a type abbreviation, or None if unknown."""
    return DOC_TYPES.get(code)


def _canonical_type(code: str) -> str:
    return _TYPES_BY_UPPER.get(code.upper(), code)


def parse_symbol(s: str) -> ParsedSymbol:
    """Parse "Số: 03/CTr-BCHQS" or "Số 05-CTr/BTGQU"; raise SymbolError."""
    text = clean(s)
    body = _SEPARATOR_SPACES.sub(r"\1", _PREFIX.sub("", text, count=1))
    if m := _STATE.fullmatch(body):
        year = int(m.group(2)) if m.group(2) else None
        head, *rest = m.group(3).split("-")
        doc_type = _canonical_type(head)
        if year is None and doc_type not in DOC_TYPES and head.isupper():
            # No known type: a công văn, "05/BNV-VP" (body, then unit).
            doc_type, rest = "", [head, *rest]
        if not rest:
            raise SymbolError(f'Số, ký hiệu "{text}" thiếu cơ quan ban hành. {_EXAMPLE}')
        return ParsedSymbol(int(m.group(1)), year, doc_type, tuple(rest), "state")
    if m := _PARTY.fullmatch(body):
        issuers = tuple(m.group(3).split("-"))
        return ParsedSymbol(int(m.group(1)), None, _canonical_type(m.group(2)), issuers, "party")
    if not text:
        raise SymbolError("Số, ký hiệu không được để trống.")
    raise SymbolError(f'Số, ký hiệu "{text}" không đúng mẫu. {_EXAMPLE}')


def format_symbol(parsed: ParsedSymbol) -> str:
    """Canonical text: "03/CTr-BCHQS", "05-CTr/BTGQU", "30/2020/NĐ-CP"."""
    number = f"{parsed.number:02d}"
    issuers = "-".join(parsed.issuers)
    if parsed.form == "party":
        return f"{number}-{parsed.doc_type}/{issuers}"
    year = f"/{parsed.year}" if parsed.year is not None else ""
    symbol = f"{parsed.doc_type}-{issuers}" if parsed.doc_type else issuers
    return f"{number}{year}/{symbol}"


def format_number_line(parsed: ParsedSymbol) -> str:
    """Header line: "Số: 03/CTr-BCHQS" (state) or "Số 05-CTr/BTGQU" (Party, no colon)."""
    label = "Số" if parsed.form == "party" else "Số:"
    return f"{label} {format_symbol(parsed)}"


def is_party_form(s: str) -> bool:
    """True if ``s`` is a valid Party-form symbol; False otherwise."""
    try:
        return parse_symbol(s).form == "party"
    except SymbolError:
        return False
