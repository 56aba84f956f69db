"""Recompute the dashboards' summary rows from the records (after bulk loading, or nightly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Recompute the dashboards' summary rows of the whole database."

    def handle(self, *args: Any, **options: Any) -> None:
        from phoihop.dashboards.services import dashboard_summaries_rebuild

        dashboard_summaries_rebuild()
        if options.get("verbosity", 1):
            self.stdout.write(_("Đã tính lại số liệu tổng hợp của các trang theo dõi."))
