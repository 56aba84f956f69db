"""How the global search finds and shows conferences and events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from phoihop.core.selectors import Searchable
from phoihop.events import access

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.events.models import Event


def _records(user: AnyUser) -> QuerySet[Event]:
    return access.visible_events(user).active().select_related("host")


EVENTS = Searchable(
    key="events",
    title=gettext_lazy("Hội nghị, sự kiện"),
    records=_records,
    label="title",
    template="events/search.html#result",
)
