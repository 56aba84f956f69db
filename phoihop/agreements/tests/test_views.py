from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.agreements.models import Agreement
from phoihop.agreements.services import PartyInput
from phoihop.attachments.models import Attachment
from phoihop.testing.builders import make_agreement
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def form_data(orgs, **overrides):
    data = {
        "kind": "program",
        "number_symbol": "05/CTr-BCHQS-BTGQU",
        "title": "Chương trình phối hợp giáo dục quốc phòng",
        "status": "in_force",
        "period_start": "2024",
        "period_end": "2026",
        "signed_on": "15/09/2024",
        "legal_bases": "Nghị quyết 03-NQ/TU ngày 23/3/2021",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-0-organization": str(orgs["district"].pk),
        "parties-0-role": "lead",
        "parties-0-signatory_name": "Lê Văn Cường",
        "parties-0-signatory_rank": "Trung tá",
        "parties-0-signatory_position": "Chính trị viên",
        "parties-1-organization": str(orgs["board"].pk),
        "parties-1-role": "cooperating",
        "areas-TOTAL_FORMS": "3",
        "areas-INITIAL_FORMS": "0",
        "areas-0-number": "1",
        "areas-0-title": "Tuyên truyền",
        "areas-0-responsible": [str(orgs["district"].pk), str(orgs["board"].pk)],
        "areas-1-number": "2",
        "areas-1-title": "Bồi dưỡng kiến thức quốc phòng",
        "areas-2-number": "3",
        "areas-2-title": "Sơ kết, tổng kết",
    }
    data.update(overrides)
    return data


def test_it_creates_an_agreement_with_parties_and_areas_in_one_form(login, users, orgs):
    client = login(users["alice"])
    response = client.post(reverse("agreements:create"), form_data(orgs))
    agreement = Agreement.objects.get(title="Chương trình phối hợp giáo dục quốc phòng")
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    assert agreement.signed_on == datetime.date(2024, 9, 15)
    assert agreement.parties.count() == 2
    assert agreement.content_areas.count() == 3
    assert set(agreement.content_areas.get(number=1).responsible.all()) == {orgs["district"], orgs["board"]}
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Bồi dưỡng kiến thức quốc phòng" in page
    assert "Lê Văn Cường" in page
    assert "ngày 15 tháng 9 năm 2024" in page


