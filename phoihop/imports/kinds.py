"""The kinds of records a workbook brings in, each a module with the same parts: ``spec()`` (its
data sheet), ``template()`` (the .xlsx to fill in), ``check(wb, actor=...)`` (the plan and its preview,
nothing written) and ``apply(plan, actor=...)`` (the writes, through the owning app's services)."""

from __future__ import annotations

from types import ModuleType

from phoihop.imports import people, registry
from phoihop.imports.models import ImportBatch

MODULES: dict[str, ModuleType] = {
    ImportBatch.Kind.REGISTRY: registry,
    ImportBatch.Kind.PEOPLE: people,
}
# The address of each kind's pages: /nhap-du-lieu/<slug>/...
SLUGS = {"co-quan": ImportBatch.Kind.REGISTRY, "can-bo": ImportBatch.Kind.PEOPLE}
SLUG_OF = {kind: slug for slug, kind in SLUGS.items()}


def module(kind: str) -> ModuleType:
    return MODULES[kind]
