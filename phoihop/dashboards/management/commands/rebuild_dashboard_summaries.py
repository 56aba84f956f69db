"""Recompute the dashboards' summary rows from the records: after bulk loading, or every night
with ``--every 86400`` (the rows follow every change as it commits; the nightly pass repairs
what bypassed the services, such as rows written in bulk or an organisation's end of validity,
and moves the reporting horizon of open-ended agreements on)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Recompute the dashboards' summary rows of the whole database (once, or every N seconds)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="seconds between runs (default: run once)")

    def handle(self, *args: Any, every: int, **options: Any) -> None:
        from phoihop.dashboards.services import dashboard_summaries_rebuild

        while True:
            started = time.monotonic()
            dashboard_summaries_rebuild()
            if options.get("verbosity", 1):
                self.stdout.write(
                    _("Đã tính lại số liệu tổng hợp của các trang theo dõi (%(s)s giây).")
                    % {"s": round(time.monotonic() - started, 1)}
                )
            if every <= 0:
                return
            time.sleep(every)
