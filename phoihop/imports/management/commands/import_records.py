"""Bring records in from an Excel workbook made from one of the import templates.

    manage.py import_records FILE [--dry-run] [--user USERNAME] [--kind KIND] [--plan ID | --agreement ID]

The same checks as the upload page: the preview's counts and errors are printed; the rows are
applied in one transaction when there is no error, unless --dry-run (which saves nothing). The
import runs with the rights of --user (by default the only active superuser, if there is one).
A plan's tasks and indicators name their plan with --plan, an agreement's parties and content
areas their agreement with --agreement.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from phoihop.imports import kinds, services
from phoihop.imports.checking import issue_text
from phoihop.imports.models import ImportBatch


class Command(BaseCommand):
    help = "Nhập dữ liệu từ tệp Excel theo mẫu (xem trước, rồi lưu nếu không có lỗi)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu gì")
        parser.add_argument("--user", help="tên đăng nhập của người nhập (quyền của người đó)")
        parser.add_argument(
            "--kind",
            choices=ImportBatch.Kind.values,
            help="loại dữ liệu (mặc định: theo tên trang)",
        )
        parser.add_argument(
            "--plan", type=int, help="số hiệu (id) của kế hoạch năm, khi nhập nhiệm vụ"
        )
        parser.add_argument(
            "--agreement", type=int, help="số hiệu (id) của văn bản, khi nhập các bên và nội dung"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("vi")
        user = self._user(options["user"])
        kind = options["kind"] or services.kind_of_workbook(options["file"])
        if kind is None:
            raise CommandError(_("Không nhận ra loại dữ liệu của tệp (tên trang); dùng --kind."))
        target = None
        if kind in kinds.TARGETED:
            key = "plan" if kind == ImportBatch.Kind.PLAN else "agreement"
            target = kinds.target_of(kind, options[key] or 0) if options[key] else None
            if target is None:
                raise CommandError(
                    _("Cần --plan: số hiệu của kế hoạch năm có các nhiệm vụ này.")
                    if key == "plan"
                    else _("Cần --agreement: số hiệu của văn bản có các bên và nội dung này.")
                )
        try:
            preview = services.import_file(
                actor=user,
                kind=kind,
                path=options["file"],
                dry_run=options["dry_run"],
                target=target,
            )
        except PermissionDenied:
            raise CommandError(
                _("%(user)s không có quyền nhập loại dữ liệu này.") % {"user": user.get_username()}
            ) from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        except OSError as exc:
            raise CommandError(str(exc)) from None
        result = preview.as_dict()
        counts = result["counts"]
        self.stdout.write(
            _(
                "Thêm mới: %(create)s, cập nhật: %(update)s, không đổi: %(unchanged)s, lỗi: %(error)s"
            )
            % counts
        )
        for issue in result["issues"]:
            self.stdout.write(issue_text(issue))
        if preview.has_errors:
            raise CommandError(_("Tệp còn lỗi: chưa lưu gì."))
        if options["dry_run"]:
            self.stdout.write(_("Chạy thử (--dry-run): chưa lưu gì."))
        else:
            self.stdout.write(self.style.SUCCESS(_("Đã nhập dữ liệu.")))

    def _user(self, username: str | None) -> Any:
        users = get_user_model().objects.filter(is_active=True)
        if username:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(_("Không có người dùng %(user)s.") % {"user": username})
            return user
        admins = list(users.filter(is_superuser=True)[:2])
        if len(admins) != 1:
            raise CommandError(_("Cần --user: lệnh chạy với quyền của người dùng đó."))
        return admins[0]
