"""Archiving instead of deleting: draft reviews, proposals of commendation and movements."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from phoihop.reviews import selectors, services
from phoihop.reviews.models import Commendation, Movement, Review
from phoihop.testing.queries import assert_queries

SIGNED_OFF_REFUSAL = "Báo cáo đã được ký duyệt nên không lưu trữ được"


@pytest.fixture
def draft(agreement: Any, users: dict[str, Any]) -> Review:
    """A draft interim review of 2024, without activities (archiving needs no figures)."""
    return services.review_create(
        actor=users["alice"], agreement=agreement, kind="interim",
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2024, 12, 31),
    )


@pytest.fixture
def proposal(draft: Review, users: dict[str, Any], orgs: dict[str, Any]) -> Commendation:
    return services.commendation_propose(
        actor=users["alice"], review=draft,
        fields={"organization": orgs["board"], "form": "merit", "authority": "UBND Quận 4", "reason": "Phối hợp tuyên truyền tốt"},
    )


@pytest.fixture
def movement(users: dict[str, Any], orgs: dict[str, Any]) -> Movement:
    return services.movement_create(
        actor=users["coop_officer"], fields={"name": "Dân vận khéo", "organizer": orgs["board"], "start_year": 2022},
    )


def _sign_off(review: Review, users: dict[str, Any]) -> None:
    services.review_update(
        actor=users["alice"], review=review,
        fields={"situation": "Tình hình", "results": "Kết quả", "directions": "Phương hướng", "strengths": "Ưu điểm", "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học", "proposals": "Kiến nghị", "report_date": datetime.date(2025, 1, 10)},
    )
    services.review_sign_off(actor=users["leader"], review=review)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- reviews: services --------------------------------------------------------------------------


def test_the_lead_partys_officers_archive_and_restore_a_draft_review_with_history(draft: Review, users: dict[str, Any]) -> None:
    from phoihop.reviews.selectors import review_history

    services.review_archive(actor=users["alice"], review=draft)
    draft.refresh_from_db()
    assert draft.is_archived
    assert list(selectors.review_list(user=users["alice"], filters={})) == []
    assert list(selectors.review_list(user=users["alice"], filters={"archived": True})) == [draft]
    services.review_restore(actor=users["leader"], review=draft)
    draft.refresh_from_db()
    assert not draft.is_archived
    assert list(selectors.review_list(user=users["alice"], filters={})) == [draft]
    assert list(selectors.review_list(user=users["alice"], filters={"archived": True})) == []
    actions = [e.action for e in review_history(draft)]
    assert actions[:2] == ["Khôi phục", "Lưu trữ"]
    assert Review.history.filter(id=draft.pk).count() >= 3


def test_only_those_who_write_the_review_archive_it(draft: Review, users: dict[str, Any]) -> None:
    for name in ("bob", "coop_officer", "superior", "subordinate", "charlie"):
        with pytest.raises(PermissionDenied):
            services.review_archive(actor=users[name], review=draft)
    services.review_archive(actor=users["staff"], review=draft)
    for name in ("bob", "coop_officer", "superior", "charlie"):
        with pytest.raises(PermissionDenied):
            services.review_restore(actor=users[name], review=draft)
    draft.refresh_from_db()
    assert draft.is_archived


def test_a_signed_off_review_is_never_archived(draft: Review, users: dict[str, Any]) -> None:
    _sign_off(draft, users)
    for name in ("alice", "leader", "staff"):
        with pytest.raises(ValidationError) as exc:
            services.review_archive(actor=users[name], review=draft)
        assert SIGNED_OFF_REFUSAL in " ".join(exc.value.messages)
    draft.refresh_from_db()
    assert not draft.is_archived


def test_an_archived_review_is_not_written_until_restored(draft: Review, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    services.review_update(
        actor=users["alice"], review=draft,
        fields={"situation": "Tình hình", "results": "Kết quả", "directions": "Phương hướng", "strengths": "Ưu điểm", "shortcomings": "Hạn chế", "causes": "Nguyên nhân", "lessons": "Bài học", "proposals": "Kiến nghị", "report_date": datetime.date(2025, 1, 10)},
    )
    services.review_archive(actor=users["alice"], review=draft)
    with pytest.raises(ValidationError, match="đã được lưu trữ"):
        services.review_update(actor=users["alice"], review=draft, fields={"situation": "Sửa"})
    with pytest.raises(ValidationError, match="đã được lưu trữ"):
        services.review_sign_off(actor=users["leader"], review=draft)
    with pytest.raises(ValidationError, match="đã được lưu trữ"):
        services.contribution_save(actor=users["coop_officer"], review=draft, organization=orgs["board"], title="", body="Tham luận")
    with pytest.raises(ValidationError, match="đã được lưu trữ"):
        services.commendation_propose(
            actor=users["alice"], review=draft,
            fields={"organization": orgs["board"], "form": "merit", "authority": "UBND", "reason": "Tốt"},
        )
    services.review_restore(actor=users["alice"], review=draft)
    services.review_sign_off(actor=users["leader"], review=draft)
    draft.refresh_from_db()
    assert draft.is_locked


def test_an_archived_review_leaves_the_agreement_card(draft: Review, users: dict[str, Any], agreement: Any) -> None:
    services.review_archive(actor=users["alice"], review=draft)
    assert selectors.agreement_reviews(user=users["alice"], agreement=agreement).agreement_reviews == []


# --- reviews: pages ---------------------------------------------------------------------------


def test_it_archives_and_restores_a_review_through_its_page(login: Any, users: dict[str, Any], draft: Review) -> None:
    client = login(users["alice"])
    detail = reverse("reviews:detail", args=[draft.pk])
    url = reverse("reviews:archive", args=[draft.pk])
    body = client.get(detail).content.decode()
    assert f'action="{url}"' in body and "data-confirm=" in body.split(f'action="{url}"')[1].split("</form>")[0]
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == detail
    draft.refresh_from_db()
    assert draft.is_archived
    assert "Sơ kết năm 2024" not in client.get(reverse("reviews:list")).content.decode()
    body = client.get(reverse("reviews:list"), {"archived": "1"}).content.decode()
    assert "Sơ kết năm 2024" in body and "Đã lưu trữ" in body
    body = client.get(detail).content.decode()
    assert "data-archived" in body and 'name="restore"' in body
    assert reverse("reviews:edit", args=[draft.pk]) not in body
    response = client.post(url, {"restore": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.is_archived
    assert "Sơ kết năm 2024" in client.get(reverse("reviews:list")).content.decode()


def test_an_archived_reviews_figures_and_documents_are_not_offered(login: Any, users: dict[str, Any], draft: Review) -> None:
    services.review_archive(actor=users["alice"], review=draft)
    client = login(users["bob"])
    detail = reverse("reviews:detail", args=[draft.pk])
    body = client.get(detail).content.decode()
    assert "data-figure=" not in body
    for name in ("download_docx", "download_xlsx", "commendations_docx", "commendations_xlsx"):
        url = reverse(f"reviews:{name}", args=[draft.pk])
        assert url not in body, name
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == detail, name
        assert any("không tải văn bản được" in m for m in _messages(response)), name
    client = login(users["alice"])
    for name in ("edit", "contribution_edit", "commendation_propose"):
        response = client.get(reverse(f"reviews:{name}", args=[draft.pk]))
        assert response.status_code == 302 and response["Location"] == detail, name
        assert any("Khôi phục báo cáo để viết tiếp" in m for m in _messages(response)), name


def test_a_signed_off_review_is_refused_archiving_in_vietnamese(login: Any, users: dict[str, Any], draft: Review) -> None:
    _sign_off(draft, users)
    client = login(users["alice"])
    detail = reverse("reviews:detail", args=[draft.pk])
    url = reverse("reviews:archive", args=[draft.pk])
    assert f'action="{url}"' not in client.get(detail).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == detail
    assert any(SIGNED_OFF_REFUSAL in m for m in _messages(response))
    draft.refresh_from_db()
    assert not draft.is_archived


def test_review_archiving_refuses_readers_and_hides_from_outsiders(login: Any, users: dict[str, Any], draft: Review) -> None:
    url = reverse("reviews:archive", args=[draft.pk])
    for name in ("bob", "coop_officer", "superior"):
        assert login(users[name]).post(url).status_code == 403, name
        assert f'action="{url}"' not in login(users[name]).get(reverse("reviews:detail", args=[draft.pk])).content.decode()
    for name in ("charlie", "subordinate"):
        assert login(users[name]).post(url).status_code == 404, name
    draft.refresh_from_db()
    assert not draft.is_archived
    services.review_archive(actor=users["alice"], review=draft)
    assert login(users["bob"]).post(url, {"restore": "1"}).status_code == 403
    assert login(users["charlie"]).post(url, {"restore": "1"}).status_code == 404
    assert "Sơ kết năm 2024" not in login(users["charlie"]).get(reverse("reviews:list"), {"archived": "1"}).content.decode()
    draft.refresh_from_db()
    assert draft.is_archived


def test_the_archived_list_keeps_its_queries_flat(login: Any, users: dict[str, Any], agreement: Any, draft: Review) -> None:
    client = login(users["alice"])
    services.review_archive(actor=users["alice"], review=draft)
    client.get(reverse("reviews:list"), {"archived": "1"})
    with assert_queries(6):
        client.get(reverse("reviews:list"), {"archived": "1"})
    for year in (2020, 2021, 2022):
        r = services.review_create(actor=users["alice"], agreement=agreement, kind="final", period_start=datetime.date(year, 1, 1), period_end=datetime.date(year, 12, 31))
        services.review_archive(actor=users["alice"], review=r)
    with assert_queries(6):
        body = client.get(reverse("reviews:list"), {"archived": "1"}).content.decode()
    assert "Tổng kết năm 2022" in body


# --- commendations ----------------------------------------------------------------------------


def test_whoever_may_propose_withdraws_an_undecided_proposal(proposal: Commendation, draft: Review, users: dict[str, Any]) -> None:
    for name in ("bob", "coop_officer", "superior", "subordinate", "charlie"):
        with pytest.raises(PermissionDenied):
            services.commendation_withdraw(actor=users[name], commendation=proposal)
    services.commendation_withdraw(actor=users["alice"], commendation=proposal)
    proposal.refresh_from_db()
    assert proposal.is_archived and proposal.status == Commendation.Status.PROPOSED
    assert list(selectors.review_commendations(draft)) == []
    assert list(selectors.commendation_list(user=users["alice"], filters={})) == []
    assert list(selectors.commendation_list(user=users["alice"], filters={"archived": True})) == [proposal]
    assert Commendation.history.filter(id=proposal.pk).count() == 2
    with pytest.raises(ValidationError, match="đã được rút"):
        services.commendation_decide(actor=users["alice"], commendation=proposal, approved=False)


def test_a_decided_commendation_is_not_withdrawn(proposal: Commendation, users: dict[str, Any]) -> None:
    services.commendation_decide(
        actor=users["alice"], commendation=proposal, approved=True,
        decision_number="12/QĐ-UBND", decision_date=datetime.date(2025, 1, 10),
    )
    with pytest.raises(ValidationError, match="không rút được"):
        services.commendation_withdraw(actor=users["alice"], commendation=proposal)
    proposal.refresh_from_db()
    assert not proposal.is_archived


def test_a_proposal_in_a_signed_off_review_is_not_withdrawn(proposal: Commendation, draft: Review, users: dict[str, Any]) -> None:
    _sign_off(draft, users)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.commendation_withdraw(actor=users["alice"], commendation=proposal)
    assert "Báo cáo đã được ký duyệt nên không rút được đề nghị khen thưởng" in " ".join(exc.value.messages)
    proposal.refresh_from_db()
    assert not proposal.is_archived


def test_a_recorded_commendation_outside_a_review_is_not_withdrawn(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    recorded = services.commendation_record(actor=users["coop_officer"], fields={
        "organization": orgs["board"], "form": "praise", "authority": "Ban Thường vụ Quận ủy", "reason": "Tốt", "year": 2023,
    })
    with pytest.raises(PermissionDenied):
        services.commendation_withdraw(actor=users["coop_officer"], commendation=recorded)


def test_commendations_of_an_archived_review_leave_the_list(proposal: Commendation, draft: Review, users: dict[str, Any]) -> None:
    services.review_archive(actor=users["alice"], review=draft)
    assert list(selectors.commendation_list(user=users["alice"], filters={})) == []
    assert list(selectors.commendation_list(user=users["alice"], filters={"archived": True})) == [proposal]
    with pytest.raises(ValidationError, match="đã được lưu trữ"):
        services.commendation_decide(actor=users["alice"], commendation=proposal, approved=False)
    with pytest.raises(ValidationError, match="đã được lưu trữ"):
        services.commendation_withdraw(actor=users["alice"], commendation=proposal)


def test_it_withdraws_a_proposal_through_the_review_page(login: Any, users: dict[str, Any], draft: Review, proposal: Commendation) -> None:
    client = login(users["alice"])
    detail = reverse("reviews:detail", args=[draft.pk])
    url = reverse("reviews:commendation_archive", args=[proposal.pk])
    body = client.get(detail).content.decode()
    assert f'action="{url}"' in body and "Rút đề nghị" in body
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == detail
    assert any("Đã rút đề nghị khen thưởng" in m for m in _messages(response))
    proposal.refresh_from_db()
    assert proposal.is_archived
    assert "Phối hợp tuyên truyền tốt" not in client.get(detail).content.decode()
    assert "Phối hợp tuyên truyền tốt" not in client.get(reverse("reviews:commendation_list")).content.decode()
    body = client.get(reverse("reviews:commendation_list"), {"archived": "1"}).content.decode()
    assert "Phối hợp tuyên truyền tốt" in body and "Đã rút đề nghị" in body
    response = client.get(reverse("reviews:commendation_decide", args=[proposal.pk]))
    assert response.status_code == 302
    assert any("đã được rút" in m for m in _messages(response))


def test_withdrawal_refuses_readers_and_hides_from_outsiders(login: Any, users: dict[str, Any], draft: Review, proposal: Commendation) -> None:
    url = reverse("reviews:commendation_archive", args=[proposal.pk])
    for name in ("bob", "coop_officer", "superior"):
        assert login(users[name]).post(url).status_code == 403, name
        assert f'action="{url}"' not in login(users[name]).get(reverse("reviews:detail", args=[draft.pk])).content.decode()
    for name in ("charlie", "subordinate"):
        assert login(users[name]).post(url).status_code == 404, name
    proposal.refresh_from_db()
    assert not proposal.is_archived


def test_a_signed_off_reviews_proposal_shows_no_withdrawal_and_is_refused(login: Any, users: dict[str, Any], draft: Review, proposal: Commendation) -> None:
    _sign_off(draft, users)
    client = login(users["alice"])
    url = reverse("reviews:commendation_archive", args=[proposal.pk])
    assert f'action="{url}"' not in client.get(reverse("reviews:detail", args=[draft.pk])).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert any("không rút được đề nghị khen thưởng" in m for m in _messages(response))
    proposal.refresh_from_db()
    assert not proposal.is_archived


# --- movements --------------------------------------------------------------------------------


def test_those_who_edit_a_movement_archive_and_restore_it(movement: Movement, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    for name in ("alice", "bob", "leader", "superior", "charlie"):
        with pytest.raises(PermissionDenied):
            services.movement_archive(actor=users[name], movement=movement)
    services.movement_archive(actor=users["coop_officer"], movement=movement)
    movement.refresh_from_db()
    assert movement.is_archived
    assert list(selectors.movement_list(user=users["alice"])) == []
    assert list(selectors.movement_list(user=users["alice"], archived=True)) == [movement]
    with pytest.raises(ValidationError, match="Khôi phục phong trào"):
        services.movement_update(actor=users["coop_officer"], movement=movement, fields={"name": "Đổi tên", "organizer": orgs["board"]})
    with pytest.raises(PermissionDenied):
        services.movement_restore(actor=users["alice"], movement=movement)
    services.movement_restore(actor=users["staff"], movement=movement)
    movement.refresh_from_db()
    assert not movement.is_archived
    assert list(selectors.movement_list(user=users["alice"])) == [movement]
    assert Movement.history.filter(id=movement.pk).count() == 3


def test_it_archives_and_restores_a_movement_through_its_page(login: Any, users: dict[str, Any], movement: Movement) -> None:
    client = login(users["coop_officer"])
    detail = reverse("reviews:movement_detail", args=[movement.pk])
    url = reverse("reviews:movement_archive", args=[movement.pk])
    body = client.get(detail).content.decode()
    assert f'action="{url}"' in body and "data-confirm=" in body.split(f'action="{url}"')[1].split("</form>")[0]
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == detail
    movement.refresh_from_db()
    assert movement.is_archived
    assert "Dân vận khéo" not in client.get(reverse("reviews:movement_list")).content.decode()
    assert "Dân vận khéo" in client.get(reverse("reviews:movement_list"), {"archived": "1"}).content.decode()
    body = client.get(detail).content.decode()
    assert "data-archived" in body and 'name="restore"' in body and "Lưu trữ <em>Dân vận khéo</em>" in body
    assert reverse("reviews:movement_edit", args=[movement.pk]) not in body
    response = client.get(reverse("reviews:movement_edit", args=[movement.pk]))
    assert response.status_code == 302 and response["Location"] == detail
    # An archived movement is not offered when recording a commendation.
    form = client.get(reverse("reviews:commendation_create")).context["form"]
    assert movement not in form.fields["movement"].queryset
    client.post(url, {"restore": "1"})
    movement.refresh_from_db()
    assert not movement.is_archived
    assert "Dân vận khéo" in client.get(reverse("reviews:movement_list")).content.decode()


def test_movement_archiving_refuses_those_who_only_read(login: Any, users: dict[str, Any], movement: Movement) -> None:
    url = reverse("reviews:movement_archive", args=[movement.pk])
    for name in ("alice", "bob", "leader", "superior", "subordinate", "charlie"):
        assert login(users[name]).post(url).status_code == 403, name
        assert f'action="{url}"' not in login(users[name]).get(reverse("reviews:movement_detail", args=[movement.pk])).content.decode()
    assert login(users["alice"]).post(reverse("reviews:movement_archive", args=[987654])).status_code == 404
    movement.refresh_from_db()
    assert not movement.is_archived


def test_the_commendation_list_leaves_out_an_archived_reviews_proposals_and_reads_one_union(
    proposal: Commendation, draft: Review, movement: Movement, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    outside = services.commendation_record(
        actor=users["coop_officer"],
        fields={"organization": orgs["board"], "form": "praise", "authority": "Ban Dân vận", "reason": "Dân vận khéo",
                "movement": movement, "year": 2024},
    )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = selectors.commendation_rows(selectors.commendation_list(user=users["alice"], filters={}))
    assert {c.pk for c in rows} == {proposal.pk, outside.pk}
    with CaptureQueriesContext(connection) as queries:
        assert rows.count() == 2
    # The four ways in (review, awarded body, partner, organiser) are one UNION of indexed reads,
    # not an OR tested on every commendation; archived reviews are read by their few ids, not by
    # joining each commendation's review.
    (counted,) = [q["sql"] for q in queries.captured_queries]
    assert counted.count("UNION") == 3 and 'JOIN "reviews_review"' not in counted

    services.review_archive(actor=users["alice"], review=draft)
    assert list(selectors.commendation_list(user=users["alice"], filters={})) == [outside]
    assert list(selectors.commendation_list(user=users["alice"], filters={"archived": True})) == [proposal]
