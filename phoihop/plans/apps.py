from typing import Any

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "phoihop.plans"

    def ready(self) -> None:
        from phoihop.agreements.dependents import register_area_removal_check, register_period_check
        from phoihop.attachments.access import register_owner
        from phoihop.notifications.calendar import register_calendar_source
        from phoihop.plans.calendar import TASKS
        from phoihop.plans.services import refuse_period_leaving_plans, refuse_removing_areas_in_use

        register_owner(self.get_model("AnnualPlan"), _attachments_check)
        # An agreement edit may not strand tasks on a removed content area or plans outside its period.
        register_area_removal_check(refuse_removing_areas_in_use)
        register_period_check(refuse_period_leaving_plans)
        register_calendar_source(TASKS)


def _attachments_check(user: Any, pk: int, for_edit: bool) -> None:
    """A plan's signed copy is read and changed by whoever reads and edits the plan."""
    from phoihop.plans.access import get_plan_for_user

    get_plan_for_user(user, pk, for_edit=for_edit)
