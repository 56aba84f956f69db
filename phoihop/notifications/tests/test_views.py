from __future__ import annotations

import datetime
from typing import Any

import icalendar
import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from phoihop.notifications import services
from phoihop.notifications.context_processors import unread
from phoihop.notifications.models import Kind, Notification
from phoihop.testing.queries import assert_queries

SECRET_EVENT = "Hội nghị sơ kết bí mật của Quận 4"


def note(user: Any, title: str, **extra: Any) -> Notification:
    services.notify(users=[user], kind=Kind.TASK_OVERDUE, title=title, **extra)
    notification = Notification.objects.filter(user=user).first()
    assert notification is not None
    return notification


# --- notifications ------------------------------------------------------------------------------


def test_it_lists_unread_first(login: Any, users: dict[str, Any]) -> None:
    old = note(users["alice"], "Thông báo cũ chưa đọc")
    read = note(users["alice"], "Thông báo mới đã đọc")
    services.notification_mark_read(actor=users["alice"], notification=read)
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    note(users["bob"], "Thông báo của bob")
    body = login(users["alice"]).get(reverse("notifications:list")).content.decode()
    assert body.index("Thông báo cũ chưa đọc") < body.index("Thông báo mới đã đọc")
    assert "Thông báo của bob" not in body and "1 thông báo chưa đọc." in body


def test_it_says_what_comes_here_when_empty(login: Any, users: dict[str, Any]) -> None:
    body = login(users["alice"]).get(reverse("notifications:list")).content.decode()
    assert "Không có thông báo nào." in body


