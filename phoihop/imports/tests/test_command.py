"""manage.py import_records: the preview's counts and errors, --dry-run, --user."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from phoihop.imports.tests.workbook_files import filled
from phoihop.orgs.models import Organization

ROWS = [
    [
        "Hội Cựu chiến binh Phường 4",
        "",
        "Hội Cựu chiến binh",
        "Xã, phường, đặc khu",
        "Ban CHQS Quận 4",
        "01/07/2025",
        None,
    ]
]


def write(tmp_path: Path, rows: list[list[Any]]) -> str:
    path = tmp_path / "co-quan.xlsx"
    path.write_bytes(filled(rows))
    return str(path)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_records", *args, stdout=out)
    return out.getvalue()


def test_it_saves_nothing_on_a_dry_run(users: dict[str, Any], tmp_path: Path) -> None:
    out = run(write(tmp_path, ROWS), "--dry-run", "--user", "staff")
    assert "Thêm mới: 1, cập nhật: 0, không đổi: 0, lỗi: 0" in out
    assert "chưa lưu gì" in out
    assert not Organization.objects.filter(name="Hội Cựu chiến binh Phường 4").exists()


def test_it_applies_and_then_finds_the_same_file_unchanged(
    users: dict[str, Any], tmp_path: Path
) -> None:
    path = write(tmp_path, ROWS)
    assert "Đã nhập dữ liệu." in run(path, "--user", "staff")
    assert (
        str(Organization.objects.get(name="Hội Cựu chiến binh Phường 4").parent)
        == "Ban Chỉ huy Quân sự Quận 4"
    )
    assert "Thêm mới: 0, cập nhật: 0, không đổi: 1, lỗi: 0" in run(path, "--user", "staff")


def test_it_prints_the_errors_and_saves_nothing(users: dict[str, Any], tmp_path: Path) -> None:
    path = write(tmp_path, [*ROWS, ["Tổ 2", "", "Khác", "Đơn vị cơ sở", "Không có", None, None]])
    out = io.StringIO()
    with pytest.raises(CommandError, match="Tệp còn lỗi"):
        call_command("import_records", path, "--user", "staff", stdout=out)
    assert (
        'Trang Tổ chức, dòng 3, cột E: Không tìm thấy cơ quan cấp trên "Không có"' in out.getvalue()
    )
    assert not Organization.objects.filter(name="Hội Cựu chiến binh Phường 4").exists()


def test_it_refuses_a_user_without_the_right_and_a_file_that_is_not_a_workbook(
    users: dict[str, Any], tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="không có quyền"):
        run(write(tmp_path, ROWS), "--user", "leader")
    text = tmp_path / "ghi-chu.xlsx"
    text.write_text("không phải bảng tính")
    with pytest.raises(CommandError):
        run(str(text), "--user", "staff")
    with pytest.raises(CommandError, match="Cần --user"):
        run(write(tmp_path, ROWS))


def test_it_brings_in_a_plans_tasks_named_by_plan(
    users: dict[str, Any], agreement: Any, tmp_path: Path
) -> None:
    from phoihop.imports.tests.test_plan import workbook
    from phoihop.plans.services import plan_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    path = tmp_path / "ke-hoach.xlsx"
    path.write_bytes(
        workbook(plan, [[7, "Hội thao quốc phòng", "", "Ban CHQS Quận 4", "", None, None]])
    )
    with pytest.raises(CommandError, match="Cần --plan"):
        run(str(path), "--user", "alice")
    assert "Thêm mới: 1" in run(str(path), "--user", "alice", "--plan", str(plan.pk))
    assert plan.tasks.filter(number=7).exists()


def test_it_brings_in_an_agreements_parties_named_by_agreement(
    users: dict[str, Any], orgs: dict[str, Any], agreement: Any, tmp_path: Path
) -> None:
    from phoihop.imports.tests.test_agreement import workbook

    path = tmp_path / "van-ban.xlsx"
    path.write_bytes(
        workbook(agreement, [["Hội Nông dân xã Khánh Hội", "Phối hợp", "", "", "", "", None]])
    )
    with pytest.raises(CommandError, match="Cần --agreement"):
        run(str(path), "--user", "alice")
    assert "Thêm mới: 1" in run(str(path), "--user", "alice", "--agreement", str(agreement.pk))
    assert agreement.parties.filter(organization=orgs["unrelated"]).exists()
