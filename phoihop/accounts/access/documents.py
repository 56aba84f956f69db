"""Who reaches generated documents: whoever sees the record they are generated from.

Downloading the agreement or a plan as Word or Excel is reading it; giving a plan its number in
the issuer's register is editing it (officers of the lead party, system administrators).
"""

from __future__ import annotations

from typing import Any

from phoihop.accounts.access import (
    can_edit_agreement,
    can_edit_plan,
    get_agreement_for_user,
    get_plan_for_user,
)


def get_agreement_for_documents(user: Any, pk: int, *, for_edit: bool = False) -> Any:
    return get_agreement_for_user(user, pk, for_edit=for_edit)


def get_plan_for_documents(user: Any, pk: int, *, for_edit: bool = False) -> Any:
    return get_plan_for_user(user, pk, for_edit=for_edit)


def can_number_plan(user: Any, plan: Any) -> bool:
    return can_edit_plan(user, plan)


def can_number_agreement(user: Any, agreement: Any) -> bool:
    return can_edit_agreement(user, agreement)
