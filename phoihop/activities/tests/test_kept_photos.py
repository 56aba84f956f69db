"""A photo sent with a refused activity form is offered again and saved with the next submit."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from phoihop.activities.models import Activity
from phoihop.activities.tests.test_views import form_data
from phoihop.attachments import uploads
from phoihop.attachments.models import Attachment


def jpeg(name: str = "hoi-thi.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.mark.django_db
def test_it_keeps_the_photo_of_a_refused_form_and_saves_it_with_the_next_submit(login, users, orgs, task):
    client = login(users["alice"])
    url = reverse("activities:create") + f"?task={task.pk}"
    refused = client.post(url, form_data(orgs, title="", photos=[jpeg()]))
    body = refused.content.decode()
    assert refused.status_code == 200 and not Activity.objects.exists()
    assert "data-error-summary" in body and '<a href="#id_title">' in body
    token = re.search(r'name="kept_photos" value="([^"]+)"[^>]*checked', body)
    assert token and "hoi-thi.jpg" in body

    saved = client.post(url, form_data(orgs, kept_photos=[token.group(1)]))
    assert saved.status_code == 302
    photo = Attachment.objects.get()
    assert photo.original_name == "hoi-thi.jpg" and photo.kind == "photo"
    assert Activity.objects.get().pk == photo.object_id
    assert uploads.pending_uploads(user=users["alice"], tokens=[token.group(1)]) == []


@pytest.mark.django_db
def test_it_refuses_to_save_someone_elses_kept_file(login, users, orgs, task):
    theirs = uploads.pending_upload_store(user=users["coop_officer"], upload=jpeg("cua-nguoi-khac.jpg"))
    client = login(users["alice"])
    url = reverse("activities:create") + f"?task={task.pk}"
    response = client.post(url, form_data(orgs, kept_photos=[theirs.token]))
    assert response.status_code == 200 and not Attachment.objects.exists()
    assert "cua-nguoi-khac.jpg" not in response.content.decode()
    assert uploads.pending_uploads(user=users["coop_officer"], tokens=[theirs.token]) == [theirs]
