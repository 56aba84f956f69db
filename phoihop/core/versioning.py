"""Optimistic locking for edit forms: a stale save is refused instead of silently reverting.

Every edited record carries a ``version`` number. The edit form carries the version it started
from (a hidden field, required) and a signed digest of the values it showed. The service claims
the record with a conditional ``UPDATE ... SET version = n + 1 WHERE version = n`` inside its
transaction: on every database this both checks and locks the row until the save commits, so of
two saves that started from version n exactly one goes through. The other raises ``StaleEdit``;
the view puts the user's typed data back on the page with a message naming who changed what,
and the form now carries the new version, so saving again overwrites deliberately.

Use (model, form, service, view, template)::

    version = versioning.version_field()                    # model; one migration adds it

    class TaskForm(versioning.VersionedFormMixin, forms.ModelForm): ...
    # a plain Form passes the edited record: SomeForm(data, versioned=record)

    def task_update(*, actor, task, fields, expected_version: int | None = None):
        with transaction.atomic():
            versioning.claim(task, expected_version)        # first write of the transaction
            ...; task.save()

    try:
        services.task_update(..., expected_version=form.expected_version)
    except versioning.StaleEdit as exc:
        form.show_stale(exc)                                 # and render the bound form again

    {% include "core/version_fields.html" %}                 # inside the <form> element
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import connections, models, router
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.vn.names import person_name

VERSION_FIELD = "version"
SEEN_FIELD = "version_seen"
# The fields the mixin adds to a form (not data for the service).
FORM_FIELDS = (VERSION_FIELD, SEEN_FIELD)
_SALT = "phoihop.core.versioning"
# The largest value of the column (PositiveIntegerField): a larger one posted is no version at all.
_MAX_VERSION = 2**31 - 1
# A changed long text is shown cut to this many characters in the message.
_SHOWN_CHARS = 160


def version_field() -> models.PositiveIntegerField:
    """The ``version`` column of an edited model (not editable: only ``claim`` changes it)."""
    return models.PositiveIntegerField(gettext_lazy("phiên bản"), default=1, editable=False)


# --- values and their digests -------------------------------------------------------------


def _model_field(model: type[models.Model], name: str) -> models.Field[Any, Any] | None:
    try:
        f = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist and reverse relations alike: not compared
        return None
    if isinstance(f, models.Field) and (f.concrete or f.many_to_many) and not f.primary_key:
        return f
    return None


def _raw(instance: models.Model, f: models.Field[Any, Any]) -> Any:
    if f.many_to_many:
        if instance.pk is None:
            return []
        return sorted(getattr(instance, f.name).values_list("pk", flat=True))
    return getattr(instance, f.attname)


def _digest(value: Any) -> str:
    text = json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def compared_fields(instance: models.Model, names: Iterable[str]) -> list[str]:
    """The names among ``names`` that are fields of the record (form-only fields are not)."""
    model = type(instance)
    return [n for n in names if n != VERSION_FIELD and _model_field(model, n) is not None]


def seen_token(
    instance: models.Model, names: Iterable[str], extras: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """A signed note of the record's version and the digest of each of its ``names`` values.

    ``extras`` are parts edited on the same page that are not fields of the record (the parties
    of an agreement): name -> (label, value as shown).
    """
    model = type(instance)
    digests = {}
    for name in compared_fields(instance, names):
        f = _model_field(model, name)
        assert f is not None
        digests[name] = _digest(_raw(instance, f))
    for name, (_label, shown) in (extras or {}).items():
        digests[f"+{name}"] = _digest(shown)
    return signing.dumps(
        {"m": model._meta.label_lower, "pk": instance.pk, "v": getattr(instance, VERSION_FIELD), "d": digests},
        salt=_SALT,
        compress=True,
    )


def _read_token(token: str, instance: models.Model) -> dict[str, str] | None:
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("m") != type(instance)._meta.label_lower:
        return None
    if data.get("pk") != instance.pk or not isinstance(data.get("d"), dict):
        return None
    return {str(k): str(v) for k, v in data["d"].items()}


def display(instance: models.Model, name: str) -> str:
    """The value of field ``name`` of ``instance`` as a reader sees it."""
    f = _model_field(type(instance), name)
    if f is None:
        return ""
    if f.many_to_many:
        shown = ", ".join(str(o) for o in getattr(instance, f.name).all())
    elif f.choices:
        value = getattr(instance, f.attname)
        shown = str(dict(f.flatchoices).get(value, value)) if value not in (None, "") else ""
    elif isinstance(f, models.ForeignKey):
        related = getattr(instance, f.name)
        shown = str(related) if related is not None else ""
    else:
        value = getattr(instance, f.attname)
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            shown = local.strftime("%d/%m/%Y %H:%M")
        elif isinstance(value, datetime.date):
            shown = value.strftime("%d/%m/%Y")
        elif isinstance(value, bool):
            shown = _("có") if value else _("không")
        elif isinstance(value, Decimal):
            from phoihop.vn.numbers import format_number

            shown = format_number(value)
        else:
            shown = "" if value is None else str(value)
    return _shorten(shown)


def _shorten(shown: str) -> str:
    shown = " ".join(shown.split())
    if len(shown) > _SHOWN_CHARS:
        shown = shown[: _SHOWN_CHARS - 1].rstrip() + "…"
    return shown or "—"


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


# --- the stale save -----------------------------------------------------------------------


@dataclass
class FieldChange:
    name: str
    label: str
    now: str


@dataclass(eq=False)
class StaleEdit(Exception):  # noqa: N818 - the domain's word for it; it is not a programming error
    """The record moved on since the form was opened: version ``expected`` is now ``current``'s."""

    current: models.Model
    expected: int
    changed_by: str = ""
    changed_at: datetime.datetime | None = None
    changes: list[FieldChange] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(f"{self.current._meta.label} #{self.current.pk}: version {self.expected} is stale")

    def compare(
        self,
        token: str,
        names: Iterable[str],
        labels: Mapping[str, str] | None = None,
        extras: Mapping[str, tuple[str, str]] | None = None,
    ) -> list[FieldChange]:
        """The fields among ``names`` (and ``extras``, as ``seen_token`` takes them, read from
        ``current``) whose value differs from what the form's ``token`` saw."""
        labels = labels or {}
        seen = _read_token(token, self.current) if token else None
        model = type(self.current)
        changes = []
        # Without a readable note of what the form showed, every field is listed as it is now.
        for name in compared_fields(self.current, names):
            f = _model_field(model, name)
            assert f is not None
            if seen is not None and seen.get(name) == _digest(_raw(self.current, f)):
                continue
            label = labels.get(name) or str(f.verbose_name)
            changes.append(FieldChange(name=name, label=_capital(label), now=display(self.current, name)))
        for name, (label, shown) in (extras or {}).items():
            if seen is not None and seen.get(f"+{name}") == _digest(shown):
                continue
            changes.append(FieldChange(name=name, label=_capital(label), now=_shorten(shown)))
        self.changes = changes
        return changes

    def message(self) -> str:
        who = self.changed_by or _("người khác")
        if self.changed_at is not None:
            local = timezone.localtime(self.changed_at)
            head = _("Bản ghi đã được %(who)s sửa lúc %(time)s ngày %(date)s trong khi bạn đang sửa.") % {
                "who": who, "time": local.strftime("%H:%M"), "date": local.strftime("%d/%m/%Y"),
            }
        else:
            head = _("Bản ghi đã được %(who)s sửa trong khi bạn đang sửa.") % {"who": who}
        if self.changes:
            listed = "; ".join(f"{c.label}: «{c.now}»" for c in self.changes)
            body = _("Các trường đã thay đổi (giá trị hiện nay): %(fields)s.") % {"fields": listed}
        else:
            body = _("Không trường nào trên biểu mẫu này bị thay đổi.")
        tail = _(
            "Nội dung bạn vừa nhập vẫn được giữ dưới đây và chưa được lưu. "
            "Bấm Lưu lần nữa nếu bạn muốn ghi đè lên thay đổi đó."
        )
        return f"{head} {body} {tail}"


