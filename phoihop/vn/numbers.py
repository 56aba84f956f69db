"""Vietnamese number format: grouping dot, decimal comma ("1.234.567,5")."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from phoihop.vn.text import nfc, normalize_dashes

__all__ = ["format_number", "format_percent", "parse_number"]

Number = int | float | Decimal

_PLAIN = re.compile(r"[0-9]+")
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]+")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_GROUPED_DECIMAL = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+,[0-9]+")
_DECIMAL_POINT = re.compile(r"[0-9]+\.[0-9]+")


def _to_decimal(x: Number) -> Decimal:
    if isinstance(x, bool):
        raise TypeError("format_number() does not accept bool")
    if isinstance(x, float):
        value = Decimal(repr(x))  # shortest round-trip form: 0.1, not 0.1000…055
    else:
        value = Decimal(x)
    if not value.is_finite():
        raise ValueError(f"Số không hợp lệ: {x}.")
    return value


def format_number(x: Number, places: int | None = None) -> str:
    """Format as "1.234,5"; ``places=None`` drops trailing decimal zeros."""
    value = _to_decimal(x)
    if places is None:
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    elif places < 0:
        raise ValueError("places must not be negative")
    else:
        with localcontext() as ctx:
            ctx.prec = max(ctx.prec, value.adjusted() + places + 2)
            text = format(value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), "f")
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    result = f"{grouped},{fraction}" if fraction else grouped
    if negative and any(c in "123456789" for c in text):
        result = "-" + result
    return result


def format_percent(x: Number, places: int | None = None) -> str:
    """Format a percentage value: 12.5 -> "12,5%"."""
    return format_number(x, places) + "%"


def parse_number(s: str) -> Decimal:
    """Parse Vietnamese-style input; "1.234" is 1234, "12.5" and "0.125" are decimals."""
    text = "".join(normalize_dashes(nfc(s)).split())
    sign = ""
    if text[:1] in ("-", "+"):
        sign, text = text[0], text[1:]
    if _PLAIN.fullmatch(text):
        body = text
    elif _GROUPED.fullmatch(text):
        body = text.replace(".", "")
    elif _GROUPED_DECIMAL.fullmatch(text):
        body = text.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(text):
        body = text.replace(",", ".")
    elif _DECIMAL_POINT.fullmatch(text):
        body = text
    else:
        raise ValueError(f'Số không hợp lệ: "{s.strip()}". Ví dụ: 1.234,5')
    return Decimal(sign + body)
