"""Background jobs of imports, run by the worker (``manage.py run_worker``)."""

from __future__ import annotations

from django_tasks import task

from phoihop.imports.services import import_apply, import_check


@task()
def check_import(batch_id: int) -> str:
    """Check a large uploaded workbook (see imports.services.import_upload)."""
    batch = import_check(batch_id=batch_id)
    return batch.status if batch is not None else "missing"


@task()
def apply_import(batch_id: int) -> str:
    """Apply a large confirmed workbook (see imports.services.import_confirm)."""
    batch = import_apply(batch_id=batch_id)
    return batch.status if batch is not None else "missing"
