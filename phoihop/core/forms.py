"""Form pieces shared by every app: Vietnamese dates, Bootstrap classes."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.vn.dates import format_short, parse_date


class VNDateInput(forms.TextInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime.date):
            return format_short(value)
        return super().format_value(value)


class VNDateField(forms.Field):
    """A date typed the Vietnamese way: 15/09/2023, 15-9-2023 or 15.9.2023."""

    widget = VNDateInput
    default_error_messages = {"invalid": _("Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 15/09/2023.")}

    def to_python(self, value: Any) -> datetime.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def bootstrap(form: forms.BaseForm) -> None:
    """Give every widget the Bootstrap class it needs."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class BootstrapFormSet(forms.BaseFormSet):
    """A formset whose added fields (the removal box) get Bootstrap classes too."""

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"
            form.fields["DELETE"].label = _("Bỏ dòng này")
