"""Restore an archive written by ``backup`` into an empty database and an empty media folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from phoihop.ops.services import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive into the configured database and MEDIA_ROOT. Every checksum "
        "in the manifest is checked first; the database must be empty (newly created, or only "
        "migrated) and MEDIA_ROOT must hold no files, otherwise nothing is written. There is no "
        "option to restore over existing data: create an empty database instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="the .tar.gz archive written by manage.py backup")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        try:
            result = backup_restore(archive=archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if options["verbosity"]:
            self.stdout.write(
                _("Đã khôi phục %(rows)s dòng trong %(tables)s bảng và %(files)s tệp; mọi mã kiểm tra đều khớp.")
                % {"rows": sum(result.counts.values()), "tables": len(result.counts), "files": result.files}
            )
        if result.unapplied_migrations:
            self.stdout.write(
                _("Bản sao lưu cũ hơn mã nguồn: hãy chạy manage.py migrate (%(count)s migration chưa áp dụng).")
                % {"count": len(result.unapplied_migrations)}
            )