def _last_change(instance: models.Model) -> tuple[str, datetime.datetime | None]:
    history = getattr(instance, "history", None)
    if history is not None:
        record = history.order_by("-history_date", "-history_id").select_related("history_user").first()
        if record is not None:
            user = record.history_user
            name = person_name(user)
            return name, record.history_date
    return "", getattr(instance, "updated_at", None)


def stale(model: type[models.Model], pk: Any, expected: int) -> StaleEdit:
    """The ``StaleEdit`` for record ``pk`` of ``model``, read as it is now."""
    current = model._base_manager.get(pk=pk)
    who, when = _last_change(current)
    return StaleEdit(current=current, expected=expected, changed_by=who, changed_at=when)


def claim(instance: models.Model, expected_version: int | None, *, edited: Iterable[str] | None = None) -> None:
    """Take the record for this edit: bump its version, or raise ``StaleEdit`` if it moved on.

    Call inside ``transaction.atomic()``, before the edit's own writes, and save ``instance``
    afterwards (its ``version`` is set to the new number). ``None`` is for callers that are not
    an edit form (data loaders, other services): no check, but open forms become stale.

    ``edited`` names the fields this edit sets: the record's other columns are read again from
    the row now locked, so a whole-row save() does not put back what another action (archiving,
    cancelling) changed while this request ran.
    """
    model = type(instance)
    connection = connections[router.db_for_write(model)]
    if not connection.in_atomic_block:
        raise RuntimeError("versioning.claim() must run inside transaction.atomic()")
    rows = model._base_manager.filter(pk=instance.pk)
    if expected_version is None:
        rows.update(**{VERSION_FIELD: models.F(VERSION_FIELD) + 1})
        setattr(instance, VERSION_FIELD, rows.values_list(VERSION_FIELD, flat=True).get())
        return
    # The conditional UPDATE checks and row-locks at once (SELECT ... FOR UPDATE would not lock
    # on SQLite, where two transactions could both read version n before either writes).
    if not rows.filter(**{VERSION_FIELD: expected_version}).update(**{VERSION_FIELD: expected_version + 1}):
        raise stale(model, instance.pk, expected_version)
    setattr(instance, VERSION_FIELD, expected_version + 1)
    if edited is not None:
        _reread_others(instance, edited)


