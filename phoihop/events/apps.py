from typing import Any

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "phoihop.events"

    def ready(self) -> None:
        from phoihop.attachments.access import register_owner
        from phoihop.events.calendar import EVENTS
        from phoihop.notifications.calendar import register_calendar_source

        register_owner(self.get_model("Event"), _attachments_check)
        register_calendar_source(EVENTS)


def _attachments_check(user: Any, pk: int, for_edit: bool) -> None:
    """An event's files are read and changed by whoever reads and edits the event."""
    from phoihop.events.access import get_event_for_user

    get_event_for_user(user, pk, for_edit=for_edit)
