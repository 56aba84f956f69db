"""Every hand-over between people tells the receiver: in the app, and by e-mail to those who chose
it; a retried request tells nobody twice."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from phoihop.notifications.models import Kind, Notification
from phoihop.notifications.services import preferences_set
from phoihop.notifications.tests.fixtures import usernames

D = datetime.date


@pytest.fixture
def quarterly(agreement: Any, users: dict[str, Any]) -> Any:
    from phoihop.exchange.services import schedule_set

    return schedule_set(actor=users["alice"], agreement=agreement, rhythm="quarterly", due_days=10)


def _report(users: dict[str, Any], agreement: Any, orgs: dict[str, Any]) -> Any:
    from phoihop.exchange.services import report_create

    return report_create(
        actor=users["alice"], agreement=agreement, organization=orgs["district"], rhythm="quarterly",
        period_start=D(2024, 4, 1), period_end=D(2024, 6, 30), period_label="Quý II/2024",
        due_date=D(2024, 7, 10), title="Báo cáo quý II", body="Kết quả thực hiện trong kỳ.",
    )


def test_it_tells_the_other_parties_members_a_report_was_sent(users: dict[str, Any], orgs: dict[str, Any], agreement: Any, quarterly: Any) -> None:
    from phoihop.exchange.services import report_submit

    report = _report(users, agreement, orgs)
    assert not Notification.objects.exists()  # a draft is the party's own
    report_submit(actor=users["alice"], report=report)
    sent = Notification.objects.filter(kind=Kind.REPORT_SUBMITTED)
    # The board is the other party; neither the reporting party nor the bodies above are told.
    assert usernames(sent) == {"coop_officer"}
    n = sent.get()
    assert "Quý II/2024" in n.title and n.url == f"/trao-doi/bao-cao/{report.pk}/" and n.related == report


def test_it_does_not_tell_twice_when_a_submit_is_retried(users: dict[str, Any], orgs: dict[str, Any], agreement: Any, quarterly: Any) -> None:
    from phoihop.exchange.services import report_submit

    report = _report(users, agreement, orgs)
    report_submit(actor=users["alice"], report=report)
    with pytest.raises(ValidationError):
        report_submit(actor=users["alice"], report=report)
    # Asked again directly, the key still stops a second notification.
    from phoihop.exchange.services import report_submitted_notify

    assert report_submitted_notify(report=report, actor=users["alice"]) == 0
    assert Notification.objects.filter(kind=Kind.REPORT_SUBMITTED).count() == 1


def test_it_emails_the_receivers_who_chose_it_after_the_commit(users: dict[str, Any], orgs: dict[str, Any], agreement: Any, quarterly: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]) -> None:
    from phoihop.exchange.services import report_submit

    coop = users["coop_officer"]
    coop.email = "coop@example.vn"
    coop.save(update_fields=["email"])
    preferences_set(actor=coop, by_email={Kind.REPORT_SUBMITTED: True})
    report = _report(users, agreement, orgs)
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(actor=users["alice"], report=report)
    assert [m.to for m in mailoutbox] == [["coop@example.vn"]]
    assert "Quý II/2024" in mailoutbox[0].subject
    assert Notification.objects.get(kind=Kind.REPORT_SUBMITTED).email_sent_at is not None


def test_it_tells_the_author_the_activity_was_approved(users: dict[str, Any], draft_activity: Any) -> None:
    from phoihop.activities.services import activity_approve, activity_submit

    activity_submit(actor=users["alice"], activity=draft_activity)
    activity_approve(actor=users["leader"], activity=draft_activity)
    approved = Notification.objects.filter(kind=Kind.ACTIVITY_APPROVED)
    assert usernames(approved) == {"alice"}
    assert approved.get().url == f"/hoat-dong/{draft_activity.pk}/"
    with pytest.raises(ValidationError):  # a second click finds it approved already
        activity_approve(actor=users["leader"], activity=draft_activity)
    assert approved.count() == 1


def _inspection(users: dict[str, Any], agreement: Any, orgs: dict[str, Any], findings: str) -> Any:
    from phoihop.exchange.services import inspection_create

    return inspection_create(
        actor=users["coop_officer"], agreement=agreement, kind="inspection", title="Kiểm tra năm 2024",
        date=D(2024, 11, 20), inspecting=[orgs["board"]], inspected=[orgs["district"]], findings=findings,
    )


def test_it_tells_the_inspected_side_the_findings_once_written(users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    from phoihop.exchange.services import inspection_update

    inspection = _inspection(users, agreement, orgs, findings="")
    assert not Notification.objects.exists()  # nothing found yet
    inspection_update(
        actor=users["coop_officer"], inspection=inspection, kind="inspection", title=inspection.title,
        date=inspection.date, inspected=[orgs["district"]], findings="Thực hiện cơ bản đầy đủ.",
        expected_version=inspection.version,
    )
    found = Notification.objects.filter(kind=Kind.INSPECTION_FINDINGS)
    # Officers and leaders of the inspected command; not its viewer.
    assert usernames(found) == {"alice", "leader"}
    first = found.first()
    assert first is not None
    assert "Thực hiện cơ bản đầy đủ." in first.body


def test_it_tells_the_responsible_unit_of_a_recommendation_and_then_the_inspectors(users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    from phoihop.exchange.services import follow_up_add, recommendation_add, recommendation_close

    inspection = _inspection(users, agreement, orgs, findings="Còn chậm báo cáo.")
    rec = recommendation_add(
        actor=users["coop_officer"], inspection=inspection, text="Gửi báo cáo đúng hạn", responsible=orgs["district"],
        due_date=D(2025, 1, 31),
    )
    assigned = Notification.objects.filter(kind=Kind.RECOMMENDATION_ASSIGNED)
    assert usernames(assigned) == {"alice", "leader"}
    first = assigned.first()
    assert first is not None
    assert "31/01/2025" in first.body
    follow_up_add(actor=users["alice"], recommendation=rec, date=D(2025, 1, 10), note="Đã phân công cán bộ theo dõi.")
    followed = Notification.objects.filter(kind=Kind.RECOMMENDATION_FOLLOWED_UP)
    assert usernames(followed) == {"coop_officer"}
    recommendation_close(actor=users["coop_officer"], recommendation=rec)
    assert usernames(followed.filter(key__startswith="recommendation-closed")) == {"alice", "leader"}


def test_it_tells_the_new_responsible_unit_when_a_recommendation_moves(users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    from phoihop.exchange.services import recommendation_add, recommendation_update

    inspection = _inspection(users, agreement, orgs, findings="Còn chậm báo cáo.")
    rec = recommendation_add(actor=users["coop_officer"], inspection=inspection, text="Gửi báo cáo đúng hạn", responsible=orgs["district"])
    recommendation_update(actor=users["coop_officer"], recommendation=rec, text="Gửi báo cáo đúng hạn, đủ nội dung", responsible=orgs["district"], expected_version=rec.version)
    assert Notification.objects.filter(kind=Kind.RECOMMENDATION_ASSIGNED, user=users["alice"]).count() == 1
    rec.refresh_from_db()
    recommendation_update(actor=users["coop_officer"], recommendation=rec, text=rec.text, responsible=orgs["board"], expected_version=rec.version)
    # The board's own officer moved it to the board: nobody else there to tell.
    assert Notification.objects.filter(kind=Kind.RECOMMENDATION_ASSIGNED).count() == 2


def test_it_asks_the_other_parties_for_contributions_and_tells_the_lead_when_one_comes(users: dict[str, Any], orgs: dict[str, Any], agreement: Any, board_leader: Any) -> None:
    from phoihop.reviews.services import contribution_save, review_create

    review = review_create(actor=users["alice"], agreement=agreement, kind="interim", period_start=D(2024, 1, 1), period_end=D(2024, 12, 31))
    asked = Notification.objects.filter(kind=Kind.CONTRIBUTION_REQUESTED)
    assert usernames(asked) == {"coop_officer", "board_leader"}  # the board; not the lead party
    first = asked.first()
    assert first is not None
    assert first.url == f"/so-tong-ket/{review.pk}/"
    contribution_save(actor=users["coop_officer"], review=review, organization=orgs["board"], title="Tham luận", body="Nội dung")
    received = Notification.objects.filter(kind=Kind.CONTRIBUTION_RECEIVED)
    assert usernames(received) == {"alice", "leader"}
    contribution = review.contributions.get()
    contribution_save(actor=users["coop_officer"], review=review, organization=orgs["board"], title="Tham luận", body="Sửa lại", expected_version=contribution.version)
    assert received.count() == 2  # a rewrite is not a new hand-over


def test_it_tells_every_party_the_review_was_signed_off(users: dict[str, Any], orgs: dict[str, Any], agreement: Any, board_leader: Any) -> None:
    from phoihop.reviews.models import SECTION_NAMES
    from phoihop.reviews.services import review_create, review_sign_off, review_update

    review = review_create(actor=users["alice"], agreement=agreement, kind="interim", period_start=D(2024, 1, 1), period_end=D(2024, 12, 31))

    review_update(actor=users["alice"], review=review, fields={**{name: "Nội dung." for name in SECTION_NAMES}, "report_date": D(2025, 1, 15)}, expected_version=review.version)
    review_sign_off(actor=users["leader"], review=review)
    review_sign_off(actor=users["leader"], review=review)  # a second press returns it as signed
    signed = Notification.objects.filter(kind=Kind.REVIEW_SIGNED_OFF)
    assert usernames(signed) == {"alice", "bob", "coop_officer", "board_leader"}
    assert signed.count() == 4 and "leader" not in usernames(signed)


def test_it_never_tells_an_archived_organisations_members(users: dict[str, Any], orgs: dict[str, Any], agreement: Any, quarterly: Any) -> None:
    from django.utils import timezone

    from phoihop.exchange.services import report_submit

    orgs["board"].archived_at = timezone.now()
    orgs["board"].save(update_fields=["archived_at"])
    report_submit(actor=users["alice"], report=_report(users, agreement, orgs))
    assert not Notification.objects.filter(kind=Kind.REPORT_SUBMITTED).exists()


def test_it_invites_the_participating_organisations_to_a_coming_event_and_again_when_it_moves(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from django.utils import timezone

    from phoihop.events.services import event_create, event_update

    soon = timezone.localdate() + datetime.timedelta(days=7)
    fields = {"kind": "joint_activity", "title": "Giao ban công tác phối hợp", "date": soon, "host": orgs["board"]}
    event = event_create(actor=users["coop_officer"], fields=fields, organizations=[orgs["board"], orgs["district"]])
    invited = Notification.objects.filter(kind=Kind.EVENT_INVITED)
    assert usernames(invited) == {"alice", "bob", "leader"}  # the host's own members are not invited
    event_update(actor=users["coop_officer"], event=event, fields=fields, organizations=[orgs["board"], orgs["district"]], agreements=[], attendees=[], expected_version=event.version)
    assert invited.count() == 3  # saved again, nothing new to tell
    event.refresh_from_db()
    moved = {**fields, "date": soon + datetime.timedelta(days=1)}
    event_update(actor=users["coop_officer"], event=event, fields=moved, organizations=[orgs["board"], orgs["district"]], agreements=[], attendees=[], expected_version=event.version)
    assert invited.count() == 6


def test_it_invites_nobody_to_an_event_recorded_after_it_was_held(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    from phoihop.events.services import event_create

    fields = {"kind": "joint_activity", "title": "Giao ban quý I", "date": D(2024, 3, 1), "host": orgs["board"]}
    event_create(actor=users["coop_officer"], fields=fields, organizations=[orgs["board"], orgs["district"]])
    assert not Notification.objects.filter(kind=Kind.EVENT_INVITED).exists()
