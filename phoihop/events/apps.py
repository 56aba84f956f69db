from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


class EventsConfig(AppConfig):
    name = "phoihop.events"

    def ready(self) -> None:
        from phoihop.attachments.access import register_owner
        from phoihop.audit.personal_data import register_kept_as_signed
        from phoihop.events import signals
        from phoihop.events.access import visible_attendee_ids
        from phoihop.events.calendar import EVENTS
        from phoihop.events.selectors import person_attended_panel, person_names_as_recorded
        from phoihop.notifications.calendar import register_calendar_source
        from phoihop.orgs.access import register_people_source
        from phoihop.orgs.panels import register_person_panel

        signals.connect()

        register_owner(self.get_model("Event"), _attachments_check)
        register_people_source(visible_attendee_ids)
        register_person_panel(person_attended_panel)
        register_kept_as_signed(person_names_as_recorded)
        register_calendar_source(EVENTS)


def _attachments_check(user: AnyUser, pk: int, for_edit: bool) -> None:
    """An event's files are read and changed by whoever reads and edits the event."""
    from phoihop.events.access import get_event_for_user

    get_event_for_user(user, pk, for_edit=for_edit)