def test_it_keeps_what_was_typed_when_the_form_is_wrong(login, users, orgs):
    client = login(users["alice"])
    response = client.post(
        reverse("agreements:create"),
        form_data(orgs, number_symbol="CTr 05", period_start="2026", period_end="2024"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "không đúng mẫu" in body
    assert "Bồi dưỡng kiến thức quốc phòng" in body
    assert "Lê Văn Cường" in body
    assert not Agreement.objects.filter(title="Chương trình phối hợp giáo dục quốc phòng").exists()


def test_it_rejects_an_impossible_date_in_vietnamese(login, users, orgs):
    response = login(users["alice"]).post(reverse("agreements:create"), form_data(orgs, signed_on="31/02/2024"))
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()


def test_it_refuses_the_create_page_to_viewers(login, users):
    assert login(users["bob"]).get(reverse("agreements:create")).status_code == 403


def test_it_edits_parties_and_areas(login, users, orgs, agreement):
    client = login(users["leader"])
    page = client.get(reverse("agreements:edit", args=[agreement.pk]))
    assert page.status_code == 200
    assert "Định hướng tư tưởng" in page.content.decode()
    data = form_data(orgs, title="Tên đã sửa", version=str(agreement.version), **{"areas-TOTAL_FORMS": "1"})
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Tên đã sửa"
    assert list(agreement.content_areas.values_list("title", flat=True)) == ["Tuyên truyền"]
    history = client.get(agreement.get_absolute_url()).content.decode()
    assert "Tên đã sửa" in history and "Lịch sử thay đổi" in history


def test_it_archives_and_restores_by_post_only(login, users, agreement):
    client = login(users["alice"])
    url = reverse("agreements:archive", args=[agreement.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    agreement.refresh_from_db()
    assert agreement.is_archived
    listing = client.get(reverse("agreements:list")).content.decode()
    assert agreement.title not in listing
    assert agreement.title in client.get(reverse("agreements:list"), {"archived": "1"}).content.decode()
    client.post(url, {"restore": "1"})
    agreement.refresh_from_db()
    assert not agreement.is_archived


def test_it_filters_the_list(login, users, orgs, agreement):
    client = login(users["alice"])
    make_agreement(
        actor=users["alice"], parties=[orgs["district"], orgs["city"]],
        kind="regulation", title="Quy chế phối hợp nội chính", status="draft", period_start=2019, period_end=2020,
    )
    url = reverse("agreements:list")
    assert "Quy chế phối hợp nội chính" not in client.get(url, {"status": "in_force"}).content.decode()
    assert agreement.title not in client.get(url, {"kind": "regulation"}).content.decode()
    assert agreement.title in client.get(url, {"year": "2023"}).content.decode()
    assert "Quy chế phối hợp nội chính" not in client.get(url, {"year": "2023"}).content.decode()
    assert "Quy chế phối hợp nội chính" not in client.get(url, {"party": orgs["board"].pk}).content.decode()
    assert agreement.title in client.get(url, {"q": "TUYEN GIAO quoc phong"}).content.decode()
    by_period = client.get(url, {"period": "2019-2020"}).content.decode()
    assert "Quy chế phối hợp nội chính" in by_period and agreement.title not in by_period
    assert agreement.title in client.get(url, {"period": "nonsense"}).content.decode()
    empty = client.get(url, {"q": "không có gì như thế này"}).content.decode()
    assert "Không có văn bản nào khớp" in empty


def test_it_renders_only_the_results_for_htmx(login, users, agreement):
    response = login(users["alice"]).get(reverse("agreements:list"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert agreement.title in body and "<html" not in body


def test_it_sorts_titles_in_vietnamese_order(login, users, orgs):
    for title in ("Đảng ủy phối hợp", "Đà Nẵng phối hợp", "Dân vận phối hợp", "Ăn ở phối hợp", "An ninh phối hợp"):
        make_agreement(actor=users["alice"], parties=[orgs["district"], orgs["board"]], kind="plan", title=title, status="draft")
    body = login(users["alice"]).get(reverse("agreements:list"), {"sort": "title"}).content.decode()
    positions = [body.index(t) for t in ("An ninh", "Ăn ở", "Dân vận", "Đà Nẵng", "Đảng ủy")]
    assert positions == sorted(positions)


def make_agreements(users, orgs, n, start=0):
    for i in range(start, start + n):
        make_agreement(
            actor=users["alice"], title=f"Chương trình số {i}", period_start=2022, period_end=2025,
            parties=[PartyInput(organization=orgs["district"], role="lead", signatory_name=f"Người ký {i}"), orgs["board"]],
        )


@pytest.mark.parametrize(("url_name", "pinned"), [("agreements:list", 9), ("core:home", 17)])
def test_it_keeps_the_query_count_flat_as_rows_grow(login, users, orgs, url_name, pinned):
    client = login(users["alice"])
    make_agreements(users, orgs, 3)
    client.get(reverse(url_name))
    with assert_queries(pinned):
        assert client.get(reverse(url_name)).status_code == 200
    make_agreements(users, orgs, 12, start=3)
    with assert_queries(pinned):
        assert client.get(reverse(url_name)).status_code == 200


def test_it_keeps_the_detail_query_count_flat(login, users, orgs, agreement):
    from phoihop.agreements.services import ContentAreaInput, agreement_update

    client = login(users["alice"])
    client.get(agreement.get_absolute_url())  # the first request of a session writes the session
    with assert_queries(DETAIL_QUERIES):
        client.get(agreement.get_absolute_url())
    areas = [ContentAreaInput(number=i, title=f"Nội dung {i}", responsible=[orgs["board"]]) for i in range(1, 15)]
    agreement_update(
        actor=users["alice"], agreement=agreement,
        fields={"kind": "program", "title": agreement.title, "status": "in_force", "period_start": 2022, "period_end": 2025},
        parties=[PartyInput(organization=orgs["district"], role="lead"), PartyInput(organization=orgs["board"], role="cooperating")],
        content_areas=areas,
    )
    with assert_queries(DETAIL_QUERIES):
        client.get(agreement.get_absolute_url())


# The plans', events' and reviews' panels are loaded from their own URLs (pinned there).
DETAIL_QUERIES = 23


def test_it_attaches_a_pdf_and_serves_it_only_to_those_who_see_the_agreement(login, users, agreement, client):
    alice = login(users["alice"])
    pdf = SimpleUploadedFile("ban ky.pdf", b"%PDF-1.4\nnoi dung\n", content_type="application/pdf")
    alice.post(reverse("agreements:attachment_upload", args=[agreement.pk]), {"file": pdf, "kind": "signed_scan"})
    attachment = Attachment.objects.get()
    assert attachment.mime_type == "application/pdf" and attachment.original_name == "ban ky.pdf"
    assert "attachments/" in attachment.file.name and "ban" not in attachment.file.name
    response = alice.get(reverse("core:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(users["charlie"])
    assert client.get(reverse("core:attachment_download", args=[attachment.pk])).status_code == 404


def test_it_shows_photos_as_thumbnails_and_files_with_their_date_in_the_shared_card(
    login, users, agreement
):
    import io

    from django.utils.timezone import localtime
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    alice = login(users["alice"])
    upload = reverse("agreements:attachment_upload", args=[agreement.pk])
    alice.post(
        upload, {"file": SimpleUploadedFile("le ky.png", buffer.getvalue()), "kind": "photo"}
    )
    alice.post(
        upload, {"file": SimpleUploadedFile("ban ky.pdf", b"%PDF-1.4\n"), "kind": "signed_scan"}
    )
    photo, scan = Attachment.objects.order_by("pk")
    body = alice.get(agreement.get_absolute_url()).content.decode()
    assert (
        f'<img class="thumb" src="{reverse("core:attachment_thumbnail", args=[photo.pk])}"' in body
    )
    assert f'href="{reverse("core:attachment_download", args=[scan.pk])}">ban ky.pdf</a>' in body
    assert f"· {localtime(scan.uploaded_at):%d/%m/%Y}" in body
    assert body.count('data-confirm="Gỡ') == 2 and 'action="' + upload + '"' in body
    viewer = login(users["bob"]).get(agreement.get_absolute_url()).content.decode()
    assert "ban ky.pdf" in viewer and 'data-confirm="Gỡ' not in viewer and upload not in viewer


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00binary", "Loại tệp không được chấp nhận"),
        ("gia.pdf", b"<html>not a pdf</html>", "Loại tệp không được chấp nhận"),
    ],
)
def test_it_refuses_files_by_content(login, users, agreement, name, content, message):
    client = login(users["alice"])
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("agreements:attachment_upload", args=[agreement.pk]), {"file": upload, "kind": "document"}, follow=True)
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
