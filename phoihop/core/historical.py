"""The change history every domain model keeps: django-simple-history's ``HistoricalRecords``,
with a manager class made once instead of at every save.

``instance.history`` (which simple-history itself reads on every save, to find the historical
model) builds its manager through ``Manager.from_queryset``: a new class each time, with every
method of the queryset copied onto it. That was a fifth of the cost of saving an organisation.
The class depends only on the two classes it is made of, so it is made once and reused.
"""

from __future__ import annotations

from typing import Any

from simple_history import manager as history_manager
from simple_history import models as history_models

_made: dict[tuple[type[Any], type[Any], str | None], type[Any]] = {}


class HistoryManager(history_manager.HistoryManager):
    @classmethod
    def from_queryset(cls, queryset_class: type[Any], class_name: str | None = None) -> type[Any]:
        key = (cls, queryset_class, class_name)
        made = _made.get(key)
        if made is None:
            made = _made[key] = super().from_queryset(queryset_class, class_name)
        return made


class HistoricalRecords(history_models.HistoricalRecords):
    """``HistoricalRecords`` whose ``history`` manager class is made once (see above)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("history_manager", HistoryManager)
        super().__init__(*args, **kwargs)
