from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.attachments.models import Attachment
from phoihop.events.models import Event
from phoihop.events.services import AttendeeInput, event_create
from phoihop.orgs.models import PersonTitle
from phoihop.testing.queries import assert_queries


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def make_event(orgs: dict[str, Any], users: dict[str, Any], **extra: Any) -> Event:
    agreements = extra.pop("agreements", [])
    attendees = extra.pop("attendees", [])
    return event_create(
        actor=extra.pop("actor", users["alice"]),
        fields={
            "kind": Event.Kind.SIGNING,
            "title": "Hội nghị ký kết chương trình phối hợp",
            "date": datetime.date(2022, 9, 15),
            "time_of_day": "Sáng",
            "place": "Hội trường Quận ủy Quận 4",
            "host": orgs["district"],
            **extra,
        },
        organizations=[orgs["district"], orgs["board"]],
        agreements=agreements,
        attendees=attendees,
    )


@pytest.fixture
def conference(orgs: dict[str, Any], users: dict[str, Any], agreement: Any) -> Event:
    return make_event(
        orgs,
        users,
        agreements=[agreement],
        summary="Ba đơn vị ký kết chương trình phối hợp.",
        attendees=[
            AttendeeInput(
                full_name="Nguyễn Tuấn Bảo",
                rank="Đại tá",
                position="Phó Chính ủy Bộ Tư lệnh Thành phố",
                organization=orgs["city"],
            )
        ],
    )


def post_data(
    orgs: dict[str, Any], rows: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "signing",
        "title": "Hội nghị ký kết quy chế phối hợp",
        "date": "15/09/2023",
        "time_of_day": "Chiều",
        "place": "Hội trường Bộ Tư lệnh",
        "host": orgs["district"].pk,
        "organizations": [orgs["district"].pk, orgs["board"].pk],
        "summary": "",
        "minutes": "",
        "source": "",
        **extra,
    }
    rows = rows or []
    data.update(
        {
            "attendees-TOTAL_FORMS": len(rows),
            "attendees-INITIAL_FORMS": 0,
            "attendees-MIN_NUM_FORMS": 0,
            "attendees-MAX_NUM_FORMS": 1000,
        }
    )
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"attendees-{i}-{key}"] = value
    return {k: v for k, v in data.items() if v is not None}


# --- list ---------------------------------------------------------------------------------------


def test_it_lists_the_events_a_user_sees(
    conference: Event, login: Any, users: dict[str, Any]
) -> None:
    response = login(users["coop_officer"]).get(reverse("events:list"))
    assert response.status_code == 200
    assert "Hội nghị ký kết chương trình phối hợp" in response.content.decode()
    assert "15/09/2022" in response.content.decode()


def test_it_hides_other_organisations_events_from_the_list(
    conference: Event, login: Any, users: dict[str, Any]
) -> None:
    response = login(users["charlie"]).get(reverse("events:list"))
    body = response.content.decode()
    assert "Hội nghị ký kết chương trình phối hợp" not in body
    assert "Chưa có hội nghị, sự kiện nào" in body
    assert reverse("events:create") in body  # charlie is an officer: invited to record one


def test_it_offers_no_create_button_to_viewers(
    conference: Event, login: Any, users: dict[str, Any]
) -> None:
    body = login(users["bob"]).get(reverse("events:list")).content.decode()
    assert "Thêm hội nghị" not in body
    body = login(users["alice"]).get(reverse("events:list")).content.decode()
    assert "Thêm hội nghị" in body


def test_it_filters_the_list(
    conference: Event, orgs: dict[str, Any], users: dict[str, Any], login: Any
) -> None:
    make_event(
        orgs,
        users,
        kind=Event.Kind.INTERIM_REVIEW,
        title="Sơ kết chương trình năm 2023",
        date=datetime.date(2024, 1, 6),
    )
    client = login(users["alice"])
    url = reverse("events:list")
    signing = client.get(url, {"kind": "signing"}).content.decode()
    assert (
        "Sơ kết chương trình" not in signing and "Hội nghị ký kết chương trình phối hợp<" in signing
    )
    assert "Sơ kết chương trình" in client.get(url, {"year": 2024}).content.decode()
    assert (
        "Hội nghị ký kết chương trình phối hợp<"
        not in client.get(url, {"year": 2024}).content.decode()
    )
    assert "Sơ kết chương trình" in client.get(url, {"q": "so ket"}).content.decode()
    assert (
        "Không có hội nghị, sự kiện nào khớp"
        in client.get(url, {"host": orgs["board"].pk}).content.decode()
    )
    partial = client.get(url, {"q": "so ket"}, headers={"HX-Request": "true"}).content.decode()
    assert "Sơ kết chương trình" in partial and "<nav" not in partial


