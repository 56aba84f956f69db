"""How an indicator and its result are written: "Buổi tuyên truyền…: 11/12 buổi", "100%".

Officers often word an indicator with its target inside ("12 buổi tuyên truyền về quốc
phòng"); where the target is printed after the name, the name is shown without it, so the
figure is not read twice ("12 buổi tuyên truyền…: 11/12 buổi"). A percentage target reads as
a percentage ("100%"), not as a fraction of 100 ("100/100 %").
"""

from __future__ import annotations

import re
from decimal import Decimal

from phoihop.vn.numbers import format_number

__all__ = ["indicator_result", "name_without_target"]

Number = int | float | Decimal


def name_without_target(name: str, target: Number | None) -> str:
    """ "12 buổi tuyên truyền về quốc phòng" (target 12) → "Buổi tuyên truyền về quốc phòng";
    a name that does not open with its target is returned as it is."""
    if target is None or not name:
        return name
    match = re.match(rf"\s*{re.escape(format_number(target))}(?:\s*%)?\s+(?P<rest>\S.*)", name, re.S)
    if match is None:
        return name
    rest = match.group("rest")
    return rest[:1].upper() + rest[1:]


def indicator_result(achieved: Number | None, target: Number, unit: str) -> str:
    """ "11/12 buổi"; for a percentage unit "100%", or "95% (chỉ tiêu 90%)" when the target
    is not the whole. ``achieved`` None is written as 0."""
    done = format_number(achieved if achieved is not None else 0)
    if unit.strip() == "%":
        if Decimal(str(target)) == 100:
            return f"{done}%"
        return f"{done}% / {format_number(target)}%"
    return f"{done}/{format_number(target)} {unit}".strip()
