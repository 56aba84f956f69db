"""Officials and their titles brought in from Excel."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from phoihop.imports.models import ImportBatch
from phoihop.imports.services import import_confirm, import_upload
from phoihop.imports.tests.workbook_files import filled, upload
from phoihop.orgs.models import Person


def errors(batch: ImportBatch) -> list[str]:
    from phoihop.imports.checking import issue_text

    return [issue_text(i) for i in batch.result["issues"]]


def send(user: Any, rows: list[list[Any]]) -> ImportBatch:
    return import_upload(actor=user, kind="people", upload=upload(filled(rows, sheet="Cán bộ")))


def test_it_brings_in_an_official_with_the_titles_they_held(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    rows = [
        ["Lê Văn Cường", "Ban CHQS quan 4", "Thượng tá", "Chỉ huy trưởng", "01/01/2024"],
        ["Le Van Cuong", "Ban Chỉ huy Quân sự Quận 4", "Trung tá", "Chỉ huy phó", "01/06/2020"],
    ]
    batch = send(users["alice"], rows)
    assert batch.counts == {"create": 1, "update": 1, "unchanged": 0, "error": 0}, errors(batch)
    assert not Person.objects.filter(full_name="Le Van Cuong").exists()
    import_confirm(actor=users["alice"], batch=batch)
    person = Person.objects.get(organization=orgs["district"], full_name="Le Van Cuong")
    assert (person.rank, person.position) == ("Thượng tá", "Chỉ huy trưởng")
    assert [(t.position, t.valid_from) for t in person.titles.all()] == [
        ("Chỉ huy phó", datetime.date(2020, 6, 1)),
        ("Chỉ huy trưởng", datetime.date(2024, 1, 1)),
    ]
    again = send(users["alice"], rows)
    assert again.counts == {"create": 0, "update": 0, "unchanged": 2, "error": 0}, errors(again)


def test_it_adds_a_title_to_an_official_already_recorded(
    users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    # The agreement's fixture recorded Nguyễn Văn An as the lead party's signatory.
    batch = send(
        users["alice"],
        [["nguyen van an", "Ban CHQS Quận 4", "Đại tá", "Chỉ huy trưởng", "01/01/2025"]],
    )
    assert batch.counts["update"] == 1, errors(batch)
    import_confirm(actor=users["alice"], batch=batch)
    person = Person.objects.get(full_name="Nguyễn Văn An")
    assert person.rank == "Đại tá"


def test_it_refuses_rows_of_an_organisation_not_the_users(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    batch = send(
        users["alice"],
        [["Phạm Thị Dung", "Ban Tuyên giáo Quận ủy Quận 4", "", "Trưởng ban", "01/01/2024"]],
    )
    assert errors(batch) == [
        'Trang Cán bộ, dòng 2, cột B: Anh/chị không có quyền cập nhật cán bộ của "Ban Tuyên giáo Quận ủy Quận 4".'
    ]


def test_it_refuses_a_user_without_the_right(users: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        send(users["bob"], [["Phạm Thị Dung", "Ban CHQS Quận 4", "", "Trợ lý", None]])


def test_it_reports_duplicates_conflicts_and_unknown_organisations(
    users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    from phoihop.orgs.services import person_create

    person_create(
        actor=users["alice"],
        full_name="Đỗ Văn Em",
        organization=orgs["district"],
        position="Trợ lý",
        since=datetime.date(2023, 1, 1),
    )
    person_create(actor=users["alice"], full_name="Hồ Thị Gấm", organization=orgs["district"])
    person_create(actor=users["alice"], full_name="Ho Thi Gam", organization=orgs["district"])
    batch = send(
        users["alice"],
        [
            ["Vũ Văn Hải", "Ban CHQS Quận 4", "", "Trợ lý", "01/01/2024"],
            ["Vu van Hai", "Ban CHQS Quận 4", "", "Nhân viên", "01/01/2024"],
            ["Đỗ Văn Em", "Ban CHQS Quận 4", "", "Chỉ huy phó", "01/01/2023"],
            ["Hồ Thị Gấm", "Ban CHQS Quận 4", "", "Trợ lý", "01/01/2023"],
            ["Trần Văn Khánh", "Ban Không Có", "", "Trợ lý", "01/01/2023"],
            ["Trần Văn Khánh", "Ban CHQS Quận 4", "", "Trợ lý", "1/13/2023"],
        ],
    )
    assert sorted(errors(batch)) == sorted(
        [
            "Trang Cán bộ, dòng 3, cột E: Trùng với dòng 2: cùng cán bộ, cùng ngày bắt đầu.",
            'Trang Cán bộ, dòng 4, cột D: Cán bộ đã có chức vụ "Trợ lý" từ cùng ngày trong hệ thống; sửa trong hệ thống hoặc ghi ngày khác.',
            'Trang Cán bộ, dòng 5, cột A: Cơ quan có 2 cán bộ cùng họ tên "Hồ Thị Gấm"; sửa trong hệ thống cho khác nhau rồi nhập lại.',
            'Trang Cán bộ, dòng 6, cột B: Không tìm thấy cơ quan "Ban Không Có" trong danh mục.',
            'Trang Cán bộ, dòng 7, cột E: Ngày "1/13/2023" không đúng dạng ngày/tháng/năm (ví dụ 15/09/2023).',
        ]
    )
