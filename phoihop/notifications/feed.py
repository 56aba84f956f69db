"""The personal iCalendar feed: a user's calendar items as all-day events (RFC 5545)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phoihop.notifications.selectors import CalendarItem

UID_DOMAIN = "phoihop"


def build_calendar(items: Iterable[CalendarItem], *, base_url: str, name: str) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        cal = icalendar.Calendar()
        cal.add("prodid", "-//phoihop//phoihop//VI")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", settings.TIME_ZONE)
        stamp = timezone.now()
        for item in items:
            event = icalendar.Event()
            event.add("uid", f"{item.uid}@{UID_DOMAIN}")
            event.add("dtstamp", stamp)
            event.add("dtstart", item.date)
            event.add("dtend", item.date + datetime.timedelta(days=1))
            event.add("summary", f"{item.kind_label}: {item.title}")
            description = item.detail
            if item.late:
                description = _("Quá hạn") + ". " + description
            if description:
                event.add("description", description)
            event.add("categories", [str(item.kind_label)])
            event.add("url", base_url.rstrip("/") + item.url)
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
    return cal.to_ical()
