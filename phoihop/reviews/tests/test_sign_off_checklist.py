"""Sign-off lists what the report still lacks and refuses until every section is written; the
report's date is checked against the agreement and the lead body's validity."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from phoihop.reviews import services
from phoihop.reviews.models import SECTION_NAMES, Commendation
from phoihop.reviews.selectors import sign_off_checklist

WRITTEN = {name: f"Nội dung {name}" for name in SECTION_NAMES}
IN_VALIDITY = datetime.date(2025, 1, 10)  # Ban CHQS Quận 4 ceased on 30/06/2025


def test_it_lists_the_unwritten_sections_and_refuses_sign_off(review: Any, users: dict[str, Any]) -> None:
    fields = {**WRITTEN, "causes": "", "lessons": "  ", "proposals": "", "report_date": IN_VALIDITY}
    services.review_update(actor=users["alice"], review=review, fields=fields)
    checklist = sign_off_checklist(review)
    assert checklist.missing_sections == ["Nguyên nhân", "Bài học kinh nghiệm", "Đề xuất, kiến nghị"]
    with pytest.raises(ValidationError) as refused:
        services.review_sign_off(actor=users["leader"], review=review)
    assert refused.value.messages == [
        "Chưa ký duyệt được: báo cáo còn 3 phần chưa viết (Nguyên nhân; Bài học kinh nghiệm; Đề xuất, kiến nghị). "
        "Viết đủ các phần rồi ký duyệt."
    ]
    review.refresh_from_db()
    assert not review.is_locked and review.number_symbol == ""


def test_it_signs_off_once_every_section_is_written(review: Any, users: dict[str, Any]) -> None:
    services.review_update(actor=users["alice"], review=review, fields={**WRITTEN, "report_date": IN_VALIDITY})
    assert sign_off_checklist(review).ready
    services.review_sign_off(actor=users["leader"], review=review)
    review.refresh_from_db()
    assert review.is_locked and review.number_symbol == "01/BC-BCHQS"


def test_it_lists_pending_contributions_and_undecided_proposals_without_refusing(
    review: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    services.review_update(actor=users["alice"], review=review, fields={**WRITTEN, "report_date": IN_VALIDITY})
    services.contribution_save(actor=users["alice"], review=review, organization=orgs["district"], title="", body="Tham luận")
    proposal = services.commendation_propose(actor=users["alice"], review=review, fields={
        "organization": orgs["board"], "form": Commendation.Form.CERTIFICATE, "authority": "Ban CHQS Quận 4",
        "reason": "Phối hợp tốt"})
    checklist = sign_off_checklist(review)
    assert [o.name for o in checklist.pending_contributions] == ["Ban Tuyên giáo Quận ủy Quận 4"]
    assert checklist.undecided_proposals == [proposal]
    assert checklist.ready and not checklist.complete
    services.review_sign_off(actor=users["leader"], review=review)  # listed, not refused
    review.refresh_from_db()
    assert review.is_locked


def test_the_page_shows_what_is_missing_before_the_button(
    review: Any, users: dict[str, Any], orgs: dict[str, Any], login: Any
) -> None:
    services.review_update(actor=users["alice"], review=review, fields={"situation": "Tình hình", "results": "Kết quả"})
    services.commendation_propose(actor=users["alice"], review=review, fields={
        "organization": orgs["board"], "form": Commendation.Form.CERTIFICATE, "authority": "Ban CHQS Quận 4",
        "reason": "Phối hợp tốt"})
    page = login(users["leader"]).get(review.get_absolute_url()).content.decode()
    assert "data-sign-off-checklist" in page
    checklist = page[page.index("data-sign-off-checklist"):]
    for label in ("Ưu điểm", "Hạn chế, khuyết điểm", "Nguyên nhân", "Bài học kinh nghiệm",
                  "Phương hướng, nhiệm vụ thời gian tới", "Đề xuất, kiến nghị"):
        assert f"<li>{label}</li>" in checklist
    assert "<li>Ban Chỉ huy Quân sự Quận 4</li>" in checklist and "<li>Ban Tuyên giáo Quận ủy Quận 4</li>" in checklist
    assert "1 đề nghị khen thưởng chưa có quyết định" in checklist
    button = page[page.index(">Ký duyệt</button>") - 300:page.index(">Ký duyệt</button>")]
    assert "disabled" in button
    # a reader of the agreement sees no checklist (it is the signer's)
    assert "data-sign-off-checklist" not in login(users["bob"]).get(review.get_absolute_url()).content.decode()


def test_the_refusal_reaches_the_leader_in_vietnamese(review: Any, users: dict[str, Any], login: Any) -> None:
    services.review_update(actor=users["alice"], review=review, fields={"situation": "Tình hình", "report_date": IN_VALIDITY})
    response = login(users["leader"]).post(reverse("reviews:sign_off", args=[review.pk]), follow=True)
    assert "Chưa ký duyệt được: báo cáo còn 7 phần chưa viết" in response.content.decode()


def test_a_ceased_lead_body_cannot_sign_off_a_report_dated_after_it_ended(review: Any, users: dict[str, Any]) -> None:
    from phoihop.orgs.models import Organization, Succession

    ptkv = Organization.objects.create(name="Ban Chỉ huy Phòng thủ khu vực 1 - Sài Gòn", symbol="BCHPTKV",
                                       kind=Organization.Kind.MILITARY, valid_from=datetime.date(2025, 7, 1))
    succession = Succession.objects.create(kind=Succession.Kind.DISSOLVE, effective_date=datetime.date(2025, 7, 1))
    succession.predecessors.add(review.agreement.parties.get(role="lead").organization)
    succession.successors.add(ptkv)
    services.review_update(actor=users["alice"], review=review, fields=WRITTEN)
    with pytest.raises(ValidationError) as refused:
        services.review_sign_off(
            actor=users["leader"], review=review,
            on=datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))),
        )
    message = " ".join(refused.value.messages)
    assert "đã kết thúc hoạt động ngày 30/06/2025 nên không ban hành được văn bản ngày 03/12/2026" in message
    assert "Đơn vị kế thừa: Ban Chỉ huy Phòng thủ khu vực 1 - Sài Gòn" in message
    review.refresh_from_db()
    assert not review.is_locked and review.number_symbol == "" and review.report_date is None


def test_the_report_date_is_checked_on_the_form_and_nothing_typed_is_lost(
    review: Any, users: dict[str, Any], login: Any
) -> None:
    client = login(users["alice"])
    url = reverse("reviews:edit", args=[review.pk])
    data = {"save": "1", **WRITTEN, "situation": "Tình hình viết dở, chưa lưu", "report_date": "01/09/2022",
            "version": review.version}
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ngày báo cáo 01/09/2022 trước ngày ký Chương trình phối hợp số 03/CTr-BCHQS-BTGQU (15/09/2022)." in body
    assert "Tình hình viết dở, chưa lưu" in body  # the form comes back with what was typed
    review.refresh_from_db()
    assert review.situation == "" and review.report_date is None
    data["report_date"] = "04/12/2026"
    body = client.post(url, data).content.decode()
    assert "đã kết thúc hoạt động ngày 30/06/2025" in body
