"""A new agreement from its Word or PDF document: the upload, the draft beside its source, the
confirmation through the agreement's create service, and every way the upload is refused."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.agreements.models import Agreement
from phoihop.imports import agreement_draft
from phoihop.orgs.models import Organization

UPLOAD = reverse("imports:agreement_document")
SAVE = reverse("imports:agreement_document_save")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def agreement_docx(agreement: Agreement) -> bytes:
    from phoihop.documents.official import render_docx
    from phoihop.plans.documents import agreement_document

    return render_docx(agreement_document(agreement))


def word(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def blank_pdf() -> bytes:
    """A PDF with pages and no text, as a scanner makes (its pages are pictures)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def post_file(client: Any, content: bytes, name: str = "chuong-trinh.docx") -> Any:
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def draft_post(response: Any) -> dict[str, Any]:
    """What the draft page submits as it is: its forms' values, the draft token."""
    context = response.context
    data: dict[str, Any] = {"source": context["token"]}
    form = context["form"]
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        data[name] = field.widget.format_value(value) if name == "signed_on" else value
    for formset in (context["parties"], context["areas"]):
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for f in formset.forms:
            for name in f.fields:
                value = f[name].value()
                if value not in (None, "", []):
                    data[f"{f.prefix}-{name}"] = value
    return data


def test_it_offers_the_upload_on_the_new_agreement_page(login: Any, users: dict[str, Any]) -> None:
    body = login(users["alice"]).get(reverse("agreements:create")).content.decode()
    assert f'action="{UPLOAD}"' in body and "Tạo từ văn bản Word/PDF" in body
    assert login(users["alice"]).get(UPLOAD).status_code == 200


def test_it_drafts_the_agreement_beside_its_source_and_saves_nothing(
    login: Any, users: dict[str, Any], agreement: Agreement, orgs: dict[str, Any]
) -> None:
    before = Agreement.objects.count()
    response = post_file(login(users["alice"]), agreement_docx(agreement))
    assert response.status_code == 200
    assert Agreement.objects.count() == before
    form = response.context["form"]
    assert form.initial["kind"] == "program"
    assert form.initial["number_symbol"] == "03/CTr-BCHQS-BTGQU"
    # The title as the document prints it: the record's, with the parties and the period that
    # the document adds to a title without them.
    assert form.initial["title"] == (
        f"{agreement.title} giữa Ban Chỉ huy Quân sự Quận 4 và Ban Tuyên giáo Quận ủy Quận 4 "
        "giai đoạn 2022-2025"
    )
    assert form.initial["period_start"] == 2022 and form.initial["period_end"] == 2025
    parties = response.context["parties"].initial
    assert [(p["organization"], p["role"], p["signatory_name"]) for p in parties] == [
        (orgs["district"].pk, "lead", "Nguyễn Văn An"),
        (orgs["board"].pk, "cooperating", "Trần Thị Bình"),
    ]
    assert parties[0]["signatory_rank"] == "Thượng tá"
    areas = response.context["areas"].initial
    assert [(a["number"], a["title"], set(a["responsible"])) for a in areas] == [
        (1, agreement.content_areas.get(number=1).title, {orgs["district"].pk, orgs["board"].pk}),
        (2, agreement.content_areas.get(number=2).title, {orgs["board"].pk}),
    ]
    body = response.content.decode()
    # The source beside the form, each piece read marked and linked to its field, and back.
    assert 'id="line-0"' in body
    assert re.search(r'<a href="#id_number_symbol"[^>]*><mark>03/CTr-BCHQS-BTGQU</mark></a>', body)
    assert re.search(r'<a href="#id_signed_on"[^>]*><mark>ngày 15 tháng 9 năm 2022</mark>', body)
    assert re.search(
        r'href="#id_parties-0-organization"[^>]*><mark>BAN CHỈ HUY QUÂN SỰ QUẬN 4', body
    )
    assert 'href="#id_areas-1-title"' in body
    assert body.count("Xem trong văn bản") >= 8
    assert f'action="{SAVE}"' in body


def test_it_creates_the_agreement_only_on_confirmation(
    login: Any, users: dict[str, Any], agreement: Agreement
) -> None:
    client = login(users["alice"])
    draft = post_file(client, agreement_docx(agreement))
    data = draft_post(draft)
    data["title"] = "Chương trình phối hợp (bản nhập từ tệp)"
    response = client.post(SAVE, data)
    created = Agreement.objects.exclude(pk=agreement.pk).get()
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.title == "Chương trình phối hợp (bản nhập từ tệp)"
    assert created.number_symbol == agreement.number_symbol
    assert created.created_by == users["alice"]
    assert list(created.parties.values_list("organization", "role", "signatory_name")) == list(
        agreement.parties.values_list("organization", "role", "signatory_name")
    )
    assert created.content_areas.count() == 2


