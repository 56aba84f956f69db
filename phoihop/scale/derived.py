"""Derived data that bulk loading bypasses: rebuilt in one place after rows are written in bulk.

The scale generator writes with ``bulk_create`` for speed, so the columns and summary rows that
the services keep up to date on every write (organisation paths, a task's and an activity's
agreement, a commendation's filing name, the organisations an event is seen through, dashboard
figures, ...) are rebuilt here afterwards, each by its own app's function.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction


def rebuilders() -> list[tuple[str, Callable[[], object]]]:
    """(label, function) for every piece of derived data, in dependency order."""
    steps: list[tuple[str, Callable[[], object]]] = []
    from phoihop.orgs.services import organization_paths_rebuild

    steps.append(("organisation paths", organization_paths_rebuild))
    # Organisation paths come before this step; summaries after it.
    from phoihop.plans.services import task_columns_rebuild

    steps.append(("task columns", task_columns_rebuild))
    from phoihop.activities.services import activity_columns_rebuild

    steps.append(("activity columns", activity_columns_rebuild))
    from phoihop.reviews.services import commendation_sort_rebuild

    steps.append(("commendation order", commendation_sort_rebuild))
    from phoihop.events.services import event_reach_rebuild

    steps.append(("event reach", event_reach_rebuild))
    # Last: the dashboards' summary rows read everything above.
    from phoihop.dashboards.services import dashboard_summaries_rebuild

    steps.append(("dashboard summaries", dashboard_summaries_rebuild))
    return steps


def rebuild_derived(*, progress: Callable[[str], None] | None = None) -> None:
    for label, step in rebuilders():
        if progress is not None:
            progress(label)
        with transaction.atomic():
            step()
