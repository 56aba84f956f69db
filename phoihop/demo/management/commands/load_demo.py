"""Load the demo data (the five articles' facts and demo users) and print the demo logins."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from phoihop.demo.base import DEMO_PASSWORD
from phoihop.demo.loader import LABELS, demo_load


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu từ năm bài báo và các tài khoản dùng thử; chạy lại không tạo trùng."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Cho phép nạp khi DEBUG tắt (tài khoản mẫu có mật khẩu công khai).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo accounts share a published password: never create them on a live system by accident.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _("Dữ liệu mẫu chỉ nạp khi DEBUG bật; thêm --force nếu thật sự muốn nạp.")
            )
        try:
            result = demo_load()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None

        created = "; ".join(
            f"{result.created[k]} {_(v)}" for k, v in LABELS.items() if result.created[k]
        )
        kept = "; ".join(f"{result.kept[k]} {_(v)}" for k, v in LABELS.items() if result.kept[k])
        self.stdout.write(_("Tạo mới: %(items)s.") % {"items": created or _("không có")})
        if kept:
            self.stdout.write(_("Đã có từ trước, giữ nguyên: %(items)s.") % {"items": kept})

        self.stdout.write("")
        self.stdout.write(
            _("Tài khoản dùng thử (mật khẩu chung: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        header = (_("Tên đăng nhập"), _("Mật khẩu"), _("Cơ quan, đơn vị"), _("Vai trò"))
        rows = [
            (
                login.username,
                login.password or _("(đã đổi)"),
                login.organization or _("(toàn hệ thống)"),
                login.role or _("Quản trị hệ thống"),
            )
            for login in result.logins
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, tuple("-" * w for w in widths), *rows]:
            self.stdout.write(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
