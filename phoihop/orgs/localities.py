"""The official list of 34 provinces and 3,321 communes in force since 1 July 2025."""

from __future__ import annotations

from functools import cache

from vietnam_provinces import Province, Ward

from phoihop.vn.collation import filing_name, sort_key
from phoihop.vn.text import clean_name

# The package spells some names with two spaces ("Xã  Phú Hữu"): cleaned, they neither show
# the gap nor sort before every other name.


@cache
def provinces() -> dict[int, str]:
    """province code -> name, the cities filed among the provinces ("Thành phố Huế" under H)."""
    items = sorted(Province.iter_all(), key=lambda p: sort_key(filing_name(p.name)))
    return {int(p.code): clean_name(p.name) for p in items}


@cache
def communes() -> dict[int, tuple[str, int]]:
    """commune code -> (name, province code)."""
    items = sorted(((clean_name(w.name), w) for w in Ward.iter_all()), key=lambda item: sort_key(item[0]))
    return {int(w.code): (name, int(w.province_code)) for name, w in items}


def communes_of(province_code: int) -> list[tuple[int, str]]:
    return [(code, name) for code, (name, prov) in communes().items() if prov == province_code]


def province_name(code: int | None) -> str:
    return provinces().get(code, "") if code is not None else ""


def commune_name(code: int | None) -> str:
    return communes()[code][0] if code in communes() else ""


def commune_province(code: int) -> int | None:
    entry = communes().get(code)
    return entry[1] if entry else None