def _reread_others(instance: models.Model, edited: Iterable[str]) -> None:
    keep = {*edited, VERSION_FIELD}
    others = [
        f.attname
        for f in instance._meta.concrete_fields
        if not f.primary_key and f.name not in keep and f.attname not in keep
    ]
    if others:
        fresh = type(instance)._base_manager.filter(pk=instance.pk).values(*others).get()
        for attname, value in fresh.items():
            setattr(instance, attname, value)


# --- the form side ------------------------------------------------------------------------


class VersionedFormMixin:
    """Adds the hidden ``version`` (required) and ``version_seen`` fields to an edit form.

    A ModelForm is versioned when its instance is saved already (so its create form has no
    version); a plain Form when it is given ``versioned=<record>``. A POST without a version is
    refused: only a page opened from a known version can save.
    """

    fields: dict[str, forms.Field]
    data: Any
    is_bound: bool

    def __init__(self, *args: Any, versioned: models.Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record = versioned
        if record is None:
            instance = getattr(self, "instance", None)
            if instance is not None and instance.pk is not None:
                record = instance
        self.versioned_record = record
        self.stale_edit: StaleEdit | None = None
        if record is None:
            return
        self.fields[VERSION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=1,
            max_value=_MAX_VERSION,
            initial=getattr(record, VERSION_FIELD),
            error_messages={
                "required": gettext_lazy(
                    "Biểu mẫu không mang số phiên bản của bản ghi nên không lưu được. "
                    "Hãy mở lại trang sửa và nhập lại."
                ),
                "invalid": gettext_lazy("Số phiên bản của biểu mẫu không hợp lệ. Hãy mở lại trang sửa."),
                "min_value": gettext_lazy("Số phiên bản của biểu mẫu không hợp lệ. Hãy mở lại trang sửa."),
                "max_value": gettext_lazy("Số phiên bản của biểu mẫu không hợp lệ. Hãy mở lại trang sửa."),
            },
        )
        self.fields[SEEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        # Computed only when a page is shown: a bound form reads it from the data.
        if not self.is_bound:
            self.fields[SEEN_FIELD].initial = seen_token(
                record, self.versioned_field_names(), self.versioned_extras(record)
            )

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        # A hidden field's error shows nowhere on the page: report it with the form's own errors.
        errors = getattr(self, "_errors", None)
        for name in FORM_FIELDS:
            if errors and name in errors:
                moved = errors.pop(name)
                if NON_FIELD_ERRORS not in errors:
                    errors[NON_FIELD_ERRORS] = self.error_class(  # type: ignore[attr-defined]
                        error_class="nonfield", renderer=self.renderer  # type: ignore[attr-defined]
                    )
                errors[NON_FIELD_ERRORS].extend(moved)

    def versioned_field_names(self) -> list[str]:
        """The fields whose changes by someone else are reported (default: the form's own)."""
        return [n for n in self.fields if n not in (VERSION_FIELD, SEEN_FIELD)]

    def versioned_extras(self, record: Any) -> dict[str, tuple[str, str]]:
        """Parts of the page that are not fields of the record: name -> (label, value shown)."""
        return {}

    def edited_data(self) -> dict[str, Any]:
        """The cleaned data without the version fields: what the service is given."""
        cleaned: dict[str, Any] = getattr(self, "cleaned_data", {})
        return {k: v for k, v in cleaned.items() if k not in FORM_FIELDS}

    @property
    def expected_version(self) -> int | None:
        """The version the page was opened at (``None`` when the form is not an edit)."""
        if self.versioned_record is None:
            return None
        cleaned: dict[str, Any] = getattr(self, "cleaned_data", {})
        return cleaned[VERSION_FIELD]

    def show_stale(self, exc: StaleEdit) -> None:
        """Report ``exc`` on the form and let the next submit save over the newer version."""
        self.stale_edit = exc
        current = exc.current
        add_prefix = self.add_prefix  # type: ignore[attr-defined]
        token = self.data.get(add_prefix(SEEN_FIELD), "") if self.is_bound else ""
        labels = {n: str(f.label) for n, f in self.fields.items() if f.label}
        exc.compare(token, self.versioned_field_names(), labels, self.versioned_extras(current))
        data = self.data.copy()
        data[add_prefix(VERSION_FIELD)] = str(getattr(current, VERSION_FIELD))
        data[add_prefix(SEEN_FIELD)] = seen_token(
            current, self.versioned_field_names(), self.versioned_extras(current)
        )
        self.data = data
        self.add_error(None, exc.message())  # type: ignore[attr-defined]
