from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


class ActivitiesConfig(AppConfig):
    name = "phoihop.activities"

    def ready(self) -> None:
        from phoihop.activities.progress import SOURCE
        from phoihop.attachments.access import register_owner
        from phoihop.plans.progress import register_source

        register_owner(self.get_model("Activity"), _attachments_check)
        # A task's progress is counted from its approved activities.
        register_source(SOURCE)


def _attachments_check(user: AnyUser, pk: int, for_edit: bool) -> None:
    """An activity's files are read and changed by whoever reads and edits the activity."""
    from django.core.exceptions import PermissionDenied

    from phoihop.activities.access import get_activity_for_user

    activity = get_activity_for_user(user, pk, for_edit=for_edit)
    # An approved activity is locked, its files with it; a correction is a new revision.
    if for_edit and not activity.is_editable:
        raise PermissionDenied
