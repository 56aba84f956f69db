from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from phoihop.reviews import services
from phoihop.reviews.models import Commendation, Review


def _write(review: Any, actor: Any) -> None:
    services.review_update(
        actor=actor, review=review,
        fields={"situation": "Tình hình", "results": "Kết quả", "directions": "Phương hướng", "strengths": "Ưu điểm", "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học", "proposals": "Kiến nghị", "report_date": datetime.date(2025, 1, 10)},
    )


def test_it_lets_only_a_leader_of_the_lead_party_sign_off(review: Any, users: dict[str, Any], board_leader: Any) -> None:
    _write(review, users["alice"])
    for name in ("alice", "bob", "coop_officer", "superior", "staff", "charlie"):
        with pytest.raises(PermissionDenied):
            services.review_sign_off(actor=users[name], review=review)
    with pytest.raises(PermissionDenied):
        services.review_sign_off(actor=board_leader, review=review)
    services.review_sign_off(actor=users["leader"], review=review)
    review.refresh_from_db()
    assert review.status == Review.Status.SIGNED_OFF
    assert review.signed_off_by == users["leader"]


def test_it_refuses_to_sign_off_an_empty_report(review: Any, users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        services.review_sign_off(actor=users["leader"], review=review)


def test_it_locks_a_signed_off_review_and_keeps_history(review: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    _write(review, users["alice"])
    services.contribution_save(actor=users["coop_officer"], review=review, organization=orgs["board"], title="", body="Tham luận")
    services.review_sign_off(actor=users["leader"], review=review)
    with pytest.raises(ValidationError):
        services.review_update(actor=users["alice"], review=review, fields={"situation": "Sửa sau khi ký"})
    with pytest.raises(ValidationError):
        services.contribution_save(actor=users["coop_officer"], review=review, organization=orgs["board"], title="", body="Sửa")
    with pytest.raises(ValidationError):
        services.commendation_propose(actor=users["alice"], review=review, fields={"organization": orgs["board"], "form": "merit", "authority": "UBND", "reason": "x"})
    review.refresh_from_db()
    assert review.situation == "Tình hình"
    assert review.history.count() >= 3


def test_it_lets_only_a_partys_officers_write_its_contribution(review: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    c = services.contribution_save(actor=users["coop_officer"], review=review, organization=orgs["board"], title="Tham luận", body="Cách làm hay")
    assert c.author == users["coop_officer"]
    services.contribution_save(actor=users["alice"], review=review, organization=orgs["district"], title="", body="Của Ban CHQS")
    for name, org in (("alice", "board"), ("coop_officer", "district"), ("bob", "district"), ("staff", "board"), ("superior", "district"), ("charlie", "unrelated")):
        with pytest.raises(PermissionDenied):
            services.contribution_save(actor=users[name], review=review, organization=orgs[org], title="", body="x")
    # Rewriting keeps one contribution per party.
    services.contribution_save(actor=users["coop_officer"], review=review, organization=orgs["board"], title="Tham luận", body="Sửa lại")
    assert review.contributions.count() == 2
    assert review.contributions.get(organization=orgs["board"]).body == "Sửa lại"


def test_it_proposes_then_records_a_commendation(review: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    fields = {"awardee_kind": "individual", "organization": orgs["board"], "person_name": "Trần Thị Bình", "form": "certificate", "authority": "Ban Thường vụ Quận ủy", "reason": "Có thành tích xuất sắc"}
    with pytest.raises(PermissionDenied):
        services.commendation_propose(actor=users["coop_officer"], review=review, fields=fields)
    with pytest.raises(ValidationError) as exc:
        services.commendation_propose(actor=users["alice"], review=review, fields={**fields, "organization": orgs["unrelated"]})
    assert "organization" in exc.value.error_dict
    c = services.commendation_propose(actor=users["alice"], review=review, fields=fields)
    assert (c.status, c.year) == (Commendation.Status.PROPOSED, 2024)
    with pytest.raises(ValidationError) as exc:
        services.commendation_decide(actor=users["alice"], commendation=c, approved=True)
    assert set(exc.value.error_dict) == {"decision_number", "decision_date"}
    with pytest.raises(PermissionDenied):
        services.commendation_decide(actor=users["bob"], commendation=c, approved=True, decision_number="12/QĐ-UBND", decision_date=datetime.date(2025, 1, 20))
    services.commendation_decide(actor=users["alice"], commendation=c, approved=True, decision_number="12/QĐ-UBND", decision_date=datetime.date(2025, 1, 20))
    c.refresh_from_db()
    assert (c.status, c.decision_number, c.decision_date, c.year) == ("decided", "12/QĐ-UBND", datetime.date(2025, 1, 20), 2025)
    with pytest.raises(ValidationError):
        services.commendation_decide(actor=users["alice"], commendation=c, approved=False)


def test_it_records_a_not_approved_proposal(review: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    c = services.commendation_propose(actor=users["alice"], review=review, fields={"organization": orgs["ward"], "form": "praise", "authority": "Ban CHQS Quận 4", "reason": "Tích cực"})
    services.commendation_decide(actor=users["leader"], commendation=c, approved=False, note="Chưa đủ tiêu chuẩn")
    c.refresh_from_db()
    assert (c.status, c.note, c.decision_number) == ("not_approved", "Chưa đủ tiêu chuẩn", "")


def test_it_reviews_only_agreements_the_actor_leads_together(agreement: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.testing.builders import make_agreement

    other = make_agreement(actor=users["coop_officer"], parties=[orgs["board"], orgs["district"]], kind="plan", title="Kế hoạch của Ban Tuyên giáo")
    with pytest.raises(ValidationError):
        services.review_create(actor=users["alice"], agreement=agreement, kind="interim", period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31), together=[other])
    with pytest.raises(PermissionDenied):
        services.review_create(actor=users["bob"], agreement=agreement, kind="interim", period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31))
    with pytest.raises(ValidationError):
        services.review_create(actor=users["alice"], agreement=agreement, kind="final", period_start=datetime.date(2024, 12, 31), period_end=datetime.date(2024, 1, 1))


def test_it_keeps_movements_to_their_organiser(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    m = services.movement_create(actor=users["coop_officer"], fields={"name": "Dân vận khéo", "organizer": orgs["board"], "start_year": 2022})
    with pytest.raises(PermissionDenied):
        services.movement_update(actor=users["alice"], movement=m, fields={"name": "Khác", "organizer": orgs["board"]})
    with pytest.raises(PermissionDenied):
        services.movement_create(actor=users["bob"], fields={"name": "X", "organizer_text": "Y"})
    with pytest.raises(ValidationError):
        services.movement_create(actor=users["alice"], fields={"name": "", "organizer": None})


def test_it_enters_the_report_in_the_register_when_signed_off(review: Any, users: dict[str, Any]) -> None:
    _write(review, users["alice"])
    services.review_sign_off(actor=users["leader"], review=review, on=timezone_at(2025, 1, 10))
    review.refresh_from_db()
    assert review.number_symbol == "01/BC-BCHQS"
    assert review.report_date == datetime.date(2025, 1, 10)
    from phoihop.reviews.documents import report_document

    assert report_document(review).number_line == "Số: 01/BC-BCHQS"


def test_it_keeps_the_number_typed_on_the_report(review: Any, users: dict[str, Any]) -> None:
    _write(review, users["alice"])
    services.review_update(actor=users["alice"], review=review, fields={"number_symbol": "01/BC-BCHQS"})
    services.review_sign_off(actor=users["leader"], review=review)
    review.refresh_from_db()
    assert review.number_symbol == "01/BC-BCHQS"


def test_it_signs_off_a_number_typed_ahead_of_the_series_only_when_confirmed(review: Any, users: dict[str, Any]) -> None:
    from phoihop.audit.models import AuditEvent
    from phoihop.documents.models import IssuedNumber

    _write(review, users["alice"])
    services.review_update(actor=users["alice"], review=review, fields={"number_symbol": "07/BC-BCHQS"})
    with pytest.raises(ValidationError, match="Số 07 đi trước sổ .* bỏ trống số 01–06"):
        services.review_sign_off(actor=users["leader"], review=review)
    review.refresh_from_db()
    assert not review.is_locked and not IssuedNumber.objects.exists()
    services.review_sign_off(actor=users["leader"], review=review, confirm_out_of_sequence=True)
    review.refresh_from_db()
    entry = IssuedNumber.objects.get()
    assert (review.number_symbol, entry.record, entry.out_of_sequence) == ("07/BC-BCHQS", review, True)
    assert AuditEvent.objects.get(action="number_out_of_sequence").actor == users["leader"]


def test_a_failed_sign_off_gives_its_number_back(review: Any, users: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from phoihop.documents.models import IssuedNumber

    _write(review, users["alice"])
    original_save = Review.save

    def failing_save(self: Review, *args: Any, **kwargs: Any) -> None:
        if self.status == Review.Status.SIGNED_OFF:
            raise RuntimeError("the worker died while signing")
        original_save(self, *args, **kwargs)

    monkeypatch.setattr(Review, "save", failing_save)
    with pytest.raises(RuntimeError):
        services.review_sign_off(actor=users["leader"], review=review)
    assert not IssuedNumber.objects.exists()
    monkeypatch.setattr(Review, "save", original_save)
    services.review_sign_off(actor=users["leader"], review=review)
    review.refresh_from_db()
    assert review.number_symbol == IssuedNumber.objects.get().symbol == "01/BC-BCHQS"


def timezone_at(year: int, month: int, day: int) -> datetime.datetime:
    from django.utils import timezone

    return datetime.datetime(year, month, day, 9, 0, tzinfo=timezone.get_current_timezone())
