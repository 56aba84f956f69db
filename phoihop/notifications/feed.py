"""The personal iCalendar feed: a user's calendar items as all-day events (RFC 5545), written as
text line by line (a feed of a thousand items is a few milliseconds, not an object per item)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from phoihop.notifications.calendar import CalendarItem

UID_DOMAIN = "phoihop"
# Replaced after hashing, so the ETag depends on the items and not on when they were rendered.
STAMP_PLACEHOLDER = "19700101T000000Z"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts: list[bytes] = []
    begin, limit = 0, 75
    while len(data) - begin > limit:
        cut = begin + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            cut -= 1
        parts.append(data[begin:cut])
        begin, limit = cut, 74  # continuation lines start with a space
    parts.append(data[begin:])
    return b"\r\n ".join(parts).decode()


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def render_calendar(items: Iterable[CalendarItem], *, base_url: str, name: str) -> str:
    """The feed's text with ``STAMP_PLACEHOLDER`` where each event's DTSTAMP goes."""
    base = base_url.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        late_label = _("Quá hạn")
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//phoihop//phoihop//VI",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            fold("X-WR-CALNAME:" + escape_text(name)),
            "X-WR-TIMEZONE:" + settings.TIME_ZONE,
        ]
        for item in items:
            label = str(item.kind_label)
            description = item.detail
            if item.late:
                description = f"{late_label}. {description}" if description else late_label
            lines += [
                "BEGIN:VEVENT",
                fold(f"UID:{item.uid}@{UID_DOMAIN}"),
                "DTSTAMP:" + STAMP_PLACEHOLDER,
                "DTSTART;VALUE=DATE:" + _date(item.date),
                "DTEND;VALUE=DATE:" + _date(item.date + datetime.timedelta(days=1)),
                fold("SUMMARY:" + escape_text(f"{label}: {item.title}")),
            ]
            if description:
                lines.append(fold("DESCRIPTION:" + escape_text(description)))
            lines += [
                fold("CATEGORIES:" + escape_text(label)),
                fold("URL:" + base + item.url),
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def etag_of(text: str) -> str:
    """A strong validator of the feed's content (without its stamps)."""
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def stamped(text: str, stamp: datetime.datetime) -> bytes:
    """The feed's body with every DTSTAMP set to ``stamp`` (when its content last changed)."""
    value = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return text.replace("DTSTAMP:" + STAMP_PLACEHOLDER, "DTSTAMP:" + value).encode()
