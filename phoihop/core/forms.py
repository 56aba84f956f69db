"""Form pieces shared by every app: Vietnamese dates, Bootstrap classes."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any, cast

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from phoihop.vn.dates import format_short, parse_date


class VNDateInput(forms.TextInput):
    """A typed date with a calendar button (app.js, ``data-datepicker`` names the button).

    Not ``<input type=date>``: that shows the browser's own format (mm/dd/yyyy in an English
    browser) and refuses a pasted 15/09/2023."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {
                "placeholder": "dd/mm/yyyy",
                "inputmode": "numeric",
                "autocomplete": "off",
                "data-datepicker": _("Chọn ngày"),
                **(attrs or {}),
            }
        )

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


def empty_choice_label(label: Any) -> str:
    """The empty choice of a select named by its field: "— Chọn đơn vị chủ trì —"."""
    text = str(label or "").strip().rstrip(":")
    if not text:
        return str(EMPTY_CHOICE)
    # A label starts with a capital; inside the sentence it does not (unless all capitals: "UBND").
    if len(text) > 1 and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return _("— Chọn %(name)s —") % {"name": text}


EMPTY_CHOICE = _("— Chọn —")
DJANGO_BLANK = "---------"


def _name_empty_choice(field: forms.Field) -> None:
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = empty_choice_label(field.label)
    elif isinstance(field, forms.ChoiceField):
        choices: list[Any] = list(cast(Iterable[Any], field.choices))
        if any(value == "" and str(label) == DJANGO_BLANK for value, label in choices):
            blank = empty_choice_label(field.label)
            field.choices = [(value, blank if value == "" else label) for value, label in choices]


class _OnlyChoiceMixin:
    """A required choice with one possible value comes chosen (and without an empty option);
    Django's dashes, where a form left them, read "— Chọn —"."""

    is_required: bool
    checked_attribute: dict[str, Any]

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> list[Any]:
        groups: list[Any] = super().optgroups(name, value, attrs)  # type: ignore[misc]
        options = [option for _group, group_options, _index in groups for option in group_options]
        for option in options:
            if option["value"] in ("", None) and str(option["label"]) == DJANGO_BLANK:
                option["label"] = EMPTY_CHOICE
        real = [option for option in options if option["value"] not in ("", None)]
        if self.is_required and len(real) == 1 and not any(option["selected"] for option in real):
            only = real[0]
            only["selected"] = True
            only["attrs"] = {**only["attrs"], **self.checked_attribute}
            for option in options:
                if option is not only and option["selected"]:
                    option["selected"] = False
                    option["attrs"] = {k: v for k, v in option["attrs"].items() if k not in self.checked_attribute}
            groups = [(g, [o for o in opts if o["value"] not in ("", None)], i) for g, opts, i in groups]
        return groups


class OnlyChoiceSelect(_OnlyChoiceMixin, forms.Select):
    pass


class OnlyChoiceRadioSelect(_OnlyChoiceMixin, forms.RadioSelect):
    pass


class BoundField(forms.BoundField):
    """Marks a field whose value was refused with Bootstrap's ``is-invalid`` (the red border);
    Django itself adds ``aria-invalid``."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        if self.form.is_bound and self.errors:
            widget = widget or self.field.widget
            classes = str(attrs.get("class") or widget.attrs.get("class") or "").split()
            if "is-invalid" not in classes:
                attrs["class"] = " ".join([*classes, "is-invalid"])
        return attrs


class FormRenderer(DjangoTemplates):
    """The project's form renderer (settings.FORM_RENDERER): Django's, with ``BoundField``."""

    bound_field_class = BoundField


def bootstrap(form: forms.BaseForm) -> None:
    """Give every widget the Bootstrap class it needs and every select a Vietnamese empty
    choice ("— Chọn … —") in place of Django's dashes."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        _name_empty_choice(field)
        if type(widget) is forms.Select:
            widget.__class__ = OnlyChoiceSelect
        elif type(widget) is forms.RadioSelect:
            widget.__class__ = OnlyChoiceRadioSelect
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


# The most rows any formset takes in one submission (a conference's attendees, an agreement's
# content areas). Django's own default builds up to 2,000 forms for one crafted TOTAL_FORMS.
FORMSET_MAX_ROWS = 200


class BootstrapFormSet(forms.BaseFormSet):
    """A formset whose added fields (the removal box) get Bootstrap classes too, and which takes
    at most ``FORMSET_MAX_ROWS`` rows (or the formset's own lower ``max_num``).

    A submission that announces more rows is answered with a form error without building a
    single row, so a ``TOTAL_FORMS`` of a hundred million costs no more than one of three."""

    default_error_messages = {
        "too_many_forms": _("Chỉ được nhập tối đa %(num)d dòng."),
    }

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # formset_factory makes a subclass carrying its max_num and absolute_max: bound them.
        super().__init_subclass__(**kwargs)
        limit = min(getattr(cls, "max_num", None) or FORMSET_MAX_ROWS, FORMSET_MAX_ROWS)
        cls.max_num = limit
        cls.absolute_max = limit
        cls.validate_max = True

    def total_form_count(self) -> int:
        if self.is_bound and self._announces_too_many_rows():
            return 0  # full_clean reports "too_many_forms" from the management form
        return super().total_form_count()

    def _announces_too_many_rows(self) -> bool:
        from django.forms.formsets import TOTAL_FORM_COUNT

        announced = self.management_form.cleaned_data.get(TOTAL_FORM_COUNT) or 0
        return bool(announced > self.absolute_max)

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"
            form.fields["DELETE"].label = _("Bỏ dòng này")


def _out_of_range(value: Any) -> bool:
    from phoihop.core.views_util import MAX_DB_INT

    text = str(value).strip().lstrip("+-")
    # isdecimal, not isdigit: "²" is a digit to Python but no number int() reads.
    return text.isascii() and text.isdecimal() and int(text) > MAX_DB_INT


def install_key_bounds() -> None:
    """Make Django's model choice fields answer a key beyond the database's integer range
    with their ordinary "not a valid choice" error, as they do for any other unknown key.

    Without this the database driver raises OverflowError (SQLite) or a data error
    (PostgreSQL), which the fields do not catch: a crafted POST would get a server error.
    Installed once from CoreConfig.ready, so every form, ModelForms included, is covered."""
    from django.core.exceptions import ValidationError
    from django.forms import models as form_models

    # The classes are patched in place, hence Any: the stubs do not declare the private
    # _check_values (nor our marker), and mypy refuses assignments to methods.
    choice: Any = form_models.ModelChoiceField
    multiple: Any = form_models.ModelMultipleChoiceField
    if getattr(choice, "_phoihop_bounded", False):
        return
    to_python: Callable[[Any, Any], Any] = choice.to_python
    check_values: Callable[[Any, Any], Any] = multiple._check_values

    def bounded_to_python(self: Any, value: Any) -> Any:
        if value not in self.empty_values and _out_of_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return to_python(self, value)

    def bounded_check_values(self: Any, value: Any) -> Any:
        for item in value if isinstance(value, (list, tuple, set, frozenset)) else [value]:
            if _out_of_range(item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
        return check_values(self, value)

    choice.to_python = bounded_to_python
    multiple._check_values = bounded_check_values
    choice._phoihop_bounded = True
