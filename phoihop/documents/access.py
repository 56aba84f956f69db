"""Who reaches generated documents: whoever sees the record they are generated from.

Downloading the agreement or a plan as Word or Excel is reading it; giving a plan its number in
the issuer's register is editing it (officers of the lead party, system administrators).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from phoihop.agreements.access import can_edit_agreement, get_agreement_for_user
from phoihop.plans.access import can_edit_plan, get_plan_for_user

if TYPE_CHECKING:
    from phoihop.agreements.models import Agreement
    from phoihop.core.access import AnyUser
    from phoihop.plans.models import AnnualPlan


def get_agreement_for_documents(user: AnyUser, pk: int, *, for_edit: bool = False) -> Agreement:
    return get_agreement_for_user(user, pk, for_edit=for_edit)


def get_plan_for_documents(user: AnyUser, pk: int, *, for_edit: bool = False) -> AnnualPlan:
    return get_plan_for_user(user, pk, for_edit=for_edit)


def can_number_plan(user: AnyUser, plan: AnnualPlan) -> bool:
    return can_edit_plan(user, plan)


def can_number_agreement(user: AnyUser, agreement: Agreement) -> bool:
    return can_edit_agreement(user, agreement)
