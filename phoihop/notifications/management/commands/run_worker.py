"""The background worker of a deployment: runs queued jobs and queues the reminders every hour.

One process does both so ``make run`` needs a single extra line. Several of them may run at
once (more app servers): each queues its own hourly reminders, and the reminders' keys make the
extra runs send nothing.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Run queued background jobs (database worker) and queue the reminders every hour."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=3600, help="seconds between reminder runs (default 3600)")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between looks at the queue (default 5)")
        parser.add_argument("--once", action="store_true", help="queue the reminders, run what is queued, then stop")

    def handle(self, *args: Any, every: int, interval: float, once: bool, **options: Any) -> None:
        from phoihop.notifications.tasks import send_reminders

        verbosity = options.get("verbosity", 1)
        # The database worker says hello and goodbye on every pass: only with -v 2.
        worker_verbosity = verbosity if verbosity >= 2 else 0
        next_reminders = 0.0
        while True:
            if time.monotonic() >= next_reminders:
                result = send_reminders.enqueue()
                if verbosity:
                    self.stdout.write(_("Đã đưa việc gửi nhắc việc vào hàng đợi (%(id)s).") % {"id": result.id})
                next_reminders = time.monotonic() + every
            # Work through the queue, then come back to check the clock.
            call_command(
                "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=worker_verbosity
            )
            if once:
                return
            time.sleep(interval)
