"""``{% filter_field form.name %}``: one list filter drawn the way every list page draws it."""

from __future__ import annotations

from typing import Any

from django import forms, template

from phoihop.core.lists import FlagParam, QueryParam, TextParam

register = template.Library()


@register.inclusion_tag("partials/filter_field.html")
def filter_field(field: forms.BoundField) -> dict[str, Any]:
    """A ``<select>`` for a filter with choices, a check box for a flag, a search box for text,
    and the field's own widget (an autocomplete choice) otherwise. The control shows the value
    the list applied, not the raw parameter: what was not applied is not shown as chosen."""
    declared = field.field
    if not isinstance(declared, QueryParam):
        return {"kind": "widget", "field": field}
    form = field.form
    form.is_valid()
    current = form.cleaned_data.get(field.name)
    if isinstance(declared, FlagParam):
        kind = "check"
    elif declared.choices:
        kind = "select"
    elif isinstance(declared, TextParam):
        kind = "search"
    else:
        kind = "widget"
    return {
        "kind": kind,
        "field": field,
        "name": field.html_name,
        "label": declared.label,
        "placeholder": declared.placeholder,
        "empty": declared.empty_label,
        "options": declared.choices,
        "current": current,
    }
