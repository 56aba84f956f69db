"""Which agreement's summary rows a change touches, told by the domain models' own signals.

The dashboards sit above the domain apps, which know nothing of them: they listen to the
models' signals here (connected in apps.py) and refresh the agreement after the commit.
Tasks, activities and values are resolved to their agreement at that moment, in one query
each, so saving a record costs nothing more inside its transaction (deletions are resolved at
once: the row is gone by then).
"""

from __future__ import annotations

import threading
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.db.transaction import on_commit

_pending = threading.local()
KINDS = ("agreement", "plan", "task", "activity")


def _state() -> dict[str, set[int]]:
    state: dict[str, set[int]] | None = getattr(_pending, "ids", None)
    if state is None:
        state = {kind: set() for kind in KINDS}
        _pending.ids = state
    return state


def touch(kind: str, *ids: int | None) -> None:
    found = {pk for pk in ids if pk is not None}
    if not found:
        return
    _state()[kind] |= found
    on_commit(_flush, robust=True)  # a failed refresh is logged; the nightly rebuild repairs it


def _flush() -> None:
    from phoihop.activities.models import Activity
    from phoihop.dashboards.services import dashboard_summaries_refresh
    from phoihop.plans.models import AnnualPlan, Task

    state = _state()
    if not any(state.values()):
        return
    _pending.ids = None
    agreements = set(state["agreement"])
    if state["plan"]:
        agreements |= set(AnnualPlan.objects.filter(pk__in=state["plan"]).values_list("agreement_id", flat=True))
    if state["task"]:
        agreements |= set(Task.objects.filter(pk__in=state["task"]).values_list("plan__agreement_id", flat=True))
    if state["activity"]:
        agreements |= set(
            Activity.objects.filter(pk__in=state["activity"]).values_list("task__plan__agreement_id", flat=True)
        )
    dashboard_summaries_refresh(agreement_ids=agreements)


def _task_agreement(task_id: int) -> int | None:
    from phoihop.plans.models import Task

    return Task.objects.filter(pk=task_id).values_list("plan__agreement_id", flat=True).first()


def on_agreement(sender: Any, instance: Any, **kwargs: Any) -> None:
    touch("agreement", instance.pk)


def on_agreement_part(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Parties, plans, reports and reporting schedules: they know their agreement."""
    touch("agreement", instance.agreement_id)


def on_task(sender: Any, instance: Any, **kwargs: Any) -> None:
    touch("plan", instance.plan_id)


def on_task_part(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Indicators and activities: through their task (deleted ones at once)."""
    if kwargs.get("signal") is post_delete:
        touch("agreement", _task_agreement(instance.task_id))
    else:
        touch("task", instance.task_id)


def on_value(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("signal") is post_delete:
        from phoihop.activities.models import Activity

        touch(
            "agreement",
            Activity.objects.filter(pk=instance.activity_id).values_list("task__plan__agreement_id", flat=True).first(),
        )
    else:
        touch("activity", instance.activity_id)


def on_m2m(sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any) -> None:
    """Supporting bodies of a task, organisers of an activity, reporters of a schedule."""
    from phoihop.activities.models import Activity
    from phoihop.plans.models import Task

    if not action.startswith("post_"):
        return
    if not reverse:
        if isinstance(instance, Task):
            touch("plan", instance.plan_id)
        elif isinstance(instance, Activity):
            touch("task", instance.task_id)
        else:
            touch("agreement", instance.agreement_id)
        return
    if action == "post_clear":
        return  # an organisation's links cleared from its side: the nightly rebuild catches it
    kind = {Task.supporting_organizations.through: "task", Activity.organizations.through: "activity"}.get(sender)
    if kind is not None and pk_set:
        touch(kind, *pk_set)


def connect() -> None:
    from phoihop.activities.models import Activity, IndicatorValue
    from phoihop.agreements.models import Agreement, Party
    from phoihop.exchange.models import PeriodicReport, ReportingSchedule
    from phoihop.plans.models import AnnualPlan, Indicator, Task

    uid = "dashboards-summaries"
    for signal in (post_save, post_delete):
        signal.connect(on_agreement, sender=Agreement, dispatch_uid=f"{uid}-agreement")
        for part in (Party, AnnualPlan, PeriodicReport, ReportingSchedule):
            signal.connect(on_agreement_part, sender=part, dispatch_uid=f"{uid}-{part.__name__}")
        signal.connect(on_task, sender=Task, dispatch_uid=f"{uid}-task")
        for work in (Indicator, Activity):
            signal.connect(on_task_part, sender=work, dispatch_uid=f"{uid}-{work.__name__}")
        signal.connect(on_value, sender=IndicatorValue, dispatch_uid=f"{uid}-value")
    for through in (
        Task.supporting_organizations.through,
        Activity.organizations.through,
        ReportingSchedule.reporters.through,
    ):
        m2m_changed.connect(on_m2m, sender=through, dispatch_uid=f"{uid}-{through.__name__}")
