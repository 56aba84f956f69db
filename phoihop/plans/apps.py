from typing import Any

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "phoihop.plans"

    def ready(self) -> None:
        from phoihop.attachments.access import register_owner
        from phoihop.notifications.calendar import register_calendar_source
        from phoihop.plans.calendar import TASKS

        register_owner(self.get_model("AnnualPlan"), _attachments_check)
        register_calendar_source(TASKS)


def _attachments_check(user: Any, pk: int, for_edit: bool) -> None:
    """A plan's signed copy is read and changed by whoever reads and edits the plan."""
    from phoihop.plans.access import get_plan_for_user

    get_plan_for_user(user, pk, for_edit=for_edit)
