"""The activity form's work is one transaction and happens once: a retried POST returns the first
result, a failure leaves no activity, no photo row and no file, and two people acting on the
same activity at once act one after the other."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from PIL import Image

from phoihop.activities import services
from phoihop.activities.models import Activity
from phoihop.activities.tests.test_views import form_data
from phoihop.attachments.models import Attachment
from phoihop.orgs.models import Membership
from phoihop.plans.tests.helpers import record
from phoihop.testing.builders import make_user

pg_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time")


def jpeg(name: str = "hoi-thi.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def form_key(client: Client, url: str) -> str:
    """The one-time key of the form as the page renders it."""
    body = client.get(url).content.decode()
    found = re.search(r'<input type="hidden" name="idempotency_key" value="([^"]+)"', body)
    assert found, "the form carries no idempotency key"
    return found.group(1)


def stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT) / "attachments"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together, each on its own database connection; what
    each returned or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[i] = call()
        except BaseException as exc:  # noqa: BLE001 (reported to the test)
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a request never finished"
    return outcomes


@pytest.mark.django_db
def test_it_makes_one_activity_when_the_same_form_is_posted_twice(login, users, orgs, task):
    client = login(users["alice"])
    url = reverse("activities:create") + f"?task={task.pk}"
    key = form_key(client, url)
    first = client.post(url, form_data(orgs, action="submit", idempotency_key=key, photos=[jpeg()]))
    # The answer was lost on the way; the browser sends the same form again.
    again = client.post(url, form_data(orgs, action="submit", idempotency_key=key, photos=[jpeg()]))
    activity = Activity.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == reverse("activities:detail", args=[activity.pk])
    assert activity.status == "submitted" and Attachment.objects.count() == 1
    assert "Biểu mẫu này đã được gửi rồi" in " ".join(str(m) for m in get_messages(again.wsgi_request))
    # A new rendering of the form is a new key: recording a second activity still works.
    client.post(url, form_data(orgs, idempotency_key=form_key(client, url)))
    assert Activity.objects.count() == 2


@pytest.mark.django_db
def test_it_answers_a_repeated_save_and_submit_of_an_edit_with_the_first_result(login, users, orgs, task):
    activity = record(users["alice"], task, [orgs["district"]])
    client = login(users["alice"])
    url = reverse("activities:edit", args=[activity.pk])
    data = form_data(orgs, title="Tuyên truyền Luật Quốc phòng", action="submit", idempotency_key=form_key(client, url), version="1")
    first = client.post(url, data)
    again = client.post(url, data | {"photos": [jpeg()]})
    assert first["Location"] == again["Location"] == reverse("activities:detail", args=[activity.pk])
    messages = " ".join(str(m) for m in get_messages(again.wsgi_request))
    assert "Biểu mẫu này đã được gửi rồi" in messages and "không sửa được" not in messages
    activity.refresh_from_db()
    assert activity.status == "submitted" and activity.title == "Tuyên truyền Luật Quốc phòng"
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_it_leaves_no_activity_no_photo_and_no_file_when_the_submission_fails(login, users, orgs, task, monkeypatch):
    def worker_dies(**kwargs: Any) -> None:
        raise RuntimeError("the process failed after the photos were stored")

    monkeypatch.setattr(services, "activity_submit", worker_dies)
    before = stored_files()
    client = login(users["alice"])
    url = reverse("activities:create") + f"?task={task.pk}"
    data = form_data(orgs, action="submit", photos=[jpeg("a.jpg"), jpeg("b.jpg")])
    with pytest.raises(RuntimeError):
        client.post(url, data | {"idempotency_key": form_key(client, url)})
    assert not Activity.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files() == before
    # Nothing of the failed attempt stands in the way of sending the same form again.
    monkeypatch.undo()
    response = client.post(url, form_data(orgs, action="submit", photos=[jpeg()]))
    assert response.status_code == 302 and Activity.objects.get().status == "submitted"
    assert len(stored_files() - before) == 1


@pytest.mark.django_db
def test_it_leaves_no_file_when_an_edit_fails(login, users, orgs, task, monkeypatch):
    activity = record(users["alice"], task, [orgs["district"]])
    monkeypatch.setattr(services, "activity_submit", lambda **kwargs: 1 / 0)
    before = stored_files()
    client = login(users["alice"])
    with pytest.raises(ZeroDivisionError):
        client.post(reverse("activities:edit", args=[activity.pk]), form_data(orgs, title="Đổi tên", action="submit", photos=[jpeg()], version="1"))
    activity.refresh_from_db()
    assert activity.title == "Tuyên truyền Luật Nghĩa vụ quân sự" and activity.status == "draft"
    assert not Attachment.objects.exists() and stored_files() == before


@pg_only
@pytest.mark.django_db(transaction=True)
def test_it_makes_one_activity_from_identical_posts_at_the_same_time(users, orgs, task):
    url = reverse("activities:create") + f"?task={task.pk}"
    clients = [Client(), Client()]
    for c in clients:
        c.force_login(users["alice"])
    key = "the-key-of-one-rendered-form"

    def post(c: Client) -> Any:
        return c.post(url, form_data(orgs, action="submit", idempotency_key=key, photos=[jpeg()]))

    first, second = at_once(lambda: post(clients[0]), lambda: post(clients[1]))
    activity = Activity.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("activities:detail", args=[activity.pk])
    assert activity.status == "submitted" and Attachment.objects.count() == 1
    assert len(stored_files()) >= 1


@pg_only
@pytest.mark.django_db(transaction=True)
def test_two_leaders_approving_at_once_make_one_approval(users, orgs, task):
    second_leader = make_user("leader2", org=orgs["district"], role=Membership.Role.LEADER)
    activity = record(users["alice"], task, [orgs["district"]])
    services.activity_submit(actor=users["alice"], activity=activity)
    # Each leader opened the page while the activity waited for approval.
    mine, theirs = Activity.objects.get(pk=activity.pk), Activity.objects.get(pk=activity.pk)

    outcomes = at_once(
        lambda: services.activity_approve(actor=users["leader"], activity=mine),
        lambda: services.activity_approve(actor=second_leader, activity=theirs),
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["Activity", "ValidationError"]
    refused = next(o for o in outcomes if isinstance(o, ValidationError))
    assert "Chỉ duyệt hoặc trả lại được hoạt động đang chờ duyệt." in refused.messages
    activity.refresh_from_db()
    assert activity.status == "approved"
    assert activity.history.filter(status="approved").count() == 1


@pg_only
@pytest.mark.django_db(transaction=True)
def test_an_approval_and_a_return_at_once_do_only_one_of_them(users, orgs, task):
    second_leader = make_user("leader2", org=orgs["district"], role=Membership.Role.LEADER)
    activity = record(users["alice"], task, [orgs["district"]])
    services.activity_submit(actor=users["alice"], activity=activity)
    mine, theirs = Activity.objects.get(pk=activity.pk), Activity.objects.get(pk=activity.pk)

    outcomes = at_once(
        lambda: services.activity_approve(actor=users["leader"], activity=mine),
        lambda: services.activity_return(actor=second_leader, activity=theirs, note="Bổ sung ảnh"),
    )
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    activity.refresh_from_db()
    changes = activity.history.filter(status__in=["approved", "returned"]).count()
    assert changes == 1 and activity.status in {"approved", "returned"}
    assert (activity.status == "approved") == (activity.approved_by_id is not None)
    assert (activity.status == "returned") == (activity.returned_by_id is not None)



@pytest.mark.django_db
def test_it_refuses_the_second_of_two_edits_and_shows_what_changed(users, orgs, task):
    from phoihop.testing.edits import check_concurrent_edit

    activity = record(users["alice"], task, [orgs["district"], orgs["board"]])
    clients = [Client(), Client()]
    clients[0].force_login(users["alice"])
    clients[1].force_login(users["coop_officer"])

    def first_kept() -> None:
        assert Activity.objects.get(pk=activity.pk).title == "Hội thi do Ban CHQS sửa tên"

    check_concurrent_edit(
        clients[0],
        clients[1],
        reverse("activities:edit", args=[activity.pk]),
        first_data=form_data(orgs, title="Hội thi do Ban CHQS sửa tên"),
        second_data=form_data(orgs, title=activity.title, description="Ban Tuyên giáo bổ sung: 15 đội"),
        first_kept=first_kept,
        second_typed="Ban Tuyên giáo bổ sung: 15 đội",
        changed_shown="Tên hoạt động: «Hội thi do Ban CHQS sửa tên»",
    )
    saved = Activity.objects.get(pk=activity.pk)
    assert saved.description == "Ban Tuyên giáo bổ sung: 15 đội" and saved.version == 3


@pytest.mark.django_db
def test_a_stale_edit_names_a_changed_indicator_value_and_keeps_nothing_of_the_refused_save(users, orgs, task):
    from phoihop.plans.tests.helpers import indicator
    from phoihop.testing.edits import STALE, opened

    ind = indicator(users["alice"], task, "Lượt người được tuyên truyền", "2.000", unit="person_time")
    activity = record(users["alice"], task, [orgs["district"], orgs["board"]], values={ind: "100"})
    url = reverse("activities:edit", args=[activity.pk])
    first, second = Client(), Client()
    first.force_login(users["alice"])
    second.force_login(users["coop_officer"])
    one, two = opened(first, url), opened(second, url)
    assert first.post(url, form_data(orgs, ind, **one) | {f"value_{ind.pk}": "250"}).status_code == 302
    response = second.post(url, form_data(orgs, ind, title="Tên mới của Ban Tuyên giáo", photos=[jpeg()], **two))
    page = response.content.decode()
    assert response.status_code == 200 and STALE in page
    assert "Lượt người được tuyên truyền: «250»" in page and "Tên mới của Ban Tuyên giáo" in page
    assert 'name="kept_photos"' in page and "hoi-thi.jpg" in page  # the photo is offered again
    saved = Activity.objects.get(pk=activity.pk)
    assert saved.title == "Hội thi tìm hiểu Luật Nghĩa vụ quân sự" and saved.values.get().value == 250
    assert not Attachment.objects.exists() and saved.version == 2
