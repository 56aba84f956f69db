"""Who may bring records in from Excel, and who sees an upload.

Each kind follows the owning app's rule for the records it writes, read from that app's
access.py: the registry is changed by those who manage it (orgs.access.can_manage_registry:
system administrators); officials by the officers of their organisation (can_add_person_to,
row by row); a plan's tasks and indicators by those who edit the plan (plans.access), an agreement's
parties and content areas by those who edit the agreement (agreements.access). An upload and its preview belong to the user who uploaded it; anyone
else gets 404, as for a record that is not theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.db.models import QuerySet
from django.http import Http404

from phoihop.agreements.access import can_edit_agreement
from phoihop.agreements.models import Agreement
from phoihop.imports.models import ImportBatch
from phoihop.orgs.access import can_create_person, can_manage_registry
from phoihop.plans.access import can_edit_plan
from phoihop.plans.models import AnnualPlan

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

# The record a plan's or an agreement's rows belong to (the other kinds have none).
ImportTarget: TypeAlias = AnnualPlan | Agreement


def can_import(user: AnyUser, kind: str, target: ImportTarget | None = None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if kind == ImportBatch.Kind.PLAN:
        # A plan's tasks and indicators: those who edit the plan (officers of the lead party).
        return isinstance(target, AnnualPlan) and can_edit_plan(user, target)
    if kind == ImportBatch.Kind.AGREEMENT:
        # An agreement's parties and content areas: those who edit the agreement.
        return isinstance(target, Agreement) and can_edit_agreement(user, target)
    if kind == ImportBatch.Kind.REGISTRY:
        return can_manage_registry(user)
    if kind == ImportBatch.Kind.PEOPLE:
        # Officers (and above) of some organisation; each row is checked against its own
        # organisation (orgs.access.can_add_person_to).
        return can_create_person(user)
    return False


def importable_kinds(user: AnyUser) -> list[str]:
    """The kinds without a target this user may bring in (a plan's are offered on its page)."""
    return [
        kind
        for kind in (ImportBatch.Kind.REGISTRY, ImportBatch.Kind.PEOPLE)
        if can_import(user, kind)
    ]


def visible_batches(user: AnyUser) -> QuerySet[ImportBatch]:
    if not getattr(user, "is_authenticated", False):
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(uploaded_by_id=user.pk)


def get_batch_for_user(user: AnyUser, pk: int) -> ImportBatch:
    batch = visible_batches(user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch
