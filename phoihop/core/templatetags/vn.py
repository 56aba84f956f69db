"""Template filters for Vietnamese dates, numbers and names (built in to every template)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template
from django.utils.translation import get_language

from phoihop.vn import dates, figures, names, numbers

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


@register.filter
def person_name(user: object) -> str:
    """Phạm Đức Thịnh: family name first, the log-in name only when no name was given."""
    return names.person_name(user)


@register.filter
def without_target(name: str, target: int | float | Decimal | None) -> str:
    """{{ indicator.name|without_target:target }}: "Buổi tuyên truyền…" when the target follows."""
    return figures.name_without_target(str(name), target)


@register.simple_tag
def indicator_result(achieved: int | float | Decimal | None, target: int | float | Decimal, unit: str) -> str:
    """{% indicator_result achieved target unit %}: "11/12 buổi", "100%"."""
    return figures.indicator_result(achieved, target, str(unit))
