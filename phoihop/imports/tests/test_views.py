"""The import pages: the "Nhập dữ liệu" page, templates, upload, preview, confirm, background."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from phoihop.imports.models import ImportBatch
from phoihop.imports.tests.workbook_files import filled, upload
from phoihop.orgs.models import Organization
from phoihop.testing.queries import assert_queries

ROW = [
    "Hội Chữ thập đỏ Phường 8",
    "",
    "Hội Chữ thập đỏ",
    "Xã, phường, đặc khu",
    "Ban CHQS Quận 4",
    "01/07/2025",
    None,
]
UPLOAD = reverse("imports:upload", args=["co-quan"])


def post_file(client: Any, content: bytes, name: str = "co-quan.xlsx") -> Any:
    return client.post(UPLOAD, {"file": upload(content, name)})


def test_it_offers_the_registry_to_staff_and_an_empty_state_to_others(
    login: Any, users: dict[str, Any]
) -> None:
    body = login(users["staff"]).get(reverse("imports:home")).content.decode()
    assert 'data-import-kind="registry"' in body
    assert reverse("imports:template", args=["co-quan"]) in body
    assert "Chưa có lần tải lên nào." in body
    body = login(users["leader"]).get(reverse("imports:home")).content.decode()
    assert 'data-import-kind="people"' in body and 'data-import-kind="registry"' not in body
    body = login(users["bob"]).get(reverse("imports:home")).content.decode()
    assert "data-import-kind" not in body
    assert "Anh/chị chưa có quyền nhập loại dữ liệu nào." in body


def test_it_serves_the_template_to_those_who_may_import(login: Any, users: dict[str, Any]) -> None:
    response = login(users["staff"]).get(reverse("imports:template", args=["co-quan"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert response.content.startswith(b"PK")
    assert (
        login(users["leader"]).get(reverse("imports:template", args=["co-quan"])).status_code == 403
    )
    assert (
        login(users["staff"]).get(reverse("imports:template", args=["khong-co"])).status_code == 404
    )


def test_it_links_the_template_from_the_registry_page(login: Any, users: dict[str, Any]) -> None:
    body = login(users["staff"]).get(reverse("orgs:list")).content.decode()
    assert reverse("imports:template", args=["co-quan"]) in body and UPLOAD in body
    body = login(users["alice"]).get(reverse("orgs:list")).content.decode()
    assert UPLOAD not in body


def test_it_previews_an_upload_then_applies_it_once(
    login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    client = login(users["staff"])
    response = post_file(client, filled([ROW]))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "imports:batch", args=[batch.pk]
    )
    body = client.get(response["Location"]).content.decode()
    assert 'data-count="create">1<' in body
    assert "Xác nhận nhập dữ liệu" in body
    assert not Organization.objects.filter(name=ROW[0]).exists()
    confirm = reverse("imports:confirm", args=[batch.pk])
    assert client.get(confirm).status_code == 405
    response = client.post(confirm, follow=True)
    assert "Đã nhập dữ liệu." in response.content.decode()
    assert Organization.objects.filter(name=ROW[0]).count() == 1
    response = client.post(confirm, follow=True)
    assert "Tệp này đã được nhập; không nhập lại lần nữa." in response.content.decode()
    assert Organization.objects.filter(name=ROW[0]).count() == 1
    # The same file again: every row unchanged, nothing to confirm.
    response = post_file(client, filled([ROW]))
    body = client.get(response["Location"]).content.decode()
    assert 'data-count="unchanged">1<' in body and "data-nothing" in body


def test_it_shows_the_errors_and_offers_no_confirm(
    login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    client = login(users["staff"])
    response = post_file(client, filled([[*ROW[:5], "32/13/2025", None]]))
    body = client.get(response["Location"]).content.decode()
    assert (
        "Trang Tổ chức, dòng 2, cột F: Ngày &quot;32/13/2025&quot; không đúng dạng ngày/tháng/năm"
        in body
    )
    assert "Xác nhận nhập dữ liệu" not in body
    batch = ImportBatch.objects.get()
    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert "Tệp còn lỗi" in response.content.decode()


def test_it_refuses_a_wrong_file_on_the_form(login: Any, users: dict[str, Any]) -> None:
    client = login(users["staff"])
    response = post_file(client, b"Ten,Loai\n", "co-quan.csv")
    assert response.status_code == 200
    assert "Loại tệp không được chấp nhận" in response.content.decode()
    response = post_file(client, b"%PDF-1.4\n", "co-quan.xlsx")
    assert "Tệp phải là bảng tính Excel (.xlsx)" in response.content.decode()
    response = client.post(UPLOAD, {})
    assert "Chọn tệp để tải lên." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_it_keeps_uploads_to_their_owner(
    login: Any, users: dict[str, Any], django_user_model: Any
) -> None:
    client = login(users["staff"])
    post_file(client, filled([ROW]))
    batch = ImportBatch.objects.get()
    other = django_user_model.objects.create_user(username="staff2", password="x", is_staff=True)
    client = login(other)
    assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 404
    assert login(users["leader"]).post(UPLOAD, {"file": upload(filled([ROW]))}).status_code == 403


def test_it_pins_the_queries_of_the_preview_page(
    login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    client = login(users["staff"])
    post_file(client, filled([ROW, ["Ban Chỉ huy Quân sự Quận 4", "", "", "", "", None, None]]))
    url = reverse("imports:batch", args=[ImportBatch.objects.get().pk])
    client.get(url)
    with assert_queries(5):
        assert client.get(url).status_code == 200
    post_file(
        client,
        filled(
            [
                [f"Tổ {i}", "", "Khác", "Đơn vị cơ sở", "Ban CHQS Quận 4", None, None]
                for i in range(300)
            ]
        ),
    )
    url = reverse("imports:batch", args=[ImportBatch.objects.latest("pk").pk])
    with assert_queries(5):
        assert client.get(url).status_code == 200


def test_it_checks_and_applies_a_large_file_in_the_background(
    login: Any,
    users: dict[str, Any],
    orgs: dict[str, Any],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from phoihop.notifications.models import Notification

    settings.IMPORT_BACKGROUND_ROWS = 1
    client = login(users["staff"])
    rows = [
        ROW,
        ["Hội Chữ thập đỏ Phường 9", "", "Hội Chữ thập đỏ", "Xã, phường, đặc khu", "", None, None],
    ]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post_file(client, filled(rows))
    batch = ImportBatch.objects.get()
    assert batch.background and batch.status == "pending"
    body = client.get(response["Location"]).content.decode()
    assert "<progress" in body and "hx-get" in body
    for callback in callbacks:
        callback()  # the worker's turn (the test backend runs the job at once)
    batch.refresh_from_db()
    assert batch.status == "checked" and batch.counts["create"] == 2
    assert Notification.objects.filter(user=users["staff"], kind="import_done").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "applied"
    assert Organization.objects.filter(name__startswith="Hội Chữ thập đỏ Phường").count() == 2
    assert Notification.objects.filter(user=users["staff"], kind="import_done").count() == 2
