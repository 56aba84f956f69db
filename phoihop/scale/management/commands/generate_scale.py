"""Generate realistic province-scale data for the benchmark (see ``phoihop.scale.generator``).

    manage.py generate_scale --provinces 1              # one whole province (~800 organisations)
    manage.py generate_scale --provinces 1 --units 20   # a small province: its first 20 communes
    manage.py generate_scale --provinces 34 --seed 7    # the nation

Users: bench_officer (officer of a commune's military command), bench_leader (leader of the first
province's Party committee, sees the whole province), bench_admin (system administrator); the
password of every generated user is ``bench-password-2026``. Run it on a dedicated, freshly
migrated database; a second run refuses, ``--reset`` empties the whole database first.
"""

from __future__ import annotations

import datetime
import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from phoihop.scale.generator import BENCH_PASSWORD, BENCH_USERNAMES, REFERENCE_DATE, generate_scale
from phoihop.scale.models import ScaleDataset


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu thử tải theo quy mô tỉnh: cơ quan, văn bản phối hợp, kế hoạch, nhiệm vụ, hoạt động, "
        "báo cáo, kiểm tra, sơ kết, khen thưởng, tài khoản. Tài khoản đo: bench_officer, bench_leader, "
        f"bench_admin; mật khẩu mọi tài khoản tạo ra: {BENCH_PASSWORD}. Chỉ dùng trên cơ sở dữ liệu riêng."
    )
    # Writing data needs the models only; the checks (URLs, templates) are the web app's business.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--provinces", type=int, required=True, help="Số tỉnh, thành phố (1–34).")
        parser.add_argument(
            "--units", type=int, default=None, help="Số xã, phường mỗi tỉnh (mặc định: tất cả, khoảng 100)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Hạt giống ngẫu nhiên (mặc định 1).")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=REFERENCE_DATE,
            help=f"Ngày mốc của dữ liệu, dạng YYYY-MM-DD (mặc định {REFERENCE_DATE.isoformat()}).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Xóa toàn bộ cơ sở dữ liệu (mọi bảng) trước khi tạo. Chỉ dùng cho cơ sở dữ liệu thử tải.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Cho phép chạy khi DEBUG tắt (mật khẩu công khai)."
        )
        parser.add_argument("--batch-size", type=int, default=5000, help="Số dòng mỗi lần ghi (mặc định 5000).")

    def handle(self, *args: Any, **options: Any) -> None:
        # Every generated account shares a published password: never on a live system by accident.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(_("Dữ liệu thử tải chỉ tạo khi DEBUG bật; thêm --force nếu thật sự muốn tạo."))
        provinces, units = options["provinces"], options["units"]
        if not 1 <= provinces <= 34:
            raise CommandError(_("Số tỉnh, thành phố phải từ 1 đến 34."))
        if units is not None and units < 1:
            raise CommandError(_("Số xã, phường phải từ 1 trở lên."))
        if options["reset"]:
            self.stderr.write("generate_scale: emptying the database (flush)")
            call_command("flush", interactive=False, verbosity=0)
        existing = ScaleDataset.objects.order_by("-created_at").first()
        if existing is not None:
            raise CommandError(
                _(
                    "Cơ sở dữ liệu này đã có dữ liệu thử tải (%(dataset)s%(state)s). Dùng một cơ sở dữ liệu "
                    "mới, hoặc thêm --reset để xóa toàn bộ trước khi tạo."
                )
                % {"dataset": existing, "state": "" if existing.completed else _(", chưa tạo xong")}
            )
        dataset = ScaleDataset.objects.create(
            provinces=provinces, units=units, seed=options["seed"], reference_date=options["today"],
            database_vendor=connection.vendor,
        )
        started = time.monotonic()
        result = generate_scale(
            provinces=provinces, units=units, seed=options["seed"], today=options["today"], stream=self.stderr,
            batch_size=options["batch_size"],
        )
        dataset.completed = True
        dataset.duration_s = round(time.monotonic() - started, 1)
        dataset.counts = result.counts
        dataset.save(update_fields=["completed", "duration_s", "counts"])
        width = max(len(k) for k in result.counts) if result.counts else 0
        for label, count in result.counts.items():
            self.stdout.write(f"{label:<{width}}  {count:>10,}")
        self.stdout.write(
            f"{provinces} province(s), seed {options['seed']}, {dataset.duration_s:.1f} s on {connection.vendor}; "
            f"users {', '.join(BENCH_USERNAMES.values())} / {BENCH_PASSWORD}"
        )
