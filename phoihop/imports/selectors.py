"""Reads of imports: the user's own uploads, and a batch's preview ready to show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from phoihop.imports import access
from phoihop.imports.checking import issue_text
from phoihop.imports.models import ImportBatch

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser

RECENT = 20


def recent_batches(*, user: AnyUser) -> QuerySet[ImportBatch]:
    """The user's latest uploads (their previews are not read: the list shows their counts)."""
    return access.visible_batches(user).defer("result").order_by("-created_at", "-id")[:RECENT]


@dataclass(frozen=True)
class PreviewPage:
    counts: dict[str, int]
    errors: list[str]
    error_count: int
    # The preview's rows as the check stored them (JSON), shown as they are.
    to_create: list[dict[str, object]]
    to_update: list[dict[str, object]]
    unchanged: list[dict[str, object]]


def batch_preview(*, batch: ImportBatch) -> PreviewPage:
    result = batch.result or {}
    rows = result.get("rows", {})
    return PreviewPage(
        counts={k: int(v) for k, v in result.get("counts", {}).items()},
        errors=[issue_text(i) for i in result.get("issues", [])],
        error_count=int(result.get("issue_count", 0)),
        to_create=rows.get("create", []),
        to_update=rows.get("update", []),
        unchanged=rows.get("unchanged", []),
    )
