"""Names matched on their folded Vietnamese key (phoihop.vn.text.fold: case, diacritics, tone
placement and đ do not matter), so "ban chi huy quan su quan 4" finds "Ban Chỉ huy Quân sự
Quận 4" and "Ban CHQS quan 4" finds it by its short name. More than one match is returned as
it is: the caller reports an ambiguity instead of guessing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from phoihop.vn.text import fold


class NameIndex:
    """Records by their folded name and folded short name."""

    def __init__(
        self, records: Iterable[Any], *, name: str = "name", short_name: str | None = "short_name"
    ) -> None:
        self._names: dict[str, list[Any]] = defaultdict(list)
        self._short: dict[str, list[Any]] = defaultdict(list)
        for record in records:
            self._names[fold(getattr(record, name))].append(record)
            short = getattr(record, short_name, "") if short_name else ""
            if short:
                self._short[fold(short)].append(record)

    def by_name(self, text: str) -> list[Any]:
        return list(self._names.get(fold(text), []))

    def by_short_name(self, text: str) -> list[Any]:
        return list(self._short.get(fold(text), []))

    def find(self, text: str) -> list[Any]:
        """By name, else by short name."""
        return self.by_name(text) or self.by_short_name(text)
