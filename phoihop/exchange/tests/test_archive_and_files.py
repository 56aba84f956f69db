"""Archiving reports and inspections (deleting is archiving), editing open recommendations, and
files on inspections."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from phoihop.attachments.models import Attachment
from phoihop.exchange import selectors
from phoihop.exchange.models import FollowUp, Inspection, PeriodicReport, Recommendation
from phoihop.exchange.services import (
    follow_up_add,
    inspection_archive,
    inspection_restore,
    recommendation_add,
    recommendation_close,
    recommendation_update,
    report_archive,
    report_restore,
)
from phoihop.exchange.tests.conftest import D, make_report

pytestmark = pytest.mark.django_db

Q1 = (D(2024, 1, 1), D(2024, 3, 31))


def jpeg(width: int = 40, height: int = 30) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile("quang-canh.jpg", buffer.getvalue(), content_type="image/jpeg")


def pdf(name: str = "bien-ban-kiem-tra.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% test\n", content_type="application/pdf")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def draft(agreement, users, orgs, quarterly):
    return make_report(users["alice"], agreement, orgs["district"], *Q1, label="Quý I/2024")


@pytest.fixture
def recommendation(inspection, users, orgs):
    return recommendation_add(
        actor=users["coop_officer"], inspection=inspection, text="Bổ sung sổ theo dõi", responsible=orgs["district"],
        due_date=D(2024, 12, 31),
    )


def slot_of(agreement, orgs):
    return selectors.find_slot(agreement=agreement, organization_id=orgs["district"].pk, period_start=Q1[0], today=D(2024, 6, 1))


# --- periodic reports -----------------------------------------------------------------------------


def test_a_party_officer_archives_a_draft_and_its_period_is_owed_again(login, agreement, users, orgs, draft):
    assert slot_of(agreement, orgs).report == draft
    client = login(users["alice"])
    response = client.post(reverse("exchange:report_archive", args=[draft.pk]), follow=True)
    assert "Đã lưu trữ bản nháp" in " ".join(messages_of(response))
    draft.refresh_from_db()
    assert draft.is_archived and draft.body == "Kết quả thực hiện trong kỳ."
    # The owed slot treats the archived draft as not written; the party may write it again.
    slot = slot_of(agreement, orgs)
    assert slot.report is None and slot.state == "missing"
    url = reverse("exchange:report_create", args=[agreement.pk]) + f"?org={orgs['district'].pk}&start=2024-01-01"
    assert client.get(url).status_code == 200
    # It leaves the list, and the "archived" filter shows it.
    listed = client.get(reverse("exchange:report_list"))
    assert draft not in listed.context["page"].object_list
    archived = client.get(reverse("exchange:report_list"), {"archived": "1"})
    assert list(archived.context["page"].object_list) == [draft]
    assert "Xem báo cáo đã lưu trữ" in archived.content.decode()
    # The detail page says so and offers restoring; the history records the archiving.
    body = client.get(draft.get_absolute_url()).content.decode()
    assert "đã được lưu trữ" in body and reverse("exchange:report_restore", args=[draft.pk]) in body
    assert "Lưu trữ" in [e.action for e in selectors.report_history(draft)]


def test_an_archived_draft_is_restored_and_counts_again(login, agreement, users, orgs, draft):
    report_archive(actor=users["alice"], report=draft)
    response = login(users["leader"]).post(reverse("exchange:report_restore", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.is_archived
    assert slot_of(agreement, orgs).report == draft
    assert [e.action for e in selectors.report_history(draft)][-2:] == ["Lưu trữ", "Khôi phục"]


def test_an_archived_draft_is_not_restored_over_a_newer_report_of_the_period(agreement, users, orgs, draft):
    report_archive(actor=users["alice"], report=draft)
    newer = make_report(users["alice"], agreement, orgs["district"], *Q1, label="Quý I/2024")
    with pytest.raises(ValidationError, match="đã có báo cáo khác cho kỳ này"):
        report_restore(actor=users["alice"], report=draft)
    draft.refresh_from_db()
    assert draft.is_archived and slot_of(agreement, orgs).report == newer


def test_a_submitted_report_cannot_be_archived_and_says_so(login, users, agreement, orgs, quarterly):
    sent = make_report(users["alice"], agreement, orgs["district"], *Q1, submit_on=D(2024, 4, 5), label="Quý I/2024")
    with pytest.raises(ValidationError, match="Báo cáo đã gửi các bên"):
        report_archive(actor=users["alice"], report=sent)
    response = login(users["alice"]).post(reverse("exchange:report_archive", args=[sent.pk]), follow=True)
    assert "Báo cáo đã gửi các bên là hồ sơ chính thức của đơn vị nên không lưu trữ (xoá) được." in messages_of(response)
    sent.refresh_from_db()
    assert not sent.is_archived and sent.is_submitted
    # The page of a sent report offers no archive button.
    assert reverse("exchange:report_archive", args=[sent.pk]) not in response.content.decode()


def test_an_archived_draft_is_neither_edited_nor_submitted(login, users, draft):
    report_archive(actor=users["alice"], report=draft)
    client = login(users["alice"])
    response = client.post(reverse("exchange:report_submit", args=[draft.pk]), follow=True)
    assert "khôi phục trước khi sửa hoặc gửi" in " ".join(messages_of(response))
    response = client.post(reverse("exchange:report_edit", args=[draft.pk]), {"title": "Khác", "body": "Khác", "version": draft.version})
    assert response.status_code == 200 and "khôi phục trước khi sửa hoặc gửi" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.title, draft.is_archived) == ("draft", "Báo cáo Quý I/2024", True)


@pytest.mark.parametrize(
    ("username", "status"),
    [("bob", 403), ("coop_officer", 404), ("superior", 404), ("charlie", 404), ("subordinate", 404)],
)
def test_only_officers_of_the_reporting_party_archive_and_restore_a_draft(login, users, draft, username, status):
    client = login(users[username])
    assert client.post(reverse("exchange:report_archive", args=[draft.pk])).status_code == status
    draft.refresh_from_db()
    assert not draft.is_archived
    report_archive(actor=users["alice"], report=draft)
    assert client.post(reverse("exchange:report_restore", args=[draft.pk])).status_code == status
    draft.refresh_from_db()
    assert draft.is_archived
    with pytest.raises((PermissionDenied, ValidationError)):
        report_restore(actor=users[username], report=draft)


def test_archive_routes_refuse_get(login, users, draft, inspection):
    client = login(users["alice"])
    assert client.get(reverse("exchange:report_archive", args=[draft.pk])).status_code == 405
    assert client.get(reverse("exchange:inspection_archive", args=[inspection.pk])).status_code == 405
    draft.refresh_from_db()
    assert not draft.is_archived


# --- inspections ----------------------------------------------------------------------------------


def test_the_inspecting_party_archives_and_restores_an_inspection(login, agreement, users, inspection, recommendation):
    client = login(users["coop_officer"])
    response = client.post(reverse("exchange:inspection_archive", args=[inspection.pk]), follow=True)
    assert "Đã lưu trữ đợt kiểm tra" in " ".join(messages_of(response))
    inspection.refresh_from_db()
    assert inspection.is_archived and inspection.recommendations.count() == 1
    # Out of the lists and the follow-up of open recommendations, shown by the archived filter.
    assert list(client.get(reverse("exchange:inspection_list")).context["page"].object_list) == []
    archived = client.get(reverse("exchange:inspection_list"), {"archived": "1"})
    assert list(archived.context["page"].object_list) == [inspection]
    assert "Xem đợt đã lưu trữ" in archived.content.decode()
    assert list(selectors.open_recommendations(agreement_ids=[agreement.pk])) == []
    assert selectors.inspection_summary(agreement=agreement, start=D(2024, 1, 1), end=D(2024, 12, 31))["inspections"] == 0
    # While archived, nothing else changes, and the page says how to get it back.
    body = client.get(inspection.get_absolute_url()).content.decode()
    assert "đã được lưu trữ" in body and reverse("exchange:inspection_restore", args=[inspection.pk]) in body
    assert reverse("exchange:inspection_edit", args=[inspection.pk]) not in body
    assert reverse("exchange:recommendation_edit", args=[recommendation.pk]) not in body
    with pytest.raises(ValidationError, match="khôi phục trước khi sửa"):
        recommendation_add(actor=users["coop_officer"], inspection=inspection, text="Mới", responsible=recommendation.responsible)
    with pytest.raises(ValidationError, match="khôi phục trước khi sửa"):
        follow_up_add(actor=users["alice"], recommendation=recommendation, date=D(2024, 12, 1), note="Đã bổ sung")
    with pytest.raises(ValidationError, match="khôi phục trước khi sửa"):
        recommendation_close(actor=users["coop_officer"], recommendation=recommendation)
    assert client.get(reverse("exchange:inspection_edit", args=[inspection.pk])).status_code == 302
    # Restored: back in the list and the follow-up; the history has both steps.
    assert client.post(reverse("exchange:inspection_restore", args=[inspection.pk])).status_code == 302
    inspection.refresh_from_db()
    assert not inspection.is_archived
    assert list(client.get(reverse("exchange:inspection_list")).context["page"].object_list) == [inspection]
    assert list(selectors.open_recommendations(agreement_ids=[agreement.pk])) == [recommendation]
    actions = [e.action for e in selectors.inspection_history(inspection)]
    assert "Lưu trữ" in actions and "Khôi phục" in actions


@pytest.mark.parametrize(
    ("username", "status"),
    [("alice", 403), ("leader", 403), ("bob", 403), ("superior", 403), ("charlie", 404), ("subordinate", 404)],
)
def test_only_the_inspecting_party_archives_an_inspection(login, users, inspection, username, status):
    client = login(users[username])
    assert client.post(reverse("exchange:inspection_archive", args=[inspection.pk])).status_code == status
    inspection.refresh_from_db()
    assert not inspection.is_archived
    inspection_archive(actor=users["coop_officer"], inspection=inspection)
    assert client.post(reverse("exchange:inspection_restore", args=[inspection.pk])).status_code == status
    inspection.refresh_from_db()
    assert inspection.is_archived
    with pytest.raises(PermissionDenied):
        inspection_restore(actor=users[username], inspection=inspection)


# --- editing recommendations ----------------------------------------------------------------------


def test_the_inspecting_party_edits_an_open_recommendation(login, users, orgs, inspection, recommendation):
    client = login(users["coop_officer"])
    url = reverse("exchange:recommendation_edit", args=[recommendation.pk])
    assert url in client.get(inspection.get_absolute_url()).content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "Bổ sung sổ theo dõi" in page.content.decode()
    response = client.post(url, {"text": "  Bổ sung sổ theo dõi tuyên truyền  ", "responsible": orgs["board"].pk, "due_date": "15/01/2025", "version": 1})
    assert response.status_code == 302 and response["Location"] == inspection.get_absolute_url()
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.responsible, recommendation.due_date) == (
        "Bổ sung sổ theo dõi tuyên truyền", orgs["board"], D(2025, 1, 15)
    )
    # The earlier wording stays in the history.
    changes = [c for e in selectors.inspection_history(inspection) for c in e.changes]
    assert any(c.old == "Bổ sung sổ theo dõi" for c in changes)


def test_a_recommendation_edit_with_errors_keeps_the_record(login, users, orgs, recommendation):
    client = login(users["coop_officer"])
    url = reverse("exchange:recommendation_edit", args=[recommendation.pk])
    response = client.post(url, {"text": " ", "responsible": orgs["board"].pk, "due_date": "31/02/2025", "version": 1})
    assert response.status_code == 200
    assert response.context["form"].errors
    # An organisation that is not a party is refused too.
    response = client.post(url, {"text": "Khác", "responsible": orgs["city"].pk, "version": 1})
    assert response.status_code == 200 and response.context["form"].errors["responsible"]
    with pytest.raises(ValidationError):
        recommendation_update(actor=users["coop_officer"], recommendation=recommendation, text="Khác", responsible=orgs["city"])
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.responsible, recommendation.due_date) == (
        "Bổ sung sổ theo dõi", orgs["district"], D(2024, 12, 31)
    )


def test_a_closed_recommendation_is_not_edited(login, users, orgs, recommendation):
    recommendation_close(actor=users["coop_officer"], recommendation=recommendation)
    client = login(users["coop_officer"])
    url = reverse("exchange:recommendation_edit", args=[recommendation.pk])
    response = client.post(url, {"text": "Khác", "responsible": orgs["board"].pk}, follow=True)
    assert "Kiến nghị đã đóng nên không sửa được." in messages_of(response)
    with pytest.raises(ValidationError, match="đã đóng"):
        recommendation_update(actor=users["coop_officer"], recommendation=recommendation, text="Khác", responsible=orgs["board"])
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.status) == ("Bổ sung sổ theo dõi", "closed")


@pytest.mark.parametrize(
    ("username", "status"),
    [("alice", 403), ("leader", 403), ("bob", 403), ("superior", 403), ("charlie", 404), ("subordinate", 404)],
)
def test_only_the_inspecting_party_edits_recommendations(login, users, orgs, recommendation, username, status):
    client = login(users[username])
    url = reverse("exchange:recommendation_edit", args=[recommendation.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"text": "Khác", "responsible": orgs["board"].pk}).status_code == status
    recommendation.refresh_from_db()
    assert recommendation.text == "Bổ sung sổ theo dõi"
    assert not FollowUp.objects.exists()


# --- files on inspections -------------------------------------------------------------------------


def test_the_inspecting_party_uploads_minutes_and_photos(login, users, inspection):
    client = login(users["coop_officer"])
    url = reverse("exchange:inspection_attachment_upload", args=[inspection.pk])
    response = client.post(url, {"file": pdf(), "kind": "minutes", "description": "Biên bản kiểm tra"})
    assert response.status_code == 302 and response["Location"] == inspection.get_absolute_url()
    response = client.post(url, {"file": jpeg(), "kind": "photo", "description": "Quang cảnh buổi kiểm tra"})
    minutes, photo = Attachment.objects.order_by("pk")
    assert minutes.owner == inspection and minutes.kind == "minutes" and photo.kind == "photo"
    body = client.get(inspection.get_absolute_url()).content.decode()
    assert "bien-ban-kiem-tra.pdf" in body and reverse("core:attachment_download", args=[minutes.pk]) in body
    assert reverse("core:attachment_thumbnail", args=[photo.pk]) in body
    thumb = client.get(reverse("core:attachment_thumbnail", args=[photo.pk]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    # Whoever sees the inspection reads its files; outsiders get nothing.
    for username in ("alice", "bob", "superior", "staff"):
        assert login(users[username]).get(reverse("core:attachment_download", args=[minutes.pk])).status_code == 200
    for username in ("charlie", "subordinate"):
        outsider = login(users[username])
        assert outsider.get(reverse("core:attachment_download", args=[minutes.pk])).status_code == 404
        assert outsider.get(reverse("core:attachment_thumbnail", args=[photo.pk])).status_code == 404
    # Only the inspecting side removes them (for_edit).
    assert login(users["alice"]).post(reverse("core:attachment_archive", args=[minutes.pk])).status_code == 403
    assert Attachment.objects.active().count() == 2
    assert login(users["coop_officer"]).post(reverse("core:attachment_archive", args=[minutes.pk])).status_code == 302
    assert list(Attachment.objects.active()) == [photo]


@pytest.mark.parametrize(
    ("username", "status"),
    [("alice", 403), ("bob", 403), ("superior", 403), ("charlie", 404), ("subordinate", 404)],
)
def test_others_cannot_add_files_to_an_inspection(login, users, inspection, username, status):
    response = login(users[username]).post(
        reverse("exchange:inspection_attachment_upload", args=[inspection.pk]), {"file": pdf(), "kind": "minutes"}
    )
    assert response.status_code == status
    assert not Attachment.objects.exists()


def test_a_refused_file_and_an_archived_inspection_lose_nothing(login, users, inspection):
    client = login(users["coop_officer"])
    url = reverse("exchange:inspection_attachment_upload", args=[inspection.pk])
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    response = client.post(url, {"file": fake, "kind": "photo"}, follow=True)
    assert response.status_code == 200 and messages_of(response)
    assert not Attachment.objects.exists()
    inspection_archive(actor=users["coop_officer"], inspection=inspection)
    response = client.post(url, {"file": pdf(), "kind": "minutes"}, follow=True)
    assert "khôi phục trước khi đính kèm tệp" in " ".join(messages_of(response))
    assert not Attachment.objects.exists()
    assert Inspection.objects.get(pk=inspection.pk).findings == "Thực hiện cơ bản đầy đủ."


def test_the_inspection_page_queries_do_not_grow_with_files_and_recommendations(login, users, orgs, inspection):
    from phoihop.testing.queries import assert_queries

    client = login(users["coop_officer"])
    url = inspection.get_absolute_url()
    upload = reverse("exchange:inspection_attachment_upload", args=[inspection.pk])

    def add(n: int) -> None:
        for i in range(n):
            client.post(upload, {"file": pdf(f"tai-lieu-{i}.pdf"), "kind": "document"})
            recommendation_add(actor=users["coop_officer"], inspection=inspection, text=f"Kiến nghị {i}", responsible=orgs["district"])

    add(1)
    client.get(url)
    with assert_queries(18):
        assert client.get(url).status_code == 200
    add(4)
    with assert_queries(18):
        assert client.get(url).status_code == 200
    assert Recommendation.objects.count() == 5 and PeriodicReport.objects.count() == 0
