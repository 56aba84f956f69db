"""Template filters for Vietnamese dates and numbers (built in to every template)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.utils.translation import get_language

from phoihop.vn import dates, numbers

register = template.Library()


@register.filter
def vndate(value: datetime.date | datetime.datetime | None) -> str:
    """15/09/2023"""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    return dates.format_short(value)


@register.filter
def vndate_long(value: datetime.date | None) -> str:
    """ngày 15 tháng 9 năm 2023 (15 September 2023 when the user reads English)"""
    if not value:
        return ""
    if get_language() == "en":
        return f"{value.day} {value:%B} {value.year}"
    return dates.format_long(value)


@register.filter
def vnnumber(value: int | float | Decimal | None, places: int | None = None) -> str:
    """1.234,5"""
    if value is None or value == "":
        return ""
    return numbers.format_number(value, places)
