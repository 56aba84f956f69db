"""Downloads, the documents page and number reservation, as each kind of user."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from phoihop.documents.models import IssuedNumber
from phoihop.testing.queries import assert_queries

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_it_downloads_the_agreement_as_word_and_excel(login: Any, users: dict[str, Any], full_agreement: Any) -> None:
    client = login(users["coop_officer"])
    response = client.get(reverse("documents:agreement_docx", args=[full_agreement.pk]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="CTR-BCHQS-BTGQU-03-2022.docx"'
    doc = Document(io.BytesIO(response.content))
    assert "CHƯƠNG TRÌNH PHỐI HỢP" in [p.text for p in doc.paragraphs]
    response = client.get(reverse("documents:agreement_xlsx", args=[full_agreement.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "Nội dung phối hợp" in load_workbook(io.BytesIO(response.content)).sheetnames


def test_it_downloads_the_plan(login: Any, users: dict[str, Any], plan: Any) -> None:
    client = login(users["superior"])
    response = client.get(reverse("documents:plan_docx", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert 'filename="KH-BCHQS-BTGQU-2024.docx"' in response["Content-Disposition"]
    response = client.get(reverse("documents:plan_xlsx", args=[plan.pk]))
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Nhiệm vụ", "Chỉ tiêu"]


def test_it_records_each_download_in_the_audit_log(login: Any, users: dict[str, Any], plan: Any) -> None:
    from phoihop.audit.models import AuditEvent

    login(users["bob"]).get(reverse("documents:plan_docx", args=[plan.pk]))
    event = AuditEvent.objects.get(action="document_download")
    assert event.actor == users["bob"] and event.detail == "KH-BCHQS-BTGQU-2024.docx"
    assert event.object_type == "plans.annualplan" and event.object_id == str(plan.pk)


@pytest.mark.parametrize("name", ["documents:agreement", "documents:agreement_docx", "documents:agreement_xlsx"])
def test_outsiders_get_404_for_the_agreement(login: Any, users: dict[str, Any], agreement: Any, name: str) -> None:
    for username in ("charlie", "subordinate"):
        assert login(users[username]).get(reverse(name, args=[agreement.pk])).status_code == 404


@pytest.mark.parametrize("name", ["documents:plan_docx", "documents:plan_xlsx", "documents:plan_number_reserve"])
def test_outsiders_get_404_for_the_plan(login: Any, users: dict[str, Any], plan: Any, name: str) -> None:
    assert login(users["charlie"]).post(reverse(name, args=[plan.pk])).status_code == 404


def test_the_page_lists_documents_with_the_suggested_number(login: Any, users: dict[str, Any], plan: Any) -> None:
    response = login(users["alice"]).get(reverse("documents:agreement", args=[plan.agreement.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("documents:plan_docx", args=[plan.pk]) in body
    assert reverse("documents:agreement_xlsx", args=[plan.agreement.pk]) in body
    assert "Số gợi ý: 01/KH-BCHQS-BTGQU" in body
    assert "Số gợi ý theo sổ của cơ quan chủ trì" not in body  # the agreement has its number
    assert reverse("documents:plan_number_reserve", args=[plan.pk]) in body


def test_the_page_suggests_a_number_for_an_unnumbered_agreement(login: Any, users: dict[str, Any], party_agreement: Any) -> None:
    body = login(users["coop_officer"]).get(reverse("documents:agreement", args=[party_agreement.pk])).content.decode()
    assert "Số gợi ý theo sổ của cơ quan chủ trì: 01-KH/BTGQU-BCHQSP1Q4." in body


def test_readers_see_the_page_without_the_numbering_form(login: Any, users: dict[str, Any], plan: Any) -> None:
    body = login(users["bob"]).get(reverse("documents:agreement", args=[plan.agreement.pk])).content.decode()
    assert reverse("documents:plan_docx", args=[plan.pk]) in body
    assert reverse("documents:plan_number_reserve", args=[plan.pk]) not in body


def test_an_officer_of_the_lead_party_reserves_the_plan_number(login: Any, users: dict[str, Any], plan: Any) -> None:
    client = login(users["alice"])
    url = reverse("documents:plan_number_reserve", args=[plan.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"issued_on": "08/01/2024", "number": ""})
    assert response.status_code == 302
    entry = IssuedNumber.objects.get()
    assert (entry.symbol, entry.issued_on, entry.record) == ("01/KH-BCHQS-BTGQU", datetime.date(2024, 1, 8), plan)
    body = client.get(reverse("documents:agreement", args=[plan.agreement.pk])).content.decode()
    assert "01/KH-BCHQS-BTGQU" in body and "08/01/2024" in body
    # The same number again is refused with a message.
    from phoihop.plans.services import plan_create

    other = plan_create(actor=users["alice"], agreement=plan.agreement, year=2025)
    response = client.post(reverse("documents:plan_number_reserve", args=[other.pk]),
                           {"issued_on": "09/01/2024", "number": "1"}, follow=True)
    assert "đã được cấp trong sổ 2024" in response.content.decode()
    assert IssuedNumber.objects.count() == 1
    # Asking again for the plan gives the number it has.
    response = client.post(url, {"issued_on": "10/01/2024", "number": ""}, follow=True)
    assert "Kế hoạch năm 2024 đã có số 01/KH-BCHQS-BTGQU; mỗi văn bản chỉ được cấp một số." in response.content.decode()
    assert IssuedNumber.objects.count() == 1


def test_a_typed_number_ahead_of_the_series_needs_the_confirmation_box(login: Any, users: dict[str, Any], plan: Any) -> None:
    from phoihop.audit.models import AuditEvent

    client = login(users["alice"])
    page = client.get(reverse("documents:agreement", args=[plan.agreement.pk])).content.decode()
    assert "Tôi xác nhận cấp số ngoài thứ tự" in page and 'name="confirm_out_of_sequence"' in page
    url = reverse("documents:plan_number_reserve", args=[plan.pk])
    response = client.post(url, {"issued_on": "08/01/2024", "number": "4"}, follow=True)
    assert "cấp số 04 sẽ bỏ trống số 01–03" in response.content.decode()
    assert not IssuedNumber.objects.exists()
    client.post(url, {"issued_on": "08/01/2024", "number": "4", "confirm_out_of_sequence": "1"})
    entry = IssuedNumber.objects.get()
    assert (entry.number, entry.out_of_sequence, entry.created_by) == (4, True, users["alice"])
    event = AuditEvent.objects.get(action="number_out_of_sequence")
    assert (event.actor, event.path) == (users["alice"], url)


@pytest.mark.parametrize("username", ["bob", "coop_officer", "superior"])
def test_readers_cannot_reserve_a_number(login: Any, users: dict[str, Any], plan: Any, username: str) -> None:
    url = reverse("documents:plan_number_reserve", args=[plan.pk])
    assert login(users[username]).post(url, {"issued_on": "08/01/2024"}).status_code == 403
    assert not IssuedNumber.objects.exists()


def test_the_page_queries_do_not_grow_with_plans(login: Any, users: dict[str, Any], plan: Any) -> None:
    from phoihop.plans.services import plan_create

    client = login(users["alice"])
    url = reverse("documents:agreement", args=[plan.agreement.pk])

    def count() -> None:
        with assert_queries(15):
            assert client.get(url).status_code == 200

    client.get(url)  # warm the per-process caches (content types)
    count()
    plan_create(actor=users["alice"], agreement=plan.agreement, year=2023)
    plan_create(actor=users["alice"], agreement=plan.agreement, year=2025)
    count()


LONG_TITLE = " ".join(
    ["Chương trình phối hợp thực hiện công tác tuyên truyền, giáo dục quốc phòng và an ninh, dân vận khéo"] * 5
)[:399] + "."


def _body_text(doc: Any) -> str:
    from phoihop.documents.tests.readback import all_paragraphs

    return " ".join(" ".join(p.text for p in all_paragraphs(doc)).split())


def test_it_generates_word_for_a_400_character_title(login: Any, users: dict[str, Any], plan: Any) -> None:
    from phoihop.agreements.models import Agreement

    assert len(LONG_TITLE) == 400
    # No number: the plan names its agreement by the title, so its own title is long too.
    Agreement.objects.filter(pk=plan.agreement_id).update(title=LONG_TITLE, number_symbol="")
    client = login(users["coop_officer"])
    for url in (reverse("documents:agreement_docx", args=[plan.agreement_id]), reverse("documents:plan_docx", args=[plan.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        doc = Document(io.BytesIO(response.content))
        title = doc.core_properties.title
        assert len(title) <= 255 and title.endswith("…") and " " not in title[-2:]
        assert LONG_TITLE[1:60] in title
        assert LONG_TITLE[1:] in _body_text(doc), url  # whole, its first letter lowered in a sentence
