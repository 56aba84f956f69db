"""The activity list with its filters, and photos and documents on activities."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from phoihop.activities.models import Activity
from phoihop.attachments.models import Attachment
from phoihop.plans.tests.helpers import approve, indicator, record
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [a.title for a in response.context["page"].object_list]


def jpeg(width: int = 1600, height: int = 1200) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile("hoi-thi.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def activities(users, orgs, task):
    """Four activities of the 2024 plan: two of the district (one approved in March, one draft in
    May), one of the board (submitted, June) and one joint (approved, March)."""
    alice, coop, leader = users["alice"], users["coop_officer"], users["leader"]
    march = record(alice, task, [orgs["district"]], day=datetime.date(2024, 3, 5), title="Hội thi tìm hiểu Luật")
    approve(alice, leader, march)
    record(alice, task, [orgs["district"]], day=datetime.date(2024, 5, 2), title="Tọa đàm ngày truyền thống")
    june = record(coop, task, [orgs["board"]], day=datetime.date(2024, 6, 9), title="Tuyên truyền trên loa phường")
    from phoihop.activities.services import activity_submit

    activity_submit(actor=coop, activity=june)
    joint = record(alice, task, [orgs["district"], orgs["board"]], day=datetime.date(2024, 3, 20), title="Giao lưu văn nghệ")
    approve(alice, leader, joint)
    return task


def test_it_lists_what_the_user_may_see_newest_first(login, users, activities):
    response = login(users["alice"]).get(reverse("activities:list"))
    assert response.status_code == 200
    # The board's submission is seen by the lead party; the board's drafts would not be.
    assert titles(response) == [
        "Tuyên truyền trên loa phường", "Tọa đàm ngày truyền thống", "Giao lưu văn nghệ", "Hội thi tìm hiểu Luật",
    ]
    # The co-operating party does not see the district's draft.
    assert "Tọa đàm ngày truyền thống" not in titles(login(users["coop_officer"]).get(reverse("activities:list")))
    assert titles(login(users["charlie"]).get(reverse("activities:list"))) == []


def test_it_filters_by_party_area_period_and_status(login, users, orgs, activities):
    client = login(users["alice"])
    url = reverse("activities:list")
    assert titles(client.get(url, {"party": orgs["board"].pk})) == ["Tuyên truyền trên loa phường", "Giao lưu văn nghệ"]
    assert titles(client.get(url, {"status": "approved"})) == ["Giao lưu văn nghệ", "Hội thi tìm hiểu Luật"]
    assert titles(client.get(url, {"year": 2024, "month": 3})) == ["Giao lưu văn nghệ", "Hội thi tìm hiểu Luật"]
    assert titles(client.get(url, {"year": 2023})) == []
    area = activities.content_area
    other_area = activities.plan.agreement.content_areas.exclude(pk=area.pk).first()
    assert len(titles(client.get(url, {"area": area.pk}))) == 4
    assert titles(client.get(url, {"area": other_area.pk})) == []
    # A content area alone selects its agreement, so the area filter is offered with it.
    response = client.get(url, {"area": area.pk})
    assert response.context["filters"]["agreement"] == activities.plan.agreement_id
    assert titles(client.get(url, {"q": "LUẬT"})) == ["Hội thi tìm hiểu Luật"]


def test_it_ignores_filters_that_make_no_sense(login, users, activities):
    response = login(users["alice"]).get(reverse("activities:list"), {"year": "abc", "month": "13", "status": "x", "party": "1e9"})
    assert response.status_code == 200 and len(titles(response)) == 4


def test_it_says_what_to_do_when_nothing_is_recorded_or_matches(login, users, task):
    client = login(users["alice"])
    body = client.get(reverse("activities:list")).content.decode()
    assert "Chưa có hoạt động nào được ghi nhận" in body
    body = client.get(reverse("activities:list"), {"status": "approved"}).content.decode()
    assert "Không có hoạt động nào khớp với điều kiện lọc." in body and "Bỏ lọc" in body


def test_it_answers_htmx_with_the_results_only(login, users, activities):
    response = login(users["alice"]).get(reverse("activities:list"), {"status": "approved"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Giao lưu văn nghệ" in body and "Tọa đàm" not in body


def test_the_list_query_count_does_not_grow_with_rows(login, users, orgs, task):
    client = login(users["alice"])
    ind = indicator(users["alice"], task, "Lượt người", "1.000", unit="person_time")

    def add(n: int) -> None:
        for i in range(n):
            record(users["alice"], task, [orgs["district"], orgs["board"]], day=datetime.date(2024, 4, 1 + i), values={ind: "10"})

    add(2)
    with assert_queries(9):
        assert client.get(reverse("activities:list")).status_code == 200
    add(12)
    with assert_queries(9):
        assert client.get(reverse("activities:list")).status_code == 200


def test_an_officer_adds_a_photo_shown_as_a_thumbnail(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    client = login(users["alice"])
    response = client.post(
        reverse("activities:attachment_upload", args=[activity.pk]),
        {"file": jpeg(), "kind": "photo", "description": "Quang cảnh hội thi"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("activities:detail", args=[activity.pk])
    photo = Attachment.objects.get()
    body = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert reverse("core:attachment_thumbnail", args=[photo.pk]) in body and "Quang cảnh hội thi" in body
    thumb = client.get(reverse("core:attachment_thumbnail", args=[photo.pk]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(thumb.content))
    assert max(image.size) == 360 and image.size == (360, 270)
    # Someone who may not see the activity gets nothing, thumbnail or photo.
    outsider = login(users["charlie"])
    assert outsider.get(reverse("core:attachment_thumbnail", args=[photo.pk])).status_code == 404
    assert outsider.get(reverse("core:attachment_download", args=[photo.pk])).status_code == 404


def test_a_document_has_no_thumbnail(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    client = login(users["alice"])
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf")
    client.post(reverse("activities:attachment_upload", args=[activity.pk]), {"file": pdf, "kind": "minutes"})
    document = Attachment.objects.get()
    assert client.get(reverse("core:attachment_thumbnail", args=[document.pk])).status_code == 404
    assert "bien-ban.pdf" in client.get(reverse("activities:detail", args=[activity.pk])).content.decode()


def test_files_are_refused_by_content_and_nothing_saved_is_lost(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    client = login(users["alice"])
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not a photo", content_type="image/jpeg")
    response = client.post(reverse("activities:attachment_upload", args=[activity.pk]), {"file": fake, "kind": "photo"}, follow=True)
    assert "PDF, Word" in response.content.decode()
    assert not Attachment.objects.exists()
    assert Activity.objects.get(pk=activity.pk).title == activity.title


def test_an_approved_activity_is_locked_files_included(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    client = login(users["alice"])
    client.post(reverse("activities:attachment_upload", args=[activity.pk]), {"file": jpeg(40, 30), "kind": "photo"})
    photo = Attachment.objects.get()
    approve(users["alice"], users["leader"], activity)
    response = client.post(reverse("activities:attachment_upload", args=[activity.pk]), {"file": jpeg(40, 30), "kind": "photo"}, follow=True)
    assert "không thêm tệp được" in response.content.decode()
    assert Attachment.objects.count() == 1
    assert client.post(reverse("core:attachment_archive", args=[photo.pk])).status_code == 403
    assert Attachment.objects.active().count() == 1


def test_another_partys_officer_cannot_add_files(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    response = login(users["coop_officer"]).post(reverse("activities:attachment_upload", args=[activity.pk]), {"file": jpeg(40, 30), "kind": "photo"})
    assert response.status_code == 404  # a draft of another party is not even visible
    assert not Attachment.objects.exists()


def test_photos_sent_with_the_form_are_kept_and_a_bad_one_is_named(login, users, orgs, task):
    from phoihop.activities.tests.test_views import form_data

    client = login(users["alice"])
    bad = SimpleUploadedFile("loi.png", b"not a png at all", content_type="image/png")
    data = form_data(orgs) | {"photos": [jpeg(800, 600), bad]}
    response = client.post(reverse("activities:create") + f"?task={task.pk}", data, follow=True)
    activity = Activity.objects.get()
    body = response.content.decode()
    assert "Hoạt động đã được lưu, nhưng ảnh “loi.png” không nhận được" in body
    assert [a.original_name for a in Attachment.objects.all()] == ["hoi-thi.jpg"]
    assert Attachment.objects.get().owner == activity and activity.title == "Hội thi tìm hiểu Luật Nghĩa vụ quân sự"


def test_the_place_is_a_commune_from_the_registry_with_the_hall_as_text(login, users, orgs, task):
    from phoihop.activities.tests.test_views import form_data
    from phoihop.orgs.localities import commune_name, communes_of

    code, name = communes_of(79)[0]
    client = login(users["alice"])
    # The form opens on the province of the officer's organisation, with its communes.
    body = client.get(reverse("activities:create") + f"?task={task.pk}").content.decode()
    assert f'<option value="{code}">{name}</option>' in body
    client.post(reverse("activities:create") + f"?task={task.pk}", form_data(orgs, province_code="79", commune_code=str(code)))
    activity = Activity.objects.get()
    assert activity.commune_code == code and commune_name(code) == name
    assert activity.place.startswith("Hội trường Phường 1, " + name + ", ")
    page = client.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert f'<option value="{code}" selected>{name}</option>' in page
    # A code that is not in the registry is refused with a clear message and nothing is changed.
    response = client.post(reverse("activities:edit", args=[activity.pk]), form_data(orgs, commune_code="999999", title="Đổi tên", version="1"))
    assert "Không tìm thấy xã, phường được chọn." in response.content.decode()
    assert Activity.objects.get().title == "Hội thi tìm hiểu Luật Nghĩa vụ quân sự"


def test_a_file_that_only_starts_like_a_photo_is_refused(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    fake = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    response = login(users["alice"]).post(reverse("activities:attachment_upload", args=[activity.pk]), {"file": fake, "kind": "photo"}, follow=True)
    assert "Ảnh bị hỏng hoặc không đọc được" in response.content.decode()
    assert not Attachment.objects.exists()
