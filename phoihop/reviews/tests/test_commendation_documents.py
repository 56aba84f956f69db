"""A review's commendations as documents: the decision and the submission with the list as
their appendix, the list alone; each numbered once in the lead party's register, none for an
empty list."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.documents.models import IssuedNumber
from phoihop.reviews import commendation_documents as cd
from phoihop.reviews import services
from phoihop.reviews.models import Commendation
from phoihop.testing.queries import assert_queries

D = datetime.date


def _docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]

    def cells(tables: Any) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.append(cell.text)
                    cells(cell.tables)

    cells(document.tables)
    return "\n".join(parts)


@pytest.fixture
def proposals(review: Any, users: dict[str, Any], orgs: dict[str, Any]) -> list[Commendation]:
    services.review_update(actor=users["alice"], review=review,
                           fields={"signer_name": "Nguyễn Văn An", "signer_position": "Chỉ huy trưởng"})
    board = services.commendation_propose(actor=users["alice"], review=review, fields={
        "organization": orgs["board"], "form": Commendation.Form.CERTIFICATE,
        "authority": "Chỉ huy trưởng Ban CHQS Quận 4", "reason": "Phối hợp tốt trong tuyên truyền quốc phòng",
    })
    person = services.commendation_propose(actor=users["alice"], review=review, fields={
        "organization": orgs["district"], "awardee_kind": Commendation.AwardeeKind.INDIVIDUAL,
        "person_name": "Lê Văn Cường", "person_title": "Trợ lý tuyên huấn", "form": Commendation.Form.CERTIFICATE,
        "authority": "Chỉ huy trưởng Ban CHQS Quận 4", "reason": "Hoàn thành xuất sắc nhiệm vụ tuyên truyền",
    })
    return [board, person]


def test_it_makes_a_decision_with_the_list_as_its_appendix(review: Any, proposals: list[Any]) -> None:
    doc = cd.document(review, cd.DECISION)
    assert doc.doc_type == "QĐ" and doc.heading_type == "QUYẾT ĐỊNH"
    assert doc.number_line == "Số:      /QĐ-BCHQS"  # blank until the register gives it a number
    text = _docx_text(cd.docx(review, cd.DECISION))
    assert "CHỈ HUY TRƯỞNG BAN CHỈ HUY QUÂN SỰ QUẬN 4" in text
    assert "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15" in text
    assert "Điều 1." in text and "01 tập thể và 01 cá nhân" in text
    assert "Chương trình phối hợp số 03/CTr-BCHQS-BTGQU ngày 15 tháng 9 năm 2022" in text
    # the appendix: the list, one row per collective or individual
    assert "Ban Tuyên giáo Quận ủy Quận 4" in text and "Lê Văn Cường, Trợ lý tuyên huấn" in text
    assert "Kèm theo Quyết định" in text


def test_it_makes_a_submission_to_the_awarding_authority(review: Any, proposals: list[Any]) -> None:
    doc = cd.document(review, cd.SUBMISSION)
    assert doc.heading_type == "TỜ TRÌNH"
    assert list(doc.addressees) == ["Chỉ huy trưởng Ban CHQS Quận 4"]
    text = _docx_text(cd.docx(review, cd.SUBMISSION))
    assert "Kính gửi: Chỉ huy trưởng Ban CHQS Quận 4." in text
    assert "kính trình Chỉ huy trưởng Ban CHQS Quận 4 xem xét, quyết định" in text
    assert "Hoàn thành xuất sắc nhiệm vụ tuyên truyền" in text  # the appended list


def test_the_list_prints_its_kind_in_the_number_line(review: Any, proposals: list[Any], users: dict[str, Any]) -> None:
    assert cd.document(review, cd.LIST).number_line == "Số:      /DS-BCHQS"
    services.commendation_document_number(actor=users["alice"], review=review, kind=cd.LIST, issued_on=D(2025, 1, 15))
    doc = cd.document(review, cd.LIST)
    assert doc.number_line == "Số: 01/DS-BCHQS" and doc.date == D(2025, 1, 15)
    assert "Số: 01/DS-BCHQS" in _docx_text(cd.docx(review, cd.LIST))


def test_each_document_takes_its_number_once_from_the_lead_series(
    review: Any, proposals: list[Any], users: dict[str, Any]
) -> None:
    alice = users["alice"]
    decision = services.commendation_document_number(actor=alice, review=review, kind=cd.DECISION, issued_on=D(2025, 1, 15))
    again = services.commendation_document_number(actor=alice, review=review, kind=cd.DECISION, issued_on=D(2025, 1, 20))
    submission = services.commendation_document_number(
        actor=alice, review=review, kind=cd.SUBMISSION, issued_on=D(2025, 1, 15))
    assert decision.created and not again.created and again.entry.pk == decision.entry.pk
    assert (decision.entry.symbol, submission.entry.symbol) == ("01/QĐ-BCHQS", "02/TTr-BCHQS")
    assert IssuedNumber.objects.filter(object_id=review.pk).count() == 2
    assert cd.document(review, cd.DECISION).number_line == "Số: 01/QĐ-BCHQS"
    # a number typed ahead of the series needs the confirmation
    with pytest.raises(ValidationError, match="bỏ trống số 03–04"):
        services.commendation_document_number(actor=alice, review=review, kind=cd.LIST, issued_on=D(2025, 1, 15),
                                              number=5)
    listed = services.commendation_document_number(actor=alice, review=review, kind=cd.LIST, issued_on=D(2025, 1, 15),
                                                   number=5, confirm_out_of_sequence=True)
    assert listed.entry.symbol == "05/DS-BCHQS" and listed.entry.out_of_sequence


def test_it_refuses_an_empty_list(review: Any, users: dict[str, Any], login: Any) -> None:
    for kind in cd.KINDS:
        with pytest.raises(ValidationError, match="Danh sách khen thưởng đang trống"):
            cd.document(review, kind)
        with pytest.raises(ValidationError, match="Danh sách khen thưởng đang trống"):
            services.commendation_document_number(actor=users["alice"], review=review, kind=kind, issued_on=D(2025, 1, 15))
    assert not IssuedNumber.objects.exists()
    client = login(users["alice"])
    for name in ("commendation_decision_docx", "commendation_submission_docx", "commendations_docx"):
        response = client.get(reverse(f"reviews:{name}", args=[review.pk]), follow=True)
        assert response.get("Content-Disposition") is None, name  # no document, no signature
        assert "Danh sách khen thưởng đang trống" in response.content.decode(), name
    page = client.get(reverse("reviews:commendation_documents", args=[review.pk])).content.decode()
    assert "data-empty-list" in page and "Cấp số" not in page


def test_a_withdrawn_or_refused_proposal_leaves_the_list(review: Any, proposals: list[Any], users: dict[str, Any]) -> None:
    board, person = proposals
    services.commendation_withdraw(actor=users["alice"], commendation=board)
    services.commendation_decide(actor=users["alice"], commendation=person, approved=False)
    with pytest.raises(ValidationError, match="Danh sách khen thưởng đang trống"):
        cd.document(review, cd.DECISION)


def test_it_refuses_a_date_before_the_agreement_or_a_ceased_lead(
    review: Any, proposals: list[Any], users: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError, match="trước thời gian được sơ kết, tổng kết"):
        services.commendation_document_number(actor=users["alice"], review=review, kind=cd.DECISION,
                                              issued_on=D(2023, 12, 1))
    with pytest.raises(ValidationError, match="Ban Chỉ huy Quân sự Quận 4 đã kết thúc hoạt động ngày 30/06/2025"):
        services.commendation_document_number(actor=users["alice"], review=review, kind=cd.DECISION,
                                              issued_on=D(2026, 12, 3))
    assert not IssuedNumber.objects.exists()


def test_only_the_lead_party_officers_number_them(
    review: Any, proposals: list[Any], users: dict[str, Any], login: Any
) -> None:
    for name in ("bob", "coop_officer", "superior"):
        with pytest.raises(PermissionDenied):
            services.commendation_document_number(actor=users[name], review=review, kind=cd.DECISION,
                                                  issued_on=D(2025, 1, 15))
    url = reverse("reviews:commendation_number_reserve", args=[review.pk])
    data = {"kind": cd.DECISION, "issued_on": "15/01/2025"}
    assert login(users["alice"]).get(url).status_code == 405
    assert login(users["bob"]).post(url, data).status_code == 403
    assert login(users["charlie"]).post(url, data).status_code == 404
    assert not IssuedNumber.objects.exists()
    response = login(users["alice"]).post(url, data, follow=True)
    assert "Đã cấp số 01/QĐ-BCHQS" in response.content.decode()
    # the readers download, but are not offered "Cấp số"
    bob = login(users["bob"])
    page = bob.get(reverse("reviews:commendation_documents", args=[review.pk])).content.decode()
    assert "01/QĐ-BCHQS" in page and "Cấp số" not in page
    download = bob.get(reverse("reviews:commendation_decision_docx", args=[review.pk]))
    assert download.status_code == 200 and "quyet-dinh-khen-thuong.docx" in download["Content-Disposition"]
    assert login(users["charlie"]).get(reverse("reviews:commendation_documents", args=[review.pk])).status_code == 404
    assert login(users["charlie"]).get(reverse("reviews:commendation_decision_docx", args=[review.pk])).status_code == 404


def test_the_documents_page_reads_a_bounded_number_of_rows(
    review: Any, proposals: list[Any], users: dict[str, Any], orgs: dict[str, Any], login: Any,
) -> None:
    url = reverse("reviews:commendation_documents", args=[review.pk])
    client = login(users["alice"])
    client.get(url)
    with assert_queries(QUERIES):
        client.get(url)
    for i in range(5):  # more proposals, the same queries
        services.commendation_propose(actor=users["alice"], review=review, fields={
            "organization": orgs["ward"], "awardee_kind": Commendation.AwardeeKind.INDIVIDUAL,
            "person_name": f"Người thứ {i}", "form": Commendation.Form.PRAISE, "authority": "Ban CHQS Quận 4",
            "reason": "Có thành tích"})
    services.commendation_document_number(actor=users["alice"], review=review, kind=cd.DECISION, issued_on=D(2025, 1, 15))
    with assert_queries(QUERIES):
        assert client.get(url).status_code == 200


QUERIES = 15


def test_the_decision_names_who_decides_without_repeating_a_word() -> None:
    assert cd.authority_line("Chỉ huy trưởng", "Ban Chỉ huy Quân sự Quận 4") == "CHỈ HUY TRƯỞNG BAN CHỈ HUY QUÂN SỰ QUẬN 4"
    assert cd.authority_line("Trưởng ban", "Ban Dân vận Quận ủy Quận 4") == "TRƯỞNG BAN DÂN VẬN QUẬN ỦY QUẬN 4"
    assert cd.authority_line("Ban Thường vụ", "Hội Nông dân xã Khánh Hội") == "BAN THƯỜNG VỤ HỘI NÔNG DÂN XÃ KHÁNH HỘI"