def test_opening_marks_read_and_goes_to_the_record(login: Any, users: dict[str, Any]) -> None:
    n = note(users["alice"], "Đi tới văn bản", url="/van-ban/1/")
    response = login(users["alice"]).get(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == "/van-ban/1/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_it_never_redirects_off_site(login: Any, users: dict[str, Any]) -> None:
    n = note(users["alice"], "Lạ", url="https://example.com/")
    response = login(users["alice"]).get(reverse("notifications:open", args=[n.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_it_marks_read_and_clears_by_post(login: Any, users: dict[str, Any]) -> None:
    n = note(users["alice"], "Một")
    client = login(users["alice"])
    assert client.get(reverse("notifications:mark_read", args=[n.pk])).status_code == 405
    assert client.post(reverse("notifications:mark_read", args=[n.pk])).status_code == 302
    n.refresh_from_db()
    assert n.read_at is not None and n.cleared_at is None
    client.post(reverse("notifications:clear", args=[n.pk]), {"next": "https://example.com/"})
    n.refresh_from_db()
    assert n.cleared_at is not None
    assert "Một" not in client.get(reverse("notifications:list")).content.decode()


def test_it_clears_all_and_marks_all_read(login: Any, users: dict[str, Any]) -> None:
    for i in range(3):
        note(users["alice"], f"N{i}")
    other = note(users["bob"], "Của bob")
    client = login(users["alice"])
    client.post(reverse("notifications:mark_read_all"))
    assert not Notification.objects.filter(user=users["alice"]).unread().exists()
    client.post(reverse("notifications:clear_all"))
    assert not Notification.objects.filter(user=users["alice"]).shown().exists()
    other.refresh_from_db()
    assert other.read_at is None and other.cleared_at is None


def test_nobody_else_reaches_a_notification(login: Any, users: dict[str, Any]) -> None:
    n = note(users["alice"], "Riêng của alice")
    for name in ("bob", "leader", "staff"):
        client = login(users[name])
        assert client.get(reverse("notifications:open", args=[n.pk])).status_code == 404
        assert client.post(reverse("notifications:clear", args=[n.pk])).status_code == 404
        assert client.post(reverse("notifications:mark_read", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.read_at is None and n.cleared_at is None


def test_the_list_query_count_does_not_grow_with_rows(login: Any, users: dict[str, Any]) -> None:
    client = login(users["alice"])
    client.get(reverse("notifications:list"))  # the first request of a session does more
    for i in range(2):
        note(users["alice"], f"A{i}")
    with assert_queries(7):
        assert client.get(reverse("notifications:list")).status_code == 200
    for i in range(20):
        note(users["alice"], f"B{i}")
    with assert_queries(7):
        assert client.get(reverse("notifications:list")).status_code == 200


def test_the_context_processor_counts_unread(users: dict[str, Any]) -> None:
    note(users["alice"], "Một")
    read = note(users["alice"], "Hai")
    services.notification_mark_read(actor=users["alice"], notification=read)
    request = RequestFactory().get("/")
    request.user = users["alice"]
    assert unread(request)["unread_notifications"] == 1
    request.user = users["bob"]
    assert unread(request)["unread_notifications"] == 0


def test_it_saves_email_preferences(login: Any, users: dict[str, Any]) -> None:
    client = login(users["alice"])
    body = client.get(reverse("notifications:preferences")).content.decode()
    assert "Hoạt động bị trả lại để sửa" in body and "chưa có địa chỉ thư điện tử" in body
    response = client.post(reverse("notifications:preferences"), {Kind.ACTIVITY_RETURNED: "on", Kind.TASK_OVERDUE: "on"})
    assert response.status_code == 302
    prefs = services.preferences_of(users["alice"])
    assert prefs[Kind.ACTIVITY_RETURNED] and prefs[Kind.TASK_OVERDUE] and not prefs[Kind.REPORT_DUE]
    client.post(reverse("notifications:preferences"), {Kind.TASK_OVERDUE: "on"})
    assert not services.preferences_of(users["alice"])[Kind.ACTIVITY_RETURNED]


# --- calendar -----------------------------------------------------------------------------------


@pytest.fixture
def dated(agreement: Any, orgs: dict[str, Any], in_force_plan: Any, task: Any) -> dict[str, Any]:
    """In June 2024: a conference of the program on the 20th, task 1 due on the 25th."""
    from phoihop.events.models import Event

    event = Event.objects.create(kind="interim_review", title=SECRET_EVENT, date=datetime.date(2024, 6, 20), host=orgs["district"])
    event.agreements.add(agreement)
    type(task).objects.filter(pk=task.pk).update(due=datetime.date(2024, 6, 25))
    task.refresh_from_db()
    return {"event": event, "task": task}


def test_the_month_shows_what_the_user_may_see(login: Any, users: dict[str, Any], dated: dict[str, Any]) -> None:
    url = reverse("notifications:calendar")
    for name in ("alice", "coop_officer", "superior", "staff"):
        body = login(users[name]).get(url, {"thang": "2024-06"}).content.decode()
        assert SECRET_EVENT in body and dated["task"].title in body, name
    for name in ("charlie", "subordinate"):
        body = login(users[name]).get(url, {"thang": "2024-06"}).content.decode()
        assert SECRET_EVENT not in body and dated["task"].title not in body, name
        assert "Tháng này không có" in body


def test_the_month_moves_and_shows_agreement_ends(login: Any, users: dict[str, Any], agreement: Any) -> None:
    client = login(users["bob"])
    body = client.get(reverse("notifications:calendar"), {"thang": "2025-12"}).content.decode()
    assert "Tháng 12 năm 2025" in body and agreement.number_symbol in body
    assert "?thang=2025-11" in body and "?thang=2026-01" in body
    assert client.get(reverse("notifications:calendar"), {"thang": "xx-13"}).status_code == 200


def test_the_agenda_lists_upcoming_items(login: Any, users: dict[str, Any], dated: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2024, 6, 1))
    body = login(users["alice"]).get(reverse("notifications:agenda")).content.decode()
    assert body.index(SECRET_EVENT) < body.index(dated["task"].title)
    assert "20/06/2024" in body and "25/06/2024" in body
    body = login(users["charlie"]).get(reverse("notifications:agenda")).content.decode()
    assert SECRET_EVENT not in body and "chưa có hội nghị" in body


def test_the_calendar_query_count_does_not_grow_with_rows(login: Any, users: dict[str, Any], dated: dict[str, Any], orgs: dict[str, Any], agreement: Any, task: Any) -> None:
    from phoihop.events.models import Event
    from phoihop.exchange.models import ReportingSchedule
    from phoihop.plans.models import Task

    ReportingSchedule.objects.create(agreement=agreement, rhythm="monthly", due_days=5)
    client = login(users["alice"])
    client.get(reverse("notifications:calendar"))  # the first request of a session does more
    with assert_queries(13):
        assert client.get(reverse("notifications:calendar"), {"thang": "2024-06"}).status_code == 200
    for day in range(1, 15):
        e = Event.objects.create(kind="training", title=f"Tập huấn {day}", date=datetime.date(2024, 6, day), host=orgs["district"])
        e.agreements.add(agreement)
        Task.objects.create(plan=task.plan, number=10 + day, title=f"Nhiệm vụ {day}", lead_organization=orgs["district"], due=datetime.date(2024, 6, day))
    with assert_queries(13):
        body = client.get(reverse("notifications:calendar"), {"thang": "2024-06"}).content.decode()
    assert "Tập huấn 14" in body and "Nhiệm vụ 14" in body and "Ban CHQS Quận 4 — Tháng 5/2024" in body


# --- the iCalendar feed -------------------------------------------------------------------------


def feed_url(user: Any) -> str:
    return reverse("notifications:feed", kwargs={"token": services.feed_token_for(user).token})


def test_the_feed_parses_and_holds_the_users_items(client: Any, users: dict[str, Any], dated: dict[str, Any], agreement: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from phoihop.exchange.models import ReportingSchedule

    ReportingSchedule.objects.create(agreement=agreement, rhythm="quarterly", due_days=10)
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2024, 6, 1))
    response = client.get(feed_url(users["alice"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert f"event-{dated['event'].pk}@phoihop" in events
    assert f"task-{dated['task'].pk}@phoihop" in events
    # The program ends on 31/12/2025, beyond the feed's 400 days ahead of 01/06/2024.
    assert f"agreement-end-{agreement.pk}@phoihop" not in events
    board = agreement.parties.get(role="cooperating").organization_id
    assert f"report-{agreement.pk}-{board}-2024-04-01@phoihop" in events  # second quarter, due 10/07
    conference = events[f"event-{dated['event'].pk}@phoihop"]
    assert SECRET_EVENT in str(conference["SUMMARY"])
    assert conference.decoded("DTSTART") == datetime.date(2024, 6, 20)
    assert str(conference["URL"]).endswith(reverse("events:detail", args=[dated["event"].pk]))


def test_the_feed_of_an_outsider_holds_nothing_of_the_program(client: Any, users: dict[str, Any], dated: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2024, 6, 1))
    response = client.get(feed_url(users["charlie"]))
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal.walk("VEVENT") == []
    assert SECRET_EVENT.encode() not in response.content


def test_a_wrong_or_reset_token_gets_nothing(client: Any, users: dict[str, Any], dated: dict[str, Any]) -> None:
    old = feed_url(users["alice"])
    assert client.get(old).status_code == 200
    assert client.get(reverse("notifications:feed", kwargs={"token": "sai-ma-bi-mat"})).status_code == 404
    assert client.get(old.upper().replace("/THONG-BAO/LICH/", "/thong-bao/lich/").replace(".ICS", ".ics")).status_code == 404
    services.feed_token_reset(actor=users["alice"])
    assert client.get(old).status_code == 404
    assert client.get(feed_url(users["alice"])).status_code == 200
    users["alice"].is_active = False
    users["alice"].save()
    assert client.get(feed_url(users["alice"])).status_code == 404


def test_the_feed_page_shows_the_link_and_resets_it(login: Any, users: dict[str, Any]) -> None:
    client = login(users["alice"])
    body = client.get(reverse("notifications:feed_settings")).content.decode()
    token = services.feed_token_for(users["alice"]).token
    assert token in body
    assert client.get(reverse("notifications:feed_reset")).status_code == 405
    assert client.post(reverse("notifications:feed_reset")).status_code == 302
    assert token not in client.get(reverse("notifications:feed_settings")).content.decode()
    # bob's link is bob's own
    assert services.feed_token_for(users["alice"]).token not in login(users["bob"]).get(reverse("notifications:feed_settings")).content.decode()
