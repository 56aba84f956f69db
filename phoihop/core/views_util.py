"""Small helpers the thin views share."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# Database integer keys are signed 64-bit: a larger number in a URL is no record at all (and
# would overflow the database driver instead of simply matching nothing).
MAX_DB_INT = 2**63 - 1


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (installed for every request)."""

    htmx: HtmxDetails


def context_of(detail: DataclassInstance) -> dict[str, object]:
    """A detail selector's result as a page's context: its fields by name, the values not
    copied, so the template reads ``org`` or ``can_edit`` as before."""
    return {f.name: getattr(detail, f.name) for f in dataclasses.fields(detail)}


def int_or_none(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if -MAX_DB_INT <= number <= MAX_DB_INT else None


def year_or_none(value: Any) -> int | None:
    """A year from a list's filter parameter, or None (the filter is not applied) when it is
    not a whole number or not a year a date can hold (1–9999): the lists turn the year into
    dates, and ``datetime.date`` refuses anything else."""
    year = int_or_none(value)
    return year if year is not None and 1 <= year <= 9999 else None


def add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, on its field where it names one."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)
