"""Queue the reminders job (the worker runs it), or run it here and now with --now."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Queue the day's reminders for the background worker, or send them now with --now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="send in this process, not through the queue")
        parser.add_argument("--date", help="the day to compute for, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, now: bool, date: str | None, **options: Any) -> None:
        if date:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(_("--date phải có dạng YYYY-MM-DD, ví dụ 2026-01-31.")) from None
        if now:
            from phoihop.notifications.reminders import reminders_send

            sent = reminders_send(today=datetime.date.fromisoformat(date) if date else None)
            total = sum(sent.values())
            detail = ", ".join(f"{kind}: {n}" for kind, n in sorted(sent.items()) if n)
            self.stdout.write(
                _("Đã gửi %(total)s thông báo nhắc việc.") % {"total": total} + (f" ({detail})" if detail else "")
            )
            return
        from phoihop.notifications.tasks import send_reminders

        result = send_reminders.enqueue(today=date)
        self.stdout.write(_("Đã đưa việc gửi nhắc việc vào hàng đợi (%(id)s).") % {"id": result.id})
