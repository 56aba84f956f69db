"""An agreement's parties and content areas brought in from Excel."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from phoihop.agreements.models import Agreement
from phoihop.imports.models import ImportBatch
from phoihop.imports.services import import_confirm, import_upload
from phoihop.imports.tests.workbook_files import upload


def workbook(
    agreement: Agreement, parties: Sequence[Sequence[Any]], areas: Sequence[Sequence[Any]] = ()
) -> bytes:
    from openpyxl import load_workbook

    from phoihop.imports import agreement as module

    wb = load_workbook(io.BytesIO(module.template(agreement)))
    for sheet, rows in (("Bên tham gia", parties), ("Nội dung phối hợp", areas)):
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=1):
                wb[sheet].cell(row=r, column=c, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def errors(batch: ImportBatch) -> list[str]:
    from phoihop.imports.checking import issue_text

    return [issue_text(i) for i in batch.result["issues"]]


def send(
    user: Any,
    agreement: Agreement,
    parties: Sequence[Sequence[Any]],
    areas: Sequence[Sequence[Any]] = (),
) -> ImportBatch:
    return import_upload(
        actor=user,
        kind="agreement",
        target=agreement,
        upload=upload(workbook(agreement, parties, areas)),
    )


def test_it_offers_the_roles_in_a_list(agreement: Agreement) -> None:
    from openpyxl import load_workbook

    from phoihop.imports import agreement as module

    wb = load_workbook(io.BytesIO(module.template(agreement)))
    assert [c.value for c in wb["Danh mục"]["A"]] == ["Chủ trì", "Phối hợp"]


def test_it_adds_a_party_and_a_content_area_and_then_finds_them_unchanged(
    users: dict[str, Any], orgs: dict[str, Any], agreement: Agreement
) -> None:
    parties: list[list[Any]] = [
        ["Hội Nông dân xã Khánh Hội", "Phối hợp", "", "Ngô Văn Lâm", "", "Chủ tịch", "20/09/2022"],
        ["ban chqs quan 4", "", "", "", "", "", None],
    ]
    areas: list[list[Any]] = [
        [
            3,
            "Vận động hội viên tham gia dân quân tự vệ",
            "",
            "Hội Nông dân xã Khánh Hội; Ban CHQS Quận 4",
        ],
        [2, "", "Chi tiết mới của nội dung 2", ""],
    ]
    batch = send(users["alice"], agreement, parties, areas)
    assert batch.counts == {"create": 2, "update": 1, "unchanged": 1, "error": 0}, errors(batch)
    import_confirm(actor=users["alice"], batch=batch)
    party = agreement.parties.get(organization=orgs["unrelated"])
    assert (party.role, party.signatory_name, party.signed_on) == (
        "cooperating",
        "Ngô Văn Lâm",
        datetime.date(2022, 9, 20),
    )
    assert agreement.parties.count() == 3
    area = agreement.content_areas.get(number=3)
    assert {o.pk for o in area.responsible.all()} == {orgs["unrelated"].pk, orgs["district"].pk}
    assert agreement.content_areas.get(number=2).text == "Chi tiết mới của nội dung 2"
    again = send(users["alice"], agreement, parties, areas)
    assert again.counts == {"create": 0, "update": 0, "unchanged": 4, "error": 0}, errors(again)


def test_it_reports_the_errors_of_parties_and_content_areas(
    users: dict[str, Any], orgs: dict[str, Any], agreement: Agreement
) -> None:
    batch = send(
        users["alice"],
        agreement,
        [
            ["Ban Không Có", "Phối hợp", "", "", "", "", None],
            ["Hội Nông dân xã Khánh Hội", "", "", "", "", "", None],
            ["Ban Tuyên giáo Quận ủy Quận 4", "Đồng chủ trì", "", "", "", "", None],
        ],
        [
            [1, "", "", "Bộ Tư lệnh Thành phố Hồ Chí Minh"],
            [4, "", "", ""],
        ],
    )
    assert errors(batch) == [
        'Trang Bên tham gia, dòng 2, cột A: Không tìm thấy cơ quan "Ban Không Có" trong danh mục.',
        "Trang Bên tham gia, dòng 3, cột B: Bên mới cần chọn vai trò.",
        'Trang Bên tham gia, dòng 4, cột B: "Đồng chủ trì" không có trong danh sách; chọn trong danh sách thả xuống.',
        'Trang Nội dung phối hợp, dòng 2, cột D: "Bộ Tư lệnh Thành phố Hồ Chí Minh" không phải là một bên tham gia văn bản.',
        "Trang Nội dung phối hợp, dòng 3, cột B: Nội dung mới cần ghi tên nội dung.",
    ]


def test_it_shows_what_the_agreements_service_refuses(
    users: dict[str, Any], orgs: dict[str, Any], agreement: Agreement
) -> None:
    # The only lead party made co-operating: an agreement needs a lead party.
    batch = send(users["alice"], agreement, [["Ban CHQS Quận 4", "Phối hợp", "", "", "", "", None]])
    assert errors(batch) == ["Không lưu được: Cần chỉ rõ ít nhất một bên chủ trì."]
    assert not batch.can_confirm


def test_it_lets_only_the_agreements_editors_import(
    users: dict[str, Any], agreement: Agreement, login: Any
) -> None:
    with pytest.raises(PermissionDenied):
        send(users["coop_officer"], agreement, [["Ban CHQS Quận 4", "", "", "", "", "", None]])
    assert (
        login(users["bob"])
        .get(reverse("imports:agreement_template", args=[agreement.pk]))
        .status_code
        == 403
    )
    assert (
        login(users["charlie"])
        .get(reverse("imports:agreement_upload", args=[agreement.pk]))
        .status_code
        == 404
    )
    client = login(users["leader"])
    assert client.get(
        reverse("imports:agreement_template", args=[agreement.pk])
    ).content.startswith(b"PK")
    body = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert reverse("imports:agreement_upload", args=[agreement.pk]) in body
    assert reverse("imports:agreement_template", args=[agreement.pk]) in body
