"""The official list of 34 provinces and 3,321 communes in force since 1 July 2025."""

from __future__ import annotations

from functools import cache

from vietnam_provinces import Province, Ward

from phoihop.vn.collation import sort_key


@cache
def provinces() -> dict[int, str]:
    items = sorted(Province.iter_all(), key=lambda p: sort_key(p.name))
    return {int(p.code): p.name for p in items}


@cache
def communes() -> dict[int, tuple[str, int]]:
    """commune code -> (name, province code)."""
    items = sorted(Ward.iter_all(), key=lambda w: sort_key(w.name))
    return {int(w.code): (w.name, int(w.province_code)) for w in items}


def communes_of(province_code: int) -> list[tuple[int, str]]:
    return [(code, name) for code, (name, prov) in communes().items() if prov == province_code]


def province_name(code: int | None) -> str:
    return provinces().get(code, "") if code is not None else ""


def commune_name(code: int | None) -> str:
    return communes()[code][0] if code in communes() else ""


def commune_province(code: int) -> int | None:
    entry = communes().get(code)
    return entry[1] if entry else None