def test_it_shows_the_draft_again_with_the_services_errors(
    login: Any, users: dict[str, Any], agreement: Agreement
) -> None:
    client = login(users["alice"])
    data = draft_post(post_file(client, agreement_docx(agreement)))
    data["parties-1-DELETE"] = "on"  # one party left: the create service refuses it
    response = client.post(SAVE, data)
    assert response.status_code == 200
    assert Agreement.objects.count() == 1
    body = response.content.decode()
    assert "Văn bản phối hợp cần ít nhất hai bên tham gia." in body
    assert "<mark>03/CTr-BCHQS-BTGQU</mark>" in body  # the source is still beside the form


def test_it_keeps_the_lead_party_rule_of_the_new_agreement_page(
    login: Any, users: dict[str, Any], agreement: Agreement
) -> None:
    # An officer of the co-operating board may create agreements, but not lead for the district.
    client = login(users["coop_officer"])
    data = draft_post(post_file(client, agreement_docx(agreement)))
    response = client.post(SAVE, data)
    assert response.status_code == 200 and Agreement.objects.count() == 1
    assert "Bên chủ trì phải là cơ quan mà bạn là cán bộ" in response.content.decode()


def test_it_leaves_an_ambiguous_name_for_the_officer_to_choose(
    login: Any, users: dict[str, Any], agreement: Agreement, orgs: dict[str, Any]
) -> None:
    Organization.objects.create(
        name="Ban Tuyên giáo Quận ủy Quận 4",
        kind=Organization.Kind.PARTY_BOARD,
        level=Organization.Level.DISTRICT,
        parent=orgs["city"],
    )
    response = post_file(login(users["alice"]), agreement_docx(agreement))
    board = next(p for p in response.context["parties"].initial if p["role"] == "cooperating")
    assert board["organization"] is None
    body = response.content.decode()
    assert "trùng tên với 2 cơ quan" in body and orgs["city"].name in body


def test_it_refuses_a_draft_token_that_is_not_the_users_or_was_changed(
    login: Any, users: dict[str, Any], agreement: Agreement
) -> None:
    data = draft_post(post_file(login(users["alice"]), agreement_docx(agreement)))
    client = login(users["leader"])
    response = client.post(SAVE, data, follow=True)
    assert response.redirect_chain == [(UPLOAD, 302)]
    assert "Bản nháp không còn dùng được" in response.content.decode()
    data["source"] = data["source"][:-2] + "xx"
    assert login(users["alice"]).post(SAVE, data).status_code == 302
    assert Agreement.objects.count() == 1


def test_it_refuses_those_who_may_not_create_agreements(
    client: Any, login: Any, users: dict[str, Any], agreement: Agreement
) -> None:
    content = agreement_docx(agreement)
    for name in ("bob", "superior"):  # a viewer of the lead party, of its superior body
        user_client = login(users[name])
        assert user_client.get(UPLOAD).status_code == 403
        assert post_file(user_client, content).status_code == 403
        assert user_client.post(SAVE, {}).status_code == 403
    client.logout()
    assert client.get(UPLOAD).status_code == 302
    assert post_file(client, content)["Location"].startswith(reverse("accounts:login"))
    assert Agreement.objects.count() == 1


def test_it_refuses_the_draft_service_to_those_who_may_not_create(
    users: dict[str, Any], agreement: Agreement
) -> None:
    from django.core.exceptions import PermissionDenied

    upload = SimpleUploadedFile("a.docx", agreement_docx(agreement))
    with pytest.raises(PermissionDenied):
        agreement_draft.draft_from_upload(actor=users["bob"], upload=upload)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "trong.docx", "Tệp rỗng."),
        (b"Chuong trinh phoi hop", "chuong-trinh.docx", "Loại tệp không được chấp nhận."),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 64, "anh.pdf", "Chỉ nhận văn bản Word (.docx) hoặc PDF."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 64, "cu.doc", "lưu thành .docx"),
        (b"%PDF-1.4\n% not really\n", "hong.pdf", "Tệp bị hỏng hoặc không đọc được"),
        (b"PK\x03\x04broken", "hong.docx", "Tệp bị hỏng hoặc không đúng định dạng."),
    ],
)
def test_it_refuses_what_is_not_a_readable_document(
    login: Any, users: dict[str, Any], content: bytes, name: str, message: str
) -> None:
    response = post_file(login(users["alice"]), content, name)
    assert response.status_code == 200
    assert "data-upload-errors" in response.content.decode()
    assert message in response.content.decode()
    assert Agreement.objects.count() == 0


