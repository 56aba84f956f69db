"""The organisation registry brought in from Excel: check, preview, apply (services)."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.imports.models import ImportBatch
from phoihop.imports.services import import_confirm, import_upload
from phoihop.imports.tests.workbook_files import filled, upload
from phoihop.orgs.models import Organization

MILITARY = "Cơ quan quân sự"
COMMUNE = "Xã, phường, đặc khu"


def errors(batch: ImportBatch) -> list[str]:
    from phoihop.imports.checking import issue_text

    return [issue_text(i) for i in batch.result["issues"]]


def send(users: dict[str, Any], rows: list[list[Any]], **kwargs: Any) -> ImportBatch:
    return import_upload(
        actor=users["staff"], kind="registry", upload=upload(filled(rows)), **kwargs
    )


def test_it_makes_a_template_with_instructions_headers_and_lists(db: Any) -> None:
    from openpyxl import load_workbook

    from phoihop.imports import registry

    wb = load_workbook(io.BytesIO(registry.template()))
    assert wb.sheetnames[0] == "Hướng dẫn"
    ws = wb["Tổ chức"]
    assert [c.value for c in ws[1]][:3] == ["Tên cơ quan, đơn vị (*)", "Tên viết tắt", "Loại"]
    sources = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(sources) == {"C2:C5000", "D2:D5000"}
    lists = wb["Danh mục"]
    assert lists.sheet_state == "hidden"
    assert MILITARY in [c.value for c in lists["A"]]
    assert COMMUNE in [c.value for c in lists["B"]]


def test_it_previews_and_saves_nothing_until_confirmed(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    before = Organization.objects.count()
    batch = send(
        users,
        [
            [
                "Ban Chỉ huy Quân sự Phường 2 Quận 4",
                "Ban CHQS P2",
                MILITARY,
                COMMUNE,
                "ban chi huy quan su quan 4",
                "01/01/2020",
                None,
            ],
            ["Ban chỉ huy quân sự quận 4", "", "", "", "", None, None],
        ],
    )
    assert batch.status == "checked"
    assert batch.counts == {"create": 1, "update": 0, "unchanged": 1, "error": 0}
    assert Organization.objects.count() == before
    import_confirm(actor=users["staff"], batch=batch)
    batch.refresh_from_db()
    assert batch.status == "applied"
    made = Organization.objects.get(name="Ban Chỉ huy Quân sự Phường 2 Quận 4")
    assert made.parent == orgs["district"]
    assert made.valid_from == datetime.date(2020, 1, 1)
    assert made.kind == "military" and made.level == "commune"


def test_it_finds_a_parent_by_its_short_name_folded(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    batch = send(
        users, [["Ban CHQS Phường 3", "", MILITARY, COMMUNE, "Ban CHQS quan 4", None, None]]
    )
    assert batch.counts["create"] == 1, errors(batch)
    import_confirm(actor=users["staff"], batch=batch)
    assert Organization.objects.get(name="Ban CHQS Phường 3").parent == orgs["district"]


def test_it_updates_what_changed_and_then_finds_the_same_file_unchanged(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    rows = [
        ["Hội Nông dân xã Khánh Hội", "HND Khánh Hội", "Hội Nông dân", "", "", "01/07/2025", None],
        [
            "Đoàn Thanh niên Phường 1",
            "",
            "Đoàn Thanh niên",
            COMMUNE,
            "Hội Nông dân xã Khánh Hội",
            None,
            None,
        ],
    ]
    first = send(users, rows)
    assert first.counts == {"create": 1, "update": 1, "unchanged": 0, "error": 0}, errors(first)
    assert "Tên viết tắt: — → HND Khánh Hội" in first.result["rows"]["update"][0]["changes"][0]
    import_confirm(actor=users["staff"], batch=first)
    orgs["unrelated"].refresh_from_db()
    assert orgs["unrelated"].short_name == "HND Khánh Hội"
    assert orgs["unrelated"].valid_from == datetime.date(2025, 7, 1)
    history = Organization.history.count()
    second = send(users, rows)
    assert second.counts == {"create": 0, "update": 0, "unchanged": 2, "error": 0}
    import_confirm(actor=users["staff"], batch=second)
    assert Organization.history.count() == history


def test_it_applies_a_second_confirm_once(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    batch = send(
        users, [["Hội Cựu chiến binh Phường 1", "", "Hội Cựu chiến binh", COMMUNE, "", None, None]]
    )
    import_confirm(actor=users["staff"], batch=batch)
    again = import_confirm(actor=users["staff"], batch=batch)
    assert again.status == "applied"
    assert Organization.objects.filter(name="Hội Cựu chiến binh Phường 1").count() == 1


def test_it_makes_parents_of_the_same_file_first(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    batch = send(
        users,
        [
            [
                "Chi hội Phụ nữ Khu phố 2",
                "",
                "Hội Liên hiệp Phụ nữ",
                "Đơn vị cơ sở",
                "Hội Phụ nữ Phường 5",
                None,
                None,
            ],
            ["Hội Phụ nữ Phường 5", "", "Hội Liên hiệp Phụ nữ", COMMUNE, "", None, None],
        ],
    )
    assert batch.counts["create"] == 2, errors(batch)
    import_confirm(actor=users["staff"], batch=batch)
    child = Organization.objects.get(name="Chi hội Phụ nữ Khu phố 2")
    assert child.parent is not None and child.parent.name == "Hội Phụ nữ Phường 5"
    assert child.path.startswith(child.parent.path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ["Đơn vị A", "", MILITARY, COMMUNE, "", "31/02/2024", None],
            'Trang Tổ chức, dòng 2, cột F: Ngày "31/02/2024" không đúng dạng ngày/tháng/năm (ví dụ 15/09/2023).',
        ),
        (
            ["Đơn vị A", "", MILITARY, COMMUNE, "Ban không có thật", None, None],
            'Trang Tổ chức, dòng 2, cột E: Không tìm thấy cơ quan cấp trên "Ban không có thật" trong danh mục hay trong tệp.',
        ),
        (
            ["Đơn vị A", "", "Loại lạ", COMMUNE, "", None, None],
            'Trang Tổ chức, dòng 2, cột C: "Loại lạ" không có trong danh sách; chọn trong danh sách thả xuống.',
        ),
        (
            ["Đơn vị A", "", "", COMMUNE, "", None, None],
            "Trang Tổ chức, dòng 2, cột C: Cơ quan mới cần chọn loại.",
        ),
        (
            ["", "Viết tắt", MILITARY, COMMUNE, "", None, None],
            "Trang Tổ chức, dòng 2, cột A: Cần nhập tên cơ quan, đơn vị.",
        ),
        (
            ["Đơn vị A", "", MILITARY, COMMUNE, "", "02/01/2024", "01/01/2024"],
            "Trang Tổ chức, dòng 2, cột G: Không lưu được: Ngày kết thúc hoạt động phải sau ngày bắt đầu.",
        ),
    ],
)
def test_it_reports_each_error_with_sheet_row_and_column(
    users: dict[str, Any], orgs: dict[str, Any], row: list[Any], message: str
) -> None:
    batch = send(users, [row])
    assert errors(batch) == [message]
    assert batch.counts["error"] == 1
    assert not batch.can_confirm
    with pytest.raises(ValidationError):
        import_confirm(actor=users["staff"], batch=batch)


def test_it_refuses_a_duplicate_row(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    batch = send(
        users,
        [
            ["Đoàn Thanh niên Phường 9", "", "Đoàn Thanh niên", COMMUNE, "", None, None],
            ["Đoàn thanh niên phường 9", "", "Đoàn Thanh niên", COMMUNE, "", None, None],
        ],
    )
    assert errors(batch) == [
        "Trang Tổ chức, dòng 3, cột A: Trùng với dòng 2: mỗi cơ quan chỉ ghi một dòng."
    ]


def test_it_refuses_an_ambiguous_name_instead_of_guessing(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    for level in ("commune", "unit"):
        Organization.objects.create(name="Chi đoàn Khu phố 1", kind="youth", level=level)
    batch = send(
        users,
        [
            ["Chi đoàn khu pho 1", "CĐ KP1", "", "", "", None, None],
            [
                "Tổ thanh niên 3",
                "",
                "Đoàn Thanh niên",
                "Đơn vị cơ sở",
                "Chi doan Khu pho 1",
                None,
                None,
            ],
        ],
    )
    assert errors(batch) == [
        'Trang Tổ chức, dòng 2, cột A: Danh mục có 2 cơ quan cùng tên "Chi đoàn khu pho 1"; sửa tên trong danh mục cho khác nhau rồi nhập lại.',
        'Trang Tổ chức, dòng 3, cột E: Có 2 cơ quan khớp với "Chi doan Khu pho 1"; ghi tên đầy đủ để phân biệt.',
    ]


def test_it_refuses_a_row_that_conflicts_with_the_registry(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    # The district command was founded (valid_from) later than the end date the row gives.
    orgs["district"].valid_from = datetime.date(2000, 1, 1)
    orgs["district"].save()
    batch = send(users, [["Ban Chỉ huy Quân sự Quận 4", "", "", "", "", None, "31/12/1999"]])
    assert errors(batch) == [
        "Trang Tổ chức, dòng 2, cột G: Ngày 31/12/1999 mâu thuẫn với ngày đã lưu trong danh mục (hoạt động từ 01/01/2000 đến 31/12/1999)."
    ]


def test_it_refuses_a_superior_below_the_organisation_itself(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    batch = send(
        users,
        [
            [
                "Ban Chỉ huy Quân sự Quận 4",
                "",
                "",
                "",
                "Ban Chỉ huy Quân sự Phường 1 Quận 4",
                None,
                None,
            ]
        ],
    )
    assert errors(batch) == [
        "Trang Tổ chức, dòng 2, cột E: Không lưu được: Cơ quan cấp trên không thể là chính nó hoặc đơn vị cấp dưới của nó."
    ]


def test_it_checks_again_on_confirm_against_the_registry_as_it_is_then(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    batch = send(
        users,
        [["Tổ dân quân 1", "", MILITARY, "Đơn vị cơ sở", "Hội Nông dân xã Khánh Hội", None, None]],
    )
    assert batch.can_confirm
    orgs["unrelated"].archive()
    done = import_confirm(actor=users["staff"], batch=batch)
    assert done.status == "checked"
    assert errors(done) == [
        'Trang Tổ chức, dòng 2, cột E: Cơ quan cấp trên "Hội Nông dân xã Khánh Hội" đã được lưu trữ.'
    ]
    assert not Organization.objects.filter(name="Tổ dân quân 1").exists()


def test_it_refuses_a_file_that_is_not_a_workbook(users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="Loại tệp không được chấp nhận"):
        import_upload(
            actor=users["staff"], kind="registry", upload=upload(b"ten,loai\nA,B\n", "co-quan.csv")
        )
    with pytest.raises(ValidationError, match="Tệp phải là bảng tính Excel"):
        import_upload(
            actor=users["staff"], kind="registry", upload=upload(b"%PDF-1.4\n", "co-quan.xlsx")
        )
    with pytest.raises(ValidationError, match="hỏng"):
        import_upload(
            actor=users["staff"],
            kind="registry",
            upload=upload(b"PK\x03\x04garbage", "co-quan.xlsx"),
        )
    assert not ImportBatch.objects.exists()


def test_it_refuses_a_file_over_the_upload_limit(users: dict[str, Any], settings: Any) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="quá lớn"):
        send(users, [["Đơn vị A", "", MILITARY, COMMUNE, "", None, None]])


def test_it_reports_a_missing_sheet_or_header(users: dict[str, Any]) -> None:
    from openpyxl import Workbook, load_workbook

    wb = Workbook()
    wb.active.title = "Trang tính 1"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ValidationError, match='Tệp không có trang "Tổ chức"'):
        import_upload(actor=users["staff"], kind="registry", upload=upload(out.getvalue()))
    from phoihop.imports import registry

    wb = load_workbook(io.BytesIO(registry.template()))
    wb["Tổ chức"]["A1"] = "Tên gọi"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ValidationError, match='thiếu cột "Tên cơ quan, đơn vị"'):
        import_upload(actor=users["staff"], kind="registry", upload=upload(out.getvalue()))


def test_it_refuses_a_user_without_the_right(users: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        import_upload(actor=users["leader"], kind="registry", upload=upload(filled([["Đơn vị A"]])))
    batch = send(users, [["Đơn vị A", "", MILITARY, COMMUNE, "", None, None]])
    with pytest.raises(PermissionDenied):
        import_confirm(actor=users["leader"], batch=batch)


def test_it_reads_real_dates_and_columns_in_another_order(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "TO CHUC"
    ws.append(["Cấp", "Loại", "tên cơ quan, đơn vị", "Hoạt động từ ngày"])
    ws.append([COMMUNE, MILITARY, "Ban CHQS Phường 7", datetime.datetime(2021, 3, 4)])
    out = io.BytesIO()
    wb.save(out)
    batch = import_upload(actor=users["staff"], kind="registry", upload=upload(out.getvalue()))
    assert batch.counts["create"] == 1, errors(batch)
    import_confirm(actor=users["staff"], batch=batch)
    assert Organization.objects.get(name="Ban CHQS Phường 7").valid_from == datetime.date(
        2021, 3, 4
    )


def test_it_marks_a_background_apply_that_breaks_as_failed_and_keeps_nothing(
    users: dict[str, Any], orgs: dict[str, Any], monkeypatch: Any
) -> None:
    from phoihop.imports import registry
    from phoihop.imports.services import import_apply

    batch = send(users, [["Tổ bảo vệ 5", "", "Khác", "Đơn vị cơ sở", "", None, None]])
    ImportBatch.objects.filter(pk=batch.pk).update(status="applying", background=True)
    real_apply = registry.apply

    def breaks(plan: Any, **kwargs: Any) -> None:
        real_apply(plan, **kwargs)
        raise RuntimeError("the worker was stopped")

    monkeypatch.setattr(registry, "apply", breaks)
    with pytest.raises(RuntimeError):
        import_apply(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == "failed"
    assert not Organization.objects.filter(name="Tổ bảo vệ 5").exists()
