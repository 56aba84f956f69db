"""Vietnamese date and period formats.

Document date lines follow Decree 30 (Phụ lục I): days below 10 and the
months 1 and 2 take a leading zero, months 3 to 12 do not, e.g.
"ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019".
Numeric dates are day first; month-first input is never accepted.
"""

from __future__ import annotations

import re
from datetime import date

from phoihop.vn.text import clean, fold

__all__ = [
    "format_long",
    "format_period",
    "format_place_date",
    "format_short",
    "parse_date",
    "parse_period",
]

_DMY = re.compile(r"([0-9]{1,2})\s*([/.-])\s*([0-9]{1,2})\s*\2\s*([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_LONG = re.compile(r"(?:ngay\s+)?([0-9]{1,2})\s+thang\s+([0-9]{1,2})\s+nam\s+([0-9]{4})")
_PERIOD = re.compile(r"(?:giai doan\s+)?([0-9]{4})\s*-\s*([0-9]{4})")


def format_short(d: date) -> str:
    """Day-first numeric date, e.g. "15/09/2023"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_long(d: date) -> str:
    """Date line text, e.g. "ngày 15 tháng 9 năm 2023"."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def format_place_date(place: str, d: date) -> str:
    """Place and date line, e.g. "Quận 4, ngày 15 tháng 9 năm 2023"."""
    name = clean(place)
    if not name:
        raise ValueError("Địa danh không được để trống.")
    return f"{name}, {format_long(d)}"


def parse_date(s: str) -> date:
    """Parse d/m/yyyy, d-m-yyyy, d.m.yyyy, yyyy-mm-dd or "ngày d tháng m năm yyyy"."""
    text = clean(s)
    parts: tuple[str, str, str] | None = None
    if m := _ISO.fullmatch(text):
        parts = (m.group(3), m.group(2), m.group(1))
    elif m := _DMY.fullmatch(text):
        parts = (m.group(1), m.group(3), m.group(4))
    elif m := _LONG.fullmatch(fold(text)):
        parts = (m.group(1), m.group(2), m.group(3))
    if parts is not None:
        day, month, year = (int(p) for p in parts)
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise ValueError(
        f'Ngày không hợp lệ: "{text}". Nhập theo dạng ngày/tháng/năm, ví dụ 15/09/2023.'
    )


def format_period(start_year: int, end_year: int, *, document: bool = False) -> str:
    """Return "2022–2025" (en dash); ``document=True`` gives "2022-2025"."""
    _check_period(start_year, end_year)
    # Generated documents use the plain hyphen-minus, as real programmes do
    # ("giai đoạn 2016-2021"); the en dash is for on-screen text.
    dash = "-" if document else "\u2013"
    return f"{start_year}{dash}{end_year}"


def parse_period(s: str) -> tuple[int, int]:
    """Parse "2022-2025", "2022 – 2025" or "giai đoạn 2022–2025"."""
    m = _PERIOD.fullmatch(fold(s))
    if m is None:
        raise ValueError(f'Giai đoạn không hợp lệ: "{clean(s)}". Ví dụ: 2022-2025.')
    start, end = int(m.group(1)), int(m.group(2))
    _check_period(start, end)
    return start, end


def _check_period(start: int, end: int) -> None:
    if end < start:
        raise ValueError(
            f"Giai đoạn không hợp lệ: năm kết thúc ({end}) trước năm bắt đầu ({start})."
        )
