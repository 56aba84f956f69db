"""Files of activities through the API: uploaded as on the activity page (the same form, checks
and refusals), listed, and downloaded by whoever reaches the record they belong to."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from phoihop.activities.models import Activity
from phoihop.attachments.models import Attachment
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 30)).save(buffer, "PNG")
    return SimpleUploadedFile("hoi-nghi.png", buffer.getvalue(), content_type="image/png")


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "bien-ban.pdf", b"%PDF-1.4\n% bien ban\n", content_type="application/pdf"
    )


@pytest.fixture
def draft(users: Any, orgs: Any, agreement: Any) -> Activity:
    from phoihop.activities.services import activity_create
    from phoihop.plans.services import plan_create

    plan = plan_create(actor=users["alice"], agreement=agreement, year=2024)
    return activity_create(
        actor=users["alice"],
        task=plan.tasks.get(number=1),
        organizations=[orgs["district"]],
        fields={"title": "Hội nghị tập huấn", "start_date": datetime.date(2024, 3, 1)},
    )


@pytest.fixture
def token(make_token: Any, api_client: Any) -> Any:
    def make(username: str, access: str = "write") -> Any:
        return api_client(make_token(username, access=access))

    return make


def files_url(activity: Activity) -> str:
    return reverse("api:activity_attachment_list", kwargs={"pk": activity.pk})


def test_it_uploads_lists_and_downloads_a_file(draft: Activity, token: Any) -> None:
    alice = token("alice")
    response = alice.post(
        files_url(draft), {"file": png(), "kind": "photo", "description": "Toàn cảnh"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == {"value": "photo", "label": "Ảnh"} and body["mime_type"] == "image/png"
    assert body["name"] == "hoi-nghi.png" and body["description"] == "Toàn cảnh"
    assert response["Location"] == body["download_url"]
    document = alice.post(files_url(draft), {"file": pdf()}).json()
    assert document["kind"]["value"] == "document"  # the kind left out: a document
    listed = token("bob", "read").get(files_url(draft)).json()
    assert listed["count"] == 2 and [f["id"] for f in listed["items"]] == [
        body["id"],
        document["id"],
    ]
    download = token("bob", "read").get(body["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    again = token("bob", "read").get(body["download_url"], HTTP_IF_NONE_MATCH=download["ETag"])
    assert again.status_code == 304
    from phoihop.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="document_download").count() == 1
    assert (
        AuditEvent.objects.filter(action="api_write", detail__startswith="attachment_add").count()
        == 2
    )


def test_it_refuses_what_the_page_refuses(draft: Activity, token: Any, settings: Any) -> None:
    alice = token("alice")
    missing = alice.post(files_url(draft), {"kind": "photo"})
    assert missing.status_code == 422
    assert missing.json()["fields"]["file"][0]["vi"] == "Chọn tệp để tải lên."
    wrong_kind = alice.post(files_url(draft), {"file": pdf(), "kind": "selfie"}).json()
    assert "kind" in wrong_kind["fields"]
    assert wrong_kind["fields"]["kind"][0]["en"].startswith("Select a valid choice")
    not_a_photo = alice.post(files_url(draft), {"file": pdf(), "kind": "photo"}).json()
    assert not_a_photo["fields"]["file"][0]["vi"] == "Ảnh phải là tệp JPEG hoặc PNG."
    settings.UPLOAD_MAX_BYTES = 10
    too_big = alice.post(files_url(draft), {"file": pdf()}).json()
    assert too_big["fields"]["file"][0]["vi"].startswith("Tệp quá lớn")
    assert not Attachment.objects.exists()


def test_it_takes_no_file_once_the_activity_is_submitted(
    draft: Activity, token: Any, users: Any
) -> None:
    from phoihop.activities.services import activity_submit

    activity_submit(actor=users["alice"], activity=draft)
    response = token("alice").post(files_url(draft), {"file": pdf()})
    assert response.status_code == 422
    assert "mở bản sửa" in response.json()["message"]["vi"]


def test_it_refuses_a_stale_upload_with_412(draft: Activity, token: Any, users: Any) -> None:
    from phoihop.activities.services import activity_update

    alice = token("alice")
    tag = alice.get(reverse("api:activity_detail", kwargs={"pk": draft.pk}))["ETag"]
    activity_update(
        actor=users["leader"],
        activity=draft,
        fields={"title": "Đổi tên", "start_date": draft.start_date},
        organizations=list(draft.organizations.all()),
    )
    assert alice.post(files_url(draft), {"file": pdf()}, HTTP_IF_MATCH=tag).status_code == 412
    assert not Attachment.objects.exists()


def test_it_answers_readers_403_and_outsiders_404(draft: Activity, token: Any, users: Any) -> None:
    from phoihop.attachments.services import attachment_add

    stored = attachment_add(actor=users["alice"], owner=draft, upload=pdf(), kind="document")
    download = reverse("api:attachment_download", kwargs={"pk": stored.pk})
    assert token("bob").post(files_url(draft), {"file": pdf()}).json()["code"] == "forbidden"
    assert token("alice", "read").post(files_url(draft), {"file": pdf()}).status_code == 403
    for outsider in ("charlie", "coop_officer", "subordinate"):
        assert token(outsider).get(files_url(draft)).status_code == 404, outsider
        assert token(outsider).post(files_url(draft), {"file": pdf()}).status_code == 404, outsider
        assert token(outsider).get(download).json()["code"] == "not_found", outsider
    assert (
        token("alice").get(reverse("api:attachment_download", kwargs={"pk": 987654})).status_code
        == 404
    )
    assert Attachment.objects.count() == 1


def test_it_pins_the_queries_of_the_list_and_the_download(
    draft: Activity, users: Any, login: Any
) -> None:
    from phoihop.attachments.services import attachment_add

    client = login(users["alice"])
    first = attachment_add(actor=users["alice"], owner=draft, upload=pdf(), kind="document")
    # The session and its user, the scope, the activity with its organisers, the count and the
    # page of files with who uploaded them.
    with assert_queries(7):
        assert client.get(files_url(draft)).json()["count"] == 1
    for _ in range(3):
        attachment_add(actor=users["alice"], owner=draft, upload=png(), kind="photo")
    with assert_queries(7):
        assert client.get(files_url(draft)).json()["count"] == 4
    # The session and its user, the file, the scope, the activity with its organisers, the
    # audit row.
    with assert_queries(8):
        client.get(reverse("api:attachment_download", kwargs={"pk": first.pk}))
