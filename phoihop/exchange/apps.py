from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


class ExchangeConfig(AppConfig):
    name = "phoihop.exchange"

    def ready(self) -> None:
        from phoihop.attachments.access import register_owner
        from phoihop.exchange.calendar import REPORTS
        from phoihop.notifications.calendar import register_calendar_source

        register_owner(self.get_model("Inspection"), _attachments_check)
        register_calendar_source(REPORTS)


def _attachments_check(user: AnyUser, pk: int, for_edit: bool) -> None:
    """An inspection's files are read and changed by whoever reads and edits the inspection."""
    from phoihop.exchange.access import get_inspection_for_user

    get_inspection_for_user(user, pk, for_edit=for_edit)
