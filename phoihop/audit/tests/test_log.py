"""The log cannot be changed, and each reader sees only their share of it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from phoihop.audit.models import AuditEvent
from phoihop.audit.services import record
from phoihop.orgs.models import Membership
from phoihop.testing.queries import assert_queries

A = AuditEvent.Action


def snapshot() -> dict[int, tuple]:
    return {e.pk: tuple(getattr(e, f.attname) for f in AuditEvent._meta.concrete_fields) for e in AuditEvent.objects.all()}


def test_an_event_cannot_be_changed_or_deleted(users: dict[str, Any]) -> None:
    event = record("export", actor=users["alice"], detail="bản gốc")
    event.detail = "đã sửa"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="đã sửa")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    event.refresh_from_db()
    assert event.detail == "bản gốc"


def test_deleting_a_user_keeps_their_events(users: dict[str, Any], django_user_model: Any) -> None:
    temp = django_user_model.objects.create_user(username="tam-thoi", password="matkhau-123")
    event = record("export", actor=temp)
    # The row goes without touching the log (raw, so other apps' tables do not matter here).
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {django_user_model._meta.db_table} WHERE id = %s", [temp.pk])
    kept = AuditEvent.objects.select_related("actor").get(pk=event.pk)
    assert kept.actor_label == "tam-thoi" and kept.actor is None


def test_the_admin_cannot_change_events() -> None:
    model_admin = admin.site._registry.get(AuditEvent)
    if model_admin is None:
        return  # not registered: nothing to check
    request = RequestFactory().get("/quan-tri/")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_no_route_changes_the_log(client: Any, users: dict[str, Any], agreement: Any) -> None:
    """POST to every route of the URLconf as a system administrator: old rows stay as they were."""
    from phoihop.core.tests.test_access_walk import routes

    for action in A.values:
        record(action, actor=users["alice"], detail=f"gốc {action}")
    client.raise_request_exception = False  # other routes' own errors are their tests' business
    client.force_login(users["staff"])
    before = snapshot()
    for name, pattern in routes():
        if pattern.pattern.converters:
            continue  # keyed routes: none belongs to the audit log apart from the person pages
        client.force_login(users["staff"])  # the sign-out route signs out
        client.post(reverse(name), {"id": 1, "pk": 1, "detail": "sửa", "action": "delete"})
    after = snapshot()
    assert {pk: row for pk, row in after.items() if pk in before} == before
    client.force_login(users["staff"])
    for name in ("audit:log", "audit:log_export"):
        assert client.post(reverse(name), {"delete": "1"}).status_code == 405


@pytest.fixture
def mixed_events(users: dict[str, Any], orgs: dict[str, Any], district_admin: Any) -> dict[str, AuditEvent]:
    return {
        "district": record("export", actor=users["staff"], organization=orgs["district"], detail="xuất của quận"),
        "member": record("sign_in", actor=users["alice"], detail="alice vào"),
        "unrelated": record("export", actor=users["charlie"], organization=orgs["unrelated"], detail="xuất của xã"),
        "ward": record("export", actor=users["subordinate"], organization=orgs["ward"], detail="xuất của phường"),
    }


def test_org_admin_sees_only_their_organisation_and_members(client: Any, district_admin: Any, mixed_events: dict[str, AuditEvent]) -> None:
    client.force_login(district_admin)
    body = client.get(reverse("audit:log")).content.decode()
    assert "xuất của quận" in body
    assert "alice vào" in body
    assert "xuất của xã" not in body
    assert "xuất của phường" not in body
    csv_body = b"".join(client.get(reverse("audit:log_export")).streaming_content).decode("utf-8-sig")
    assert "xuất của quận" in csv_body and "xuất của xã" not in csv_body


def test_staff_see_everything_and_filters_narrow(client: Any, users: dict[str, Any], orgs: dict[str, Any], mixed_events: dict[str, AuditEvent]) -> None:
    client.force_login(users["staff"])
    body = client.get(reverse("audit:log")).content.decode()
    assert all(e.detail in body for e in mixed_events.values())
    body = client.get(reverse("audit:log"), {"organization": orgs["unrelated"].pk}).content.decode()
    assert "xuất của xã" in body and "xuất của quận" not in body
    body = client.get(reverse("audit:log"), {"action": "sign_in", "user": "alice"}).content.decode()
    assert "alice vào" in body and "xuất của quận" not in body
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    body = client.get(reverse("audit:log"), {"date_from": tomorrow.strftime("%d/%m/%Y")}).content.decode()
    assert "xuất của quận" not in body and "Không có sự kiện nào khớp" in body
    today = timezone.localdate().strftime("%d/%m/%Y")
    body = client.get(reverse("audit:log"), {"date_from": today, "date_to": today}).content.decode()
    assert "xuất của quận" in body
    # Nonsense in the filters is ignored, not an error; a NUL byte is a bad request, for every page.
    assert client.get(reverse("audit:log"), {"date_from": "32/13/2024", "organization": "x", "action": "z"}).status_code == 200
    assert client.get(reverse("audit:log"), {"organization": "x\x00"}).status_code == 400


@pytest.mark.parametrize("username", ["alice", "bob", "leader", "coop_officer", "superior", "subordinate", "charlie"])
def test_everyone_else_is_refused(client: Any, users: dict[str, Any], username: str) -> None:
    client.force_login(users[username])
    assert client.get(reverse("audit:log")).status_code == 403
    assert client.get(reverse("audit:log_export")).status_code == 403


def test_a_leader_is_not_an_admin(client: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    assert Membership.objects.get(user=users["leader"]).role == Membership.Role.LEADER
    client.force_login(users["leader"])
    assert client.get(reverse("audit:log")).status_code == 403


def test_the_log_page_does_not_grow_queries_with_rows(client: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client.force_login(users["staff"])
    url = reverse("audit:log")

    for _ in range(3):
        record("export", actor=users["alice"], organization=orgs["district"], subject_user=users["bob"])
    client.get(url)  # warm-up: the first request of a session does its own bookkeeping
    with assert_queries(6):
        assert client.get(url).status_code == 200
    for _ in range(30):
        record("export", actor=users["charlie"], organization=orgs["unrelated"], subject_user=users["alice"])
    with assert_queries(6):
        assert client.get(url).status_code == 200


def test_it_stops_the_export_at_the_row_limit_and_says_so(client: Any, users: dict[str, Any], mixed_events: dict[str, AuditEvent], settings: Any) -> None:
    settings.AUDIT_EXPORT_MAX_ROWS = 2
    client.force_login(users["staff"])
    lines = b"".join(client.get(reverse("audit:log_export")).streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 2 + 1  # header, two rows, the note
    assert lines[-1].startswith('"Chỉ xuất 2 dòng đầu')
    settings.AUDIT_EXPORT_MAX_ROWS = 10_000
    lines = b"".join(client.get(reverse("audit:log_export")).streaming_content).decode("utf-8-sig").splitlines()
    assert not any(line.startswith('"Chỉ xuất') for line in lines)


def test_it_lets_staff_find_the_organisation_filter_by_typing(client: Any, users: dict[str, Any], orgs: dict[str, Any], mixed_events: dict[str, AuditEvent]) -> None:
    client.force_login(users["staff"])
    page = client.get(reverse("audit:log"), {"organization": orgs["ward"].pk}).content.decode()
    # Only the chosen organisation is in the page, not the whole registry.
    assert orgs["ward"].name in page
    assert f'<option value="{orgs["unrelated"].pk}"' not in page
    assert "xuất của phường" in page and "xuất của quận" not in page


def test_it_sends_a_long_export_in_pieces_that_join_into_whole_rows(client: Any, users: dict[str, Any], mixed_events: dict[str, AuditEvent], monkeypatch: Any) -> None:
    import csv
    import io

    from phoihop.audit import views

    client.force_login(users["staff"])
    monkeypatch.setattr(views, "EXPORT_PIECE", 10)  # a piece after every row
    pieces = list(client.get(reverse("audit:log_export")).streaming_content)
    assert pieces[0].startswith("\ufeff".encode()) and not any(p.startswith("\ufeff".encode()) for p in pieces[1:])
    assert all(piece.endswith(b"\r\n") for piece in pieces)  # a row never splits across pieces
    rows = list(csv.reader(io.StringIO(b"".join(pieces).decode("utf-8-sig"))))
    assert len(rows) == 1 + AuditEvent.objects.count()  # the header, then every row (this export's too)
    assert len(pieces) == len(rows) - 1  # the header goes with the first row
    assert all(len(row) == 8 for row in rows)


def test_it_counts_a_long_log_only_up_to_its_cap(client: Any, users: dict[str, Any], orgs: dict[str, Any], mixed_events: dict[str, AuditEvent], monkeypatch: Any) -> None:
    from phoihop.audit import views

    client.force_login(users["staff"])
    shown = AuditEvent.objects.count()
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "COUNT_CAP", shown - 1)
    body = client.get(reverse("audit:log")).content.decode()
    assert f"Hơn {shown - 1} sự kiện; chọn khoảng ngày hẹp hơn" in body
    assert f"Trang 1/hơn {(shown - 1 + 1) // 2}" in body
    # Within the cap, the exact number.
    body = client.get(reverse("audit:log"), {"organization": orgs["unrelated"].pk}).content.decode()
    assert "1 sự kiện" in body and "Hơn" not in body
