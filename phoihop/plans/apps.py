from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.documents.renditions import Source
    from phoihop.plans.models import AnnualPlan


class PlansConfig(AppConfig):
    name = "phoihop.plans"

    def ready(self) -> None:
        from phoihop.agreements.dependents import register_area_removal_check, register_period_check
        from phoihop.attachments.access import register_owner
        from phoihop.documents.renditions import register_source
        from phoihop.documents.services import register_date_rule
        from phoihop.documents.signatures import SignedRecord, register_signed_record
        from phoihop.notifications.calendar import register_calendar_source
        from phoihop.plans.calendar import TASKS
        from phoihop.plans.models import AnnualPlan
        from phoihop.plans.services import refuse_period_leaving_plans, refuse_removing_areas_in_use

        register_owner(AnnualPlan, _attachments_check)
        register_signed_record(
            AnnualPlan, SignedRecord(get_for_edit=_get_for_edit, can_edit=_can_edit, url=_plan_url)
        )
        register_date_rule(AnnualPlan, _date_errors)
        # The agreement's document prints its plans' targets and years, so plans makes it.
        register_source("agreement", _agreement_pdf)
        register_source("plan", _plan_pdf)
        # An agreement edit may not strand tasks on a removed content area or plans outside its period.
        register_area_removal_check(refuse_removing_areas_in_use)
        register_period_check(refuse_period_leaving_plans)
        register_calendar_source(TASKS)


def _attachments_check(user: AnyUser, pk: int, for_edit: bool) -> None:
    """A plan's signed copy is read and changed by whoever reads and edits the plan."""
    from phoihop.plans.access import get_plan_for_user

    get_plan_for_user(user, pk, for_edit=for_edit)


def _get_for_edit(user: AnyUser, pk: int) -> AnnualPlan:
    from phoihop.plans.access import get_plan_for_user

    return get_plan_for_user(user, pk, for_edit=True)


def _can_edit(user: AnyUser, plan: AnnualPlan) -> bool:
    from phoihop.plans.access import can_edit_plan

    return can_edit_plan(user, plan)


def _plan_url(plan: AnnualPlan) -> str:
    from django.urls import reverse

    return reverse("plans:detail", kwargs={"pk": plan.pk})


def _date_errors(plan: AnnualPlan, issued_on: datetime.date) -> list[str]:
    from phoihop.plans.documents import plan_date_errors

    return plan_date_errors(plan, issued_on)


def _agreement_pdf() -> Source:
    from phoihop.plans.documents import agreement_pdf_source

    return agreement_pdf_source()


def _plan_pdf() -> Source:
    from phoihop.plans.documents import plan_pdf_source

    return plan_pdf_source()