def test_it_lists_newest_first_and_pages(
    orgs: dict[str, Any], users: dict[str, Any], login: Any
) -> None:
    for day in range(1, 28):
        make_event(
            orgs,
            users,
            title=f"Hoạt động ngày {day:02d}",
            date=datetime.date(2023, 5, day),
            kind="joint_activity",
        )
    client = login(users["alice"])
    first = client.get(reverse("events:list"), {"kind": "joint_activity"}).content.decode()
    assert first.index("Hoạt động ngày 27") < first.index("Hoạt động ngày 26")
    assert "Hoạt động ngày 02" not in first
    assert "kind=joint_activity" in first and "page=2" in first  # filters kept in the pager
    second = client.get(
        reverse("events:list"), {"kind": "joint_activity", "page": 2}
    ).content.decode()
    assert "Hoạt động ngày 02" in second and "Hoạt động ngày 01" in second


def test_it_lists_with_a_fixed_number_of_queries(
    orgs: dict[str, Any], users: dict[str, Any], agreement: Any, login: Any
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            make_event(
                orgs,
                users,
                title=f"Hội nghị {i}",
                agreements=[agreement],
                attendees=[
                    AttendeeInput(
                        full_name=f"Cán bộ {i}", position="Trợ lý", organization=orgs["district"]
                    )
                ],
            )

    client = login(users["alice"])
    add(2)
    with assert_queries(7):
        assert client.get(reverse("events:list")).status_code == 200
    add(8)
    with assert_queries(7):
        body = client.get(reverse("events:list")).content.decode()
    assert body.count("Hội nghị ") >= 10


# --- detail -------------------------------------------------------------------------------------


def test_it_shows_a_conference(
    conference: Event, agreement: Any, login: Any, users: dict[str, Any]
) -> None:
    response = login(users["alice"]).get(reverse("events:detail", args=[conference.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hội nghị ký kết" in body and "ngày 15 tháng 9 năm 2022" in body and "Sáng" in body
    assert "Ban Chỉ huy Quân sự Quận 4" in body and "Ban Tuyên giáo Quận ủy Quận 4" in body
    for cell in ("Nguyễn Tuấn Bảo", "Đại tá", "Phó Chính ủy Bộ Tư lệnh Thành phố"):
        assert cell in body
    assert reverse("agreements:detail", args=[agreement.pk]) in body
    assert "Ba đơn vị ký kết chương trình phối hợp." in body
    assert "Lịch sử thay đổi" in body and "Tạo mới" in body
    assert reverse("events:edit", args=[conference.pk]) in body


@pytest.mark.parametrize("who", ["coop_officer", "superior", "bob", "staff"])
def test_it_shows_a_conference_to_its_readers(
    conference: Event, login: Any, users: dict[str, Any], who: str
) -> None:
    response = login(users[who]).get(reverse("events:detail", args=[conference.pk]))
    assert response.status_code == 200
    assert "Nguyễn Tuấn Bảo" in response.content.decode()
    assert (
        reverse("events:edit", args=[conference.pk]) not in response.content.decode()
        or who == "staff"
    )


def test_it_hides_a_conference_from_outsiders(
    conference: Event, login: Any, users: dict[str, Any]
) -> None:
    client = login(users["charlie"])
    assert client.get(reverse("events:detail", args=[conference.pk])).status_code == 404
    assert client.get(reverse("events:detail", args=[999999])).status_code == 404


# --- create and edit ----------------------------------------------------------------------------


def test_it_shows_an_empty_form(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    response = login(users["alice"]).get(reverse("events:create"))
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        'data-formset="attendees"' in body and "data-empty-form" in body and "data-add-row" in body
    )
    assert "attendees-__prefix__-full_name" in body
    # alice writes for one organisation only: it is chosen as host already.
    assert f'<option value="{orgs["district"].pk}" selected>' in body
    assert (
        f'<option value="{orgs["board"].pk}">'
        not in body.split('name="host"')[1].split("</select>")[0]
    )


def test_it_creates_an_event(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    data = post_data(
        orgs,
        rows=[
            {
                "full_name": "Nguyễn Tuấn Bảo",
                "rank": "Đại tá",
                "position": "Phó Chính ủy Bộ Tư lệnh Thành phố",
                "organization": orgs["city"].pk,
            },
            {
                "full_name": "Nguyễn Quốc Thái",
                "rank": "",
                "position": "Bí thư Quận ủy Quận 4",
                "organization": "",
            },
            {
                "full_name": "",
                "rank": "",
                "position": "",
                "organization": "",
            },  # a blank row is ignored
        ],
        agreements=[agreement.pk],
    )
    response = login(users["alice"]).post(reverse("events:create"), data)
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == reverse("events:detail", args=[event.pk])
    assert event.date == datetime.date(2023, 9, 15)
    assert event.host == orgs["district"] and event.created_by == users["alice"]
    assert list(event.agreements.all()) == [agreement]
    assert [a.full_name for a in event.attendees.all()] == ["Nguyễn Tuấn Bảo", "Nguyễn Quốc Thái"]
    person = event.attendees.get(full_name="Nguyễn Tuấn Bảo").person
    title = PersonTitle.objects.get(person=person)
    assert (title.rank, title.position, title.valid_from) == (
        "Đại tá",
        "Phó Chính ủy Bộ Tư lệnh Thành phố",
        event.date,
    )


def test_it_refuses_the_create_form_to_viewers(
    login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    client = login(users["bob"])
    assert client.get(reverse("events:create")).status_code == 403
    assert client.post(reverse("events:create"), post_data(orgs)).status_code == 403
    assert not Event.objects.exists()


def test_it_keeps_everything_typed_when_input_is_wrong(
    login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    data = post_data(
        orgs,
        title="",
        date="31/02/2023",
        place="Nhà văn hóa Quận 4",
        rows=[
            {
                "full_name": "Nguyễn Tuấn Bảo",
                "rank": "Đại tá",
                "position": "Phó Chính ủy",
                "organization": orgs["city"].pk,
            },
            {
                "full_name": "Lê Thị Hoa",
                "rank": "",
                "position": "Chủ tịch Hội Phụ nữ",
                "organization": "",
            },
        ],
    )
    response = login(users["alice"]).post(reverse("events:create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert not Event.objects.exists()
    assert "Cần nhập tên hội nghị, sự kiện." in body
    assert "Ngày không hợp lệ" in body
    assert 'value="31/02/2023"' in body and 'value="Nhà văn hóa Quận 4"' in body
    assert (
        'value="Nguyễn Tuấn Bảo"' in body
        and 'value="Đại tá"' in body
        and 'value="Lê Thị Hoa"' in body
    )
    assert 'name="attendees-TOTAL_FORMS" value="2"' in body
    assert f'<option value="{orgs["city"].pk}" selected>' in body


def test_it_refuses_an_absurd_year(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    response = login(users["alice"]).post(
        reverse("events:create"), post_data(orgs, date="15/09/1820")
    )
    assert response.status_code == 200
    assert "Năm tổ chức phải trong khoảng 1945–2100." in response.content.decode()
    assert not Event.objects.exists()


def test_it_asks_for_the_name_of_an_attendee_row(
    login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    data = post_data(
        orgs, rows=[{"full_name": "", "rank": "Đại tá", "position": "Chính ủy", "organization": ""}]
    )
    response = login(users["alice"]).post(reverse("events:create"), data)
    assert "Cần nhập họ tên người dự." in response.content.decode()
    assert not Event.objects.exists()


def test_it_refuses_to_link_an_agreement_the_user_cannot_see(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    client = login(users["charlie"])
    form = client.get(reverse("events:create")).content.decode()
    assert agreement.title not in form
    response = client.post(
        reverse("events:create"),
        post_data(orgs, host=orgs["unrelated"].pk, agreements=[agreement.pk]),
    )
    assert response.status_code == 200
    assert "không có quyền xem" in response.content.decode()
    assert not Event.objects.exists()


def test_it_refuses_a_host_the_user_does_not_write_for(
    login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    response = login(users["alice"]).post(
        reverse("events:create"), post_data(orgs, host=orgs["board"].pk)
    )
    assert response.status_code == 200
    assert "Đơn vị chủ trì không hợp lệ." in response.content.decode()
    assert not Event.objects.exists()


def test_it_edits_an_event(
    conference: Event, login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    client = login(users["alice"])
    form = client.get(reverse("events:edit", args=[conference.pk])).content.decode()
    assert 'value="Nguyễn Tuấn Bảo"' in form and 'name="attendees-INITIAL_FORMS" value="1"' in form
    existing = conference.attendees.get()
    data = post_data(
        orgs,
        title="Hội nghị ký kết (đã sửa)",
        date="15/09/2022",
        agreements=[agreement.pk],
        rows=[
            {
                "id": existing.pk,
                "full_name": "Nguyễn Tuấn Bảo",
                "rank": "Đại tá",
                "position": "Phó Chính ủy Bộ Tư lệnh Thành phố",
                "organization": orgs["city"].pk,
            },
            {
                "full_name": "Trần Thị Bình",
                "rank": "",
                "position": "Trưởng ban",
                "organization": orgs["board"].pk,
            },
        ],
    )
    data["attendees-INITIAL_FORMS"] = 1
    data["version"] = conference.version
    response = client.post(reverse("events:edit", args=[conference.pk]), data)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.title == "Hội nghị ký kết (đã sửa)"
    assert [a.full_name for a in conference.attendees.all()] == ["Nguyễn Tuấn Bảo", "Trần Thị Bình"]
    first = conference.attendees.first()
    assert first is not None and first.pk == existing.pk
    history = client.get(reverse("events:detail", args=[conference.pk])).content.decode()
    assert "Hội nghị ký kết (đã sửa)" in history and "Sửa" in history


def test_it_removes_an_attendee_row_marked_for_removal(
    conference: Event, login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    existing = conference.attendees.get()
    data = post_data(
        orgs,
        title=conference.title,
        date="15/09/2022",
        rows=[
            {
                "id": existing.pk,
                "full_name": existing.full_name,
                "rank": existing.rank,
                "position": existing.position,
                "organization": orgs["city"].pk,
                "DELETE": "on",
            }
        ],
    )
    data["attendees-INITIAL_FORMS"] = 1
    data["version"] = conference.version
    assert (
        login(users["alice"]).post(reverse("events:edit", args=[conference.pk]), data).status_code
        == 302
    )
    assert not conference.attendees.exists()


def test_it_refuses_the_edit_form_to_a_viewer(
    conference: Event, login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    client = login(users["bob"])
    assert client.get(reverse("events:edit", args=[conference.pk])).status_code == 403
    assert (
        client.post(
            reverse("events:edit", args=[conference.pk]), post_data(orgs, title="X")
        ).status_code
        == 403
    )
    conference.refresh_from_db()
    assert conference.title == "Hội nghị ký kết chương trình phối hợp"


def test_it_hides_the_edit_form_from_outsiders(
    conference: Event, login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    client = login(users["charlie"])
    assert client.get(reverse("events:edit", args=[conference.pk])).status_code == 404
    assert (
        client.post(
            reverse("events:edit", args=[conference.pk]), post_data(orgs, title="X")
        ).status_code
        == 404
    )


# --- archive and files --------------------------------------------------------------------------


def test_it_archives_and_restores(conference: Event, login: Any, users: dict[str, Any]) -> None:
    client = login(users["alice"])
    url = reverse("events:archive", args=[conference.pk])
    assert client.post(url).status_code == 302
    conference.refresh_from_db()
    assert conference.is_archived
    assert (
        "Hội nghị ký kết chương trình phối hợp"
        not in client.get(reverse("events:list")).content.decode()
    )
    assert (
        "Hội nghị ký kết chương trình phối hợp"
        in client.get(reverse("events:list"), {"archived": 1}).content.decode()
    )
    assert (
        "đã được lưu trữ"
        in client.get(reverse("events:detail", args=[conference.pk])).content.decode()
    )
    assert client.post(url, {"restore": "1"}).status_code == 302
    conference.refresh_from_db()
    assert not conference.is_archived


def test_it_refuses_get_on_post_only_views(
    conference: Event, login: Any, users: dict[str, Any]
) -> None:
    client = login(users["alice"])
    assert client.get(reverse("events:archive", args=[conference.pk])).status_code == 405
    assert client.get(reverse("events:attachment_upload", args=[conference.pk])).status_code == 405
    conference.refresh_from_db()
    assert not conference.is_archived


def test_it_refuses_archiving_to_a_viewer_and_hides_it_from_outsiders(
    conference: Event, login: Any, users: dict[str, Any]
) -> None:
    url = reverse("events:archive", args=[conference.pk])
    assert login(users["bob"]).post(url).status_code == 403
    assert login(users["charlie"]).post(url).status_code == 404
    conference.refresh_from_db()
    assert not conference.is_archived


def test_it_attaches_a_photo_shown_as_a_thumbnail(
    conference: Event, login: Any, users: dict[str, Any]
) -> None:
    client = login(users["alice"])
    photo = SimpleUploadedFile("le-ky.png", PNG, content_type="image/png")
    response = client.post(
        reverse("events:attachment_upload", args=[conference.pk]),
        {"file": photo, "kind": "photo", "description": "Quang cảnh lễ ký"},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.owner == conference and attachment.kind == "photo"
    body = client.get(reverse("events:detail", args=[conference.pk])).content.decode()
    assert (
        f'<img class="thumb" src="{reverse("core:attachment_thumbnail", args=[attachment.pk])}"'
        in body
    )
    thumbnail = client.get(reverse("core:attachment_thumbnail", args=[attachment.pk]))
    assert thumbnail.status_code == 200 and thumbnail.content[:3] == b"\xff\xd8\xff"
    minutes = SimpleUploadedFile(
        "bien-ban.pdf", b"%PDF-1.4\n% test\n", content_type="application/pdf"
    )
    client.post(
        reverse("events:attachment_upload", args=[conference.pk]),
        {"file": minutes, "kind": "minutes"},
    )
    body = client.get(reverse("events:detail", args=[conference.pk])).content.decode()
    assert "bien-ban.pdf" in body


def test_it_refuses_uploads_from_a_viewer_and_an_outsider(
    conference: Event, login: Any, users: dict[str, Any]
) -> None:
    url = reverse("events:attachment_upload", args=[conference.pk])
    for who, status in (("bob", 403), ("charlie", 404)):
        photo = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
        assert login(users[who]).post(url, {"file": photo, "kind": "photo"}).status_code == status
    assert not Attachment.objects.exists()


# --- events on the agreement page ---------------------------------------------------------------


@pytest.mark.django_db
def test_it_lists_the_agreements_events_in_its_panel(
    conference: Event, agreement: Any, login: Any, users: dict[str, Any]
) -> None:
    panel = reverse("events:agreement_panel", args=[agreement.pk])
    client = login(users["coop_officer"])
    page = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    # The page loads the panel on load, and links to it for a browser without JavaScript.
    assert f'hx-get="{panel}" hx-trigger="load"' in page and f'<a href="{panel}">' in page
    body = client.get(panel, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "Hội nghị, sự kiện" in body
    assert reverse("events:detail", args=[conference.pk]) in body and conference.title in body
    page = client.get(panel).content.decode()
    assert "<html" in page and conference.title in page and f'href="{agreement.get_absolute_url()}"' in page
    assert login(users["charlie"]).get(panel, HTTP_HX_REQUEST="true").status_code == 404


@pytest.mark.django_db
def test_it_keeps_the_events_panel_query_count_flat(
    conference: Event, agreement: Any, orgs: dict[str, Any], login: Any, users: dict[str, Any]
) -> None:
    client = login(users["alice"])
    panel = reverse("events:agreement_panel", args=[agreement.pk])
    client.get(panel, HTTP_HX_REQUEST="true")
    with assert_queries(PANEL_QUERIES):
        client.get(panel, HTTP_HX_REQUEST="true")
    for i in range(4):
        make_event(orgs, users, agreements=[agreement], title=f"Hội nghị giao ban số {i}")
    with assert_queries(PANEL_QUERIES):
        assert "Hội nghị giao ban số 3" in client.get(panel, HTTP_HX_REQUEST="true").content.decode()


# Three for any signed-in request, then the agreement with its parties and their organisations, and
# the events with their hosts.
PANEL_QUERIES = 7
