"""Write one archive of the database, the uploaded files and a manifest of their checksums."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from phoihop.ops.services import BackupError, backup_create, default_backup_path


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump) and MEDIA_ROOT "
        "into one .tar.gz archive with a manifest of SHA-256 checksums. Written under a "
        "temporary name and renamed when complete; an existing file is never overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            help="the archive to write, or a folder to write it in (an existing folder, or a "
            "path ending in /) (default: <DATA_DIR>/backups/phoihop-<UTC time>.tar.gz)",
        )

    def handle(self, *args: Any, output: str | None, **options: Any) -> None:
        target = default_backup_path()
        if output:
            folder = output.endswith(("/", os.sep)) or Path(output).is_dir()
            target = Path(output) / target.name if folder else Path(output)
        try:
            result = backup_create(output=target)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if options["verbosity"]:
            self.stdout.write(
                _("Đã sao lưu %(rows)s dòng trong %(tables)s bảng và %(files)s tệp vào %(path)s (%(size)s byte).")
                % {
                    "rows": sum(result.counts.values()),
                    "tables": len(result.counts),
                    "files": result.files,
                    "path": result.path,
                    "size": result.size,
                }
            )
