"""The records of higher apps that hang on an agreement, asked before an edit would strand them.

Agreements knows no app above it. An app whose records hang on an agreement's content areas or
on the years of its period (plans: tasks of a content area, annual plans of a year) registers,
in its ``AppConfig.ready``, a check that raises ``ValidationError`` naming what is in the way.
``agreement_update`` runs every check, so each caller of it (the form, the demo loader) keeps them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from phoihop.agreements.models import Agreement, ContentArea

# Raises ValidationError when records still belong to one of these content areas.
AreaRemovalCheck = Callable[[Sequence[ContentArea]], None]
# Raises ValidationError when records hang on years outside the new period (start, end).
PeriodCheck = Callable[[Agreement, int | None, int | None], None]

_area_removal_checks: list[AreaRemovalCheck] = []
_period_checks: list[PeriodCheck] = []


def register_area_removal_check(check: AreaRemovalCheck) -> None:
    if check not in _area_removal_checks:
        _area_removal_checks.append(check)


def register_period_check(check: PeriodCheck) -> None:
    if check not in _period_checks:
        _period_checks.append(check)


def refuse_removing_areas(areas: Sequence[ContentArea]) -> None:
    """Refuse removing content areas that records of a higher app still belong to."""
    if not areas:
        return
    for check in _area_removal_checks:
        check(areas)


def refuse_period(agreement: Agreement, start: int | None, end: int | None) -> None:
    """Refuse a period (``start``–``end``, either open) that would leave records outside it."""
    if not (start or end):
        return
    for check in _period_checks:
        check(agreement, start, end)
