"""List pages declared once: a filter form per list and one way to page and render it.

A list's query string is read by a ``ListFilterForm`` whose fields are declared like any
Django form's. The ``*Param`` fields below never refuse a value: what does not parse (a year
that is not a number, a status that does not exist, a key out of range) is simply not applied
and the field's default stands, as the lists have always answered odd links. Choice fields
of the usual kind (an autocomplete ``ModelChoiceField`` for an agreement or an organisation)
may sit in the same form: a key that does not validate gives the field's entry in
``filter_defaults``.

``form.filters()`` is the dict the list's selector takes; ``list_page`` pages the selector's
rows and renders the page, or only its results partial when htmx redraws them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from phoihop.core.views_util import int_or_none, year_or_none

PAGE_SIZE = 25


class FlagInput(forms.CheckboxInput):
    """A check box whose value is the raw parameter: only ``1`` ticks it, as the lists' links say."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)


class QueryParam(forms.Field):
    """A list filter read from the query string; ``parse`` never fails (see the module).

    For the filter partial (``{% filter_field %}``): ``label`` names the control for screen
    readers (the check box's text for a flag), ``choices`` (value, text) and ``empty_label``
    (the "all" option; None for none) make it a ``<select>``, ``placeholder`` is a search box's."""

    widget: Any = forms.TextInput

    def __init__(
        self,
        *,
        key: str | None = None,
        default: Any = "",
        choices: Iterable[tuple[Any, Any]] = (),
        empty_label: Any = None,
        placeholder: Any = "",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.key = key  # the name in the filters dict, when it is not the parameter's
        self.default = default
        self.choices = list(choices)
        self.empty_label = empty_label
        self.placeholder = placeholder

    def clean(self, value: Any) -> Any:
        return self.parse(value if isinstance(value, str) else None)

    def parse(self, raw: str | None) -> Any:
        return raw if raw is not None else self.default


class TextParam(QueryParam):
    """Free text (a search), cut to ``max_length`` characters, stripped where asked."""

    def __init__(self, *, max_length: int | None = 200, strip: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length
        self.strip = strip

    def parse(self, raw: str | None) -> Any:
        text = raw if raw is not None else self.default
        if self.strip:
            text = text.strip()
        return text[: self.max_length] if self.max_length is not None else text


class ChoiceParam(QueryParam):
    """One of ``choices`` (value, text); anything else gives the default."""

    def parse(self, raw: str | None) -> Any:
        return (
            raw
            if raw is not None and raw in {str(v) for v, _text in self.choices}
            else self.default
        )


class IntParam(QueryParam):
    """A whole number (a record's key, a month) within ``minimum``–``maximum``; ``blank_zero``
    treats 0 as not given; ``among_choices`` takes only one of the choices' values."""

    def __init__(
        self,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
        blank_zero: bool = False,
        among_choices: bool = False,
        default: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(default=default, **kwargs)
        self.minimum, self.maximum, self.blank_zero = minimum, maximum, blank_zero
        self.among_choices = among_choices

    def parse(self, raw: str | None) -> Any:
        number = int_or_none(raw)
        if number is None or (self.blank_zero and number == 0):
            return self.default
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            return self.default
        if self.among_choices and number not in {v for v, _text in self.choices}:
            return self.default
        return number


class YearParam(QueryParam):
    """A year a date can hold (1–9999), as ``year_or_none`` reads it."""

    def __init__(self, *, default: Any = None, **kwargs: Any) -> None:
        super().__init__(default=default, **kwargs)

    def parse(self, raw: str | None) -> Any:
        return year_or_none(raw) or self.default


class FlagParam(QueryParam):
    """A switch that is on only for ``1`` (``archived=1``)."""

    widget = FlagInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(default=False, **kwargs)

    def parse(self, raw: str | None) -> Any:
        return raw == "1"


class ListFilterForm(forms.Form):
    """A list's filters (see the module). ``filter_defaults`` gives the value of a non-param
    field (a record choice) that is empty or does not validate; ``not_narrowing`` names the
    filters that do not make the list a filtered one (``filtered``)."""

    filter_defaults: Mapping[str, Any] = {}
    not_narrowing: Sequence[str] = ("archived", "sort")

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        values: dict[str, Any] = {}
        for name, field in self.fields.items():
            if isinstance(field, QueryParam):
                values[field.key or name] = self.cleaned_data[name]
            else:
                chosen = self.cleaned_data.get(name)
                values[name] = (
                    chosen.pk if isinstance(chosen, Model) else self.filter_defaults.get(name)
                )
        return values

    def filtered(self, filters: Mapping[str, Any]) -> bool:
        """Whether the filters narrow the list (the empty state then offers to clear them)."""
        return any(value for key, value in filters.items() if key not in self.not_narrowing)


def paginate(request: HttpRequest, rows: Any, *, per_page: int = PAGE_SIZE) -> Page:
    """The page of ``rows`` the ``page`` parameter asks for (the last one past the end, the first
    one for anything that is not a number)."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def render_list(
    request: HttpRequest, template: str, context: dict[str, Any], *, partial: str | None = "results"
) -> HttpResponse:
    """The whole list page, or only its ``partial`` when htmx redraws the results."""
    if partial and getattr(request, "htmx", False):
        return render(request, f"{template}#{partial}", context)
    return render(request, template, context)


def list_page(
    request: HttpRequest,
    template: str,
    *,
    rows: Any,
    context: dict[str, Any],
    partial: str | None = "results",
    per_page: int = PAGE_SIZE,
) -> HttpResponse:
    """Page ``rows`` into ``context["page"]`` and render the list page (see ``render_list``)."""
    return render_list(
        request,
        template,
        {"page": paginate(request, rows, per_page=per_page), **context},
        partial=partial,
    )
