"""The error summary at the top of a form: every refused value, each linking to its field.

    {% load form_errors %}
    <form ...>{% error_summary form attendees %}

takes forms and formsets (any number, None skipped) and renders nothing when all are valid."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class ErrorItem:
    label: str
    message: str
    anchor: str


def _anchor(bound: forms.BoundField) -> str:
    """The id to jump to: the widget itself, or the first box of a list of boxes."""
    widget = bound.field.widget
    if isinstance(widget, forms.HiddenInput):
        return ""
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0" if bound.auto_id else ""
    return bound.id_for_label or ""


def _form_items(form: forms.BaseForm, row: int | None = None) -> list[ErrorItem]:
    items = [ErrorItem("", str(message), "") for message in form.non_field_errors()]
    for name, bound in ((name, form[name]) for name in form.fields):
        if not bound.errors:
            continue
        label = str(bound.label or name)
        if row is not None:
            label = _("Dòng %(row)d, %(label)s") % {"row": row, "label": label}
        items.extend(ErrorItem(label, str(message), _anchor(bound)) for message in bound.errors)
    return items


def error_items(*objects: Any) -> list[ErrorItem]:
    items: list[ErrorItem] = []
    for obj in objects:
        if obj is None or not getattr(obj, "is_bound", False):
            continue
        if isinstance(obj, forms.BaseFormSet):
            items.extend(ErrorItem("", str(message), "") for message in obj.non_form_errors())
            for row, form in enumerate(obj.forms, start=1):
                if form.has_changed() or form.errors:
                    items.extend(_form_items(form, row))
        elif isinstance(obj, forms.BaseForm):
            items.extend(_form_items(obj))
    return items


@register.inclusion_tag("partials/error_summary.html")
def error_summary(*objects: Any) -> dict[str, Any]:
    return {"items": error_items(*objects)}
