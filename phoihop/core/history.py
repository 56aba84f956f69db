"""Change history of records, read from their historical tables, as before/after pairs."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from phoihop.vn.names import person_name
from phoihop.vn.numbers import format_number

# Fields that change on every save and say nothing to a reader (the version is the edit check's
# counter, not a fact of the record).
NOISE = {"updated_at", "search_text", "created_at", "order", "version"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    who: str
    action: str
    subject: str
    changes: list[Change] = field(default_factory=list)


def _display(f: models.Field[Any, Any], value: Any, names: dict[str, dict[Any, str]]) -> str:
    if value is None or value == "":
        return "—"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.ForeignKey):
        return names.get(f.name, {}).get(value, f"#{value}")
    if isinstance(value, datetime.datetime):
        # Stored in UTC; shown in the time zone the rest of the page uses.
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return _("có") if value else _("không")
    return str(value)


def entries(
    history: models.QuerySet[Any],
    model: type[models.Model],
    subject: Callable[[Any], str],
) -> list[Entry]:
    """Every recorded version of the rows in ``history``, each compared with the one before it.

    Queries: one for the versions, one per foreign-key field to name the related rows.
    """
    rows = list(history.select_related("history_user").order_by("history_date", "history_id"))
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name not in NOISE and not f.primary_key and f.editable is not False
    ]
    fk_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]
    names: dict[str, dict[Any, str]] = {}
    for fk in fk_fields:
        ids = {getattr(r, fk.attname) for r in rows} - {None}
        if ids and fk in fields:
            # Resolved to a model class once the app registry is ready ("self" only before).
            related_model = cast(type[models.Model], fk.related_model)
            related = related_model._default_manager.filter(pk__in=ids)
            # A person is shown by full name ("Phạm Đức Thịnh"), never by log-in name.
            name_of: Callable[[Any], str] = person_name if related_model is get_user_model() else str
            names[fk.name] = {o.pk: name_of(o) for o in related}
    previous: dict[Any, Any] = {}
    result: list[Entry] = []
    for row in rows:
        who = person_name(row.history_user) if row.history_user else _("hệ thống")
        before = previous.get(row.id)
        if row.history_type == "+":
            action = pgettext("history action", "Tạo mới")
        elif row.history_type == "-":
            action = pgettext("history action", "Xóa")
        else:
            action = pgettext("history action", "Sửa")
        changes = []
        if before is not None and row.history_type == "~":
            for f in fields:
                old, new = getattr(before, f.attname), getattr(row, f.attname)
                if old != new:
                    label = str(f.verbose_name)
                    changes.append(Change(label[:1].upper() + label[1:], _display(f, old, names), _display(f, new, names)))
            if "archived_at" in [f.name for f in model._meta.concrete_fields]:
                if before.archived_at is None and row.archived_at is not None:
                    action = pgettext("history action", "Lưu trữ")
                elif before.archived_at is not None and row.archived_at is None:
                    action = pgettext("history action", "Khôi phục")
            if not changes and action == pgettext("history action", "Sửa"):
                previous[row.id] = row
                continue
        previous[row.id] = row
        result.append(Entry(row.history_date, who, action, subject(row), changes))
    return result


def merged(*groups: Iterable[Entry]) -> list[Entry]:
    """Several records' histories as one list, newest first."""
    all_entries = [e for g in groups for e in g]
    return sorted(all_entries, key=lambda e: e.when, reverse=True)