def test_it_refuses_a_workbook_renamed_as_a_document(login: Any, users: dict[str, Any]) -> None:
    from phoihop.imports.tests.workbook_files import filled

    response = post_file(login(users["alice"]), filled([["x"]]), "van-ban.docx")
    assert "Chỉ nhận văn bản Word (.docx) hoặc PDF." in response.content.decode()


def test_it_says_a_scanned_pdf_has_no_text(login: Any, users: dict[str, Any]) -> None:
    response = post_file(login(users["alice"]), blank_pdf(), "ban-scan.pdf")
    assert response.status_code == 200
    assert "có thể đây là bản chụp (scan)" in response.content.decode()
    response = post_file(login(users["alice"]), word(["", "   "]), "trong.docx")
    assert "có thể đây là bản chụp (scan)" in response.content.decode()


def test_it_refuses_a_file_over_the_upload_limit(
    login: Any, users: dict[str, Any], agreement: Agreement, settings: Any
) -> None:
    content = agreement_docx(agreement)
    settings.UPLOAD_MAX_BYTES = len(content) - 1
    response = post_file(login(users["alice"]), content)
    assert "Tệp quá lớn" in response.content.decode()
    assert "form" in response.context and "token" not in response.context


def test_it_asks_for_a_file(login: Any, users: dict[str, Any]) -> None:
    response = login(users["alice"]).post(UPLOAD, {})
    assert response.status_code == 200
    assert "Chọn tệp để tải lên." in response.content.decode()


def test_it_drafts_a_document_typed_by_hand(
    login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    from phoihop.imports.tests.test_agreement_text import PROGRAM

    Organization.objects.create(
        name="Bộ Chỉ huy Quân sự tỉnh Quảng Ninh",
        kind=Organization.Kind.MILITARY,
        level=Organization.Level.PROVINCE,
    )
    response = post_file(login(users["alice"]), word(PROGRAM), "ctr.docx")
    assert response.context["form"].initial["number_symbol"] == "03/CTr-BCHQS-BTGTU"
    parties = response.context["parties"].initial
    # The province's command is in the registry; the board is not, and the page says so.
    assert [p["role"] for p in parties] == ["lead", "cooperating"]
    assert parties[0]["organization"] is not None and parties[1]["organization"] is None
    assert parties[0]["signatory_name"] == "Nguyễn Văn Bình"
    body = response.content.decode()
    assert "Không tìm thấy «Ban Tuyên giáo Tỉnh ủy» trong danh mục cơ quan" in body


def test_it_drafts_in_a_fixed_number_of_queries(
    login: Any, users: dict[str, Any], agreement: Agreement, orgs: dict[str, Any]
) -> None:
    from phoihop.agreements.services import ContentAreaInput, PartyInput, agreement_update
    from phoihop.testing.queries import assert_queries

    client = login(users["alice"])
    client.get(UPLOAD)  # the first request of a session writes the session
    content = agreement_docx(agreement)
    with assert_queries(DRAFT_QUERIES):
        assert post_file(client, content).status_code == 200
    # More content areas, more organisations in the registry: the same queries.
    for i in range(10):
        Organization.objects.create(
            name=f"Hội Cựu chiến binh phường {i}",
            kind=Organization.Kind.VETERANS,
            level=Organization.Level.COMMUNE,
        )
    agreement_update(
        actor=users["alice"],
        agreement=agreement,
        fields={"kind": "program", "title": agreement.title, "status": "in_force"},
        parties=[
            PartyInput(organization=orgs["district"], role="lead"),
            PartyInput(organization=orgs["board"], role="cooperating"),
        ],
        content_areas=[
            ContentAreaInput(number=i, title=f"Nội dung {i}", responsible=[orgs["board"]])
            for i in range(1, 15)
        ],
    )
    content = agreement_docx(agreement)
    with assert_queries(DRAFT_QUERIES):
        response = post_file(client, content)
    assert len(response.context["areas"].forms) == 14


# Session, user, memberships, the registry (one query), the organisations offered to the party
# rows and to the area rows (read once for all rows: a count and the list each), the notices.
DRAFT_QUERIES = 9
