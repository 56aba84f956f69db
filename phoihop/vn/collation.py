"""Vietnamese alphabetical order (ICU/CLDR "vi" collation).

a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư; tones differ at the secondary
level. Code-point order is wrong for Vietnamese and must not be used.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, overload

import icu

__all__ = ["compare", "sort_key", "vi_sorted"]

T = TypeVar("T")

_lock = threading.Lock()
_collator: Any = None


def _get_collator() -> Any:
    """Return the shared collator; ICU allows concurrent read-only use."""
    global _collator
    if _collator is None:
        with _lock:
            if _collator is None:
                collator = icu.Collator.createInstance(icu.Locale("vi"))
                collator.setAttribute(
                    icu.UCollAttribute.NORMALIZATION_MODE, icu.UCollAttributeValue.ON
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
