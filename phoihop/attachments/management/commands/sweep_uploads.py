"""Remove uploaded files that no attachment names (left by a process killed mid-save), files
kept from refused forms after a day, and what other apps let go (registered sweeps)."""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from phoihop.attachments.uploads import (
    MIN_AGE,
    orphan_uploads,
    orphan_uploads_remove,
    pending_uploads_remove_stale,
    registered_sweeps,
)


class Command(BaseCommand):
    help = "Xóa các tệp tải lên không thuộc bản ghi nào (do một tiến trình bị dừng giữa chừng để lại)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=int(MIN_AGE.total_seconds() // 60),
            help="Chỉ xét tệp cũ hơn chừng này phút (mặc định 60).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không xóa.")

    def handle(self, *args: Any, older_than_minutes: int, dry_run: bool, **options: Any) -> None:
        age = datetime.timedelta(minutes=max(older_than_minutes, 0))
        names = orphan_uploads(older_than=age) if dry_run else orphan_uploads_remove(older_than=age)
        for name in names:
            self.stdout.write(name)
        if dry_run:
            self.stdout.write(_("%(n)s tệp không thuộc bản ghi nào (chưa xóa).") % {"n": len(names)})
        else:
            self.stdout.write(_("Đã xóa %(n)s tệp không thuộc bản ghi nào.") % {"n": len(names)})
            # Files kept from refused forms for a day, in case the user came back to them.
            kept = pending_uploads_remove_stale()
            self.stdout.write(_("Đã xóa %(n)s tệp giữ lại từ biểu mẫu chưa lưu.") % {"n": kept})
            for label, sweep in registered_sweeps():
                self.stdout.write(_("%(what)s: đã xóa %(n)s tệp.") % {"what": label, "n": sweep()})
