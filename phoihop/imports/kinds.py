"""The kinds of records a workbook brings in, each a module with the same parts: ``specs(target)``
(its data sheets), ``template(target)`` (the .xlsx to fill in), ``check(wb, actor=..., target=...)``
(the plan and its preview, nothing written) and ``apply(plan, actor=...)`` (the writes, through
the owning app's services). A kind with a target (a plan's tasks) belongs to one record, named
by the batch's ``target_id``."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from phoihop.imports import agreement, annual_plan, people, registry
from phoihop.imports.models import ImportBatch

if TYPE_CHECKING:
    from phoihop.imports.access import ImportTarget

MODULES: dict[str, ModuleType] = {
    ImportBatch.Kind.REGISTRY: registry,
    ImportBatch.Kind.PEOPLE: people,
    ImportBatch.Kind.PLAN: annual_plan,
    ImportBatch.Kind.AGREEMENT: agreement,
}
# The address of the kinds without a target: /nhap-du-lieu/<slug>/...
SLUGS: dict[str, str] = {"co-quan": ImportBatch.Kind.REGISTRY, "can-bo": ImportBatch.Kind.PEOPLE}
SLUG_OF: dict[str, str] = {kind: slug for slug, kind in SLUGS.items()}
TARGETED = {ImportBatch.Kind.PLAN, ImportBatch.Kind.AGREEMENT}


def module(kind: str) -> ModuleType:
    return MODULES[kind]


def target_of(kind: str, target_id: int | None) -> ImportTarget | None:
    """The record a batch's rows belong to (read again for each check and apply)."""
    if kind == ImportBatch.Kind.PLAN and target_id is not None:
        from phoihop.plans.models import AnnualPlan

        return AnnualPlan.objects.select_related("agreement").filter(pk=target_id).first()
    if kind == ImportBatch.Kind.AGREEMENT and target_id is not None:
        from phoihop.agreements.models import Agreement

        return Agreement.objects.filter(pk=target_id).first()
    return None
