"""Who sees and changes annual plans, their tasks and indicators.

- a plan (and its tasks) is seen by whoever sees its agreement;
- officers of the agreement's lead party edit its plans, tasks and indicators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from phoihop.agreements.access import can_edit_agreement, visible_agreement_ids
from phoihop.orgs.access import scope
from phoihop.plans.models import AnnualPlan, Task

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.core.models import ActiveQuerySet


def visible_plans(user: AnyUser) -> ActiveQuerySet[AnnualPlan]:
    """Plans are seen by whoever sees their agreement."""
    if not getattr(user, "is_authenticated", False):
        return AnnualPlan.objects.none()
    if scope(user).is_system_admin:
        return AnnualPlan.objects.all()
    return AnnualPlan.objects.filter(agreement_id__in=visible_agreement_ids(user))


def visible_tasks(user: AnyUser) -> ActiveQuerySet[Task]:
    if not getattr(user, "is_authenticated", False):
        return Task.objects.none()
    if scope(user).is_system_admin:
        return Task.objects.all()
    return Task.objects.filter(agreement_id__in=visible_agreement_ids(user))


def can_edit_plan(user: AnyUser, plan: AnnualPlan) -> bool:
    """Officers of the lead party edit the agreement's plans, tasks and indicators."""
    return can_edit_agreement(user, plan.agreement)


def get_plan_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> AnnualPlan:
    plan = (
        visible_plans(user)
        .select_related("agreement")
        .prefetch_related("agreement__parties")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    if for_edit and not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def get_task_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Task:
    task = (
        visible_tasks(user)
        .select_related(
            "plan__agreement", "content_area", "lead_organization", "responsible_officer"
        )
        .prefetch_related("plan__agreement__parties")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    if for_edit and not can_edit_plan(user, task.plan):
        raise PermissionDenied
    return task
