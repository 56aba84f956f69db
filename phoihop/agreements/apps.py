from typing import Any

from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "phoihop.agreements"

    def ready(self) -> None:
        from phoihop.agreements.calendar import AGREEMENT_ENDS
        from phoihop.attachments.access import register_owner
        from phoihop.notifications.calendar import register_calendar_source

        register_owner(self.get_model("Agreement"), _attachments_check)
        register_calendar_source(AGREEMENT_ENDS)


def _attachments_check(user: Any, pk: int, for_edit: bool) -> None:
    """An agreement's files are read and changed by whoever reads and edits the agreement."""
    from phoihop.agreements.access import get_agreement_for_user

    get_agreement_for_user(user, pk, for_edit=for_edit)
