"""Vietnamese alphabetical order (ICU/CLDR "vi" collation).

a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư; tones differ at the secondary
level. Code-point order is wrong for Vietnamese and must not be used.

Numbers inside names are compared by value (ICU's numeric ordering, ``kn``): "Quận 2",
"Quận 4", "Quận 10". The databases' ``vi`` collation uses the same locale, ICU_LOCALE
(``phoihop.core.db``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

import icu

from phoihop.vn.text import clean

__all__ = ["ICU_LOCALE", "compare", "filing_name", "sort_key", "vi_sorted"]

# BCP 47: Vietnamese, with the Unicode extension "kn" (numeric collation) on.
ICU_LOCALE = "vi-u-kn-true"

T = TypeVar("T")

_lock = threading.Lock()
_collator: Any = None


def _get_collator() -> Any:
    """Return the shared collator; ICU allows concurrent read-only use."""
    global _collator
    if _collator is None:
        with _lock:
            if _collator is None:
                collator = icu.Collator.createInstance(icu.Locale.forLanguageTag(ICU_LOCALE))
                collator.setAttribute(
                    icu.UCollAttribute.NORMALIZATION_MODE, icu.UCollAttributeValue.ON
                )
                # Set again, not only through the locale tag: an ICU that ignores the tag's
                # extension would otherwise sort "Quận 10" before "Quận 4" without a word.
                collator.setAttribute(
                    icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON
                )
                _collator = collator
    return _collator


def sort_key(s: str) -> bytes:
    """Binary sort key; NFC and NFD spellings give the same key."""
    key: bytes = _get_collator().getSortKey(s)
    return key


def compare(a: str, b: str) -> int:
    """Return -1, 0 or 1 as ``a`` sorts before, with or after ``b``."""
    result = int(_get_collator().compare(a, b))
    return (result > 0) - (result < 0)


@overload
def vi_sorted(items: Iterable[str], key: None = None, *, reverse: bool = False) -> list[str]: ...


@overload
def vi_sorted(items: Iterable[T], key: Callable[[T], str], *, reverse: bool = False) -> list[T]: ...


def vi_sorted(
    items: Iterable[Any],
    key: Callable[[Any], str] | None = None,
    *,
    reverse: bool = False,
) -> list[Any]:
    """Sort strings, or items by ``key(item)``, in Vietnamese order."""
    if key is None:
        return sorted(items, key=sort_key, reverse=reverse)
    get = key
    return sorted(items, key=lambda item: sort_key(get(item)), reverse=reverse)


# "Thành phố Hồ Chí Minh", "Tỉnh Quảng Ninh", "TP. Huế": the kind of unit before a proper name.
_UNIT_PREFIX = re.compile(r"(?:Thành phố|THÀNH PHỐ|Tỉnh|TỈNH|TP\.?)\s+")


def filing_name(name: str) -> str:
    """The name a province or city is filed under: "Thành phố Hồ Chí Minh" -> "Hồ Chí Minh".

    Lists of provinces are read by the proper name, as in the official list where the
    centrally-run cities stand among the provinces. Only a capitalised proper name follows, so
    "Tỉnh ủy Quảng Ninh" and "Thành phố trực thuộc…" keep their first word; every other name
    is filed as written (whitespace collapsed).
    """
    name = clean(name)
    prefix = _UNIT_PREFIX.match(name)
    if prefix is None:
        return name
    rest = name[prefix.end():]
    return rest if rest[:1].isupper() else name
