from __future__ import annotations

from typing import Any

import pytest

from phoihop.notifications import services
from phoihop.notifications.models import Kind, Notification, NotificationPreference
from phoihop.notifications.tests.fixtures import usernames


def test_it_notifies_each_user_once_per_key(users: dict[str, Any]) -> None:
    args: dict[str, Any] = {"kind": Kind.TASK_DUE_SOON, "title": "Nhiệm vụ sắp đến hạn", "key": "task-due:1:2024-06-12"}
    assert services.notify(users=[users["alice"], users["bob"]], **args) == 2
    assert services.notify(users=[users["alice"], users["bob"], users["leader"]], **args) == 1
    assert services.notify(users=[users["alice"]], **args) == 0
    assert usernames(Notification.objects.all()) == {"alice", "bob", "leader"}
    assert Notification.objects.count() == 3


def test_it_sends_again_without_a_key_and_skips_inactive_users(users: dict[str, Any]) -> None:
    users["bob"].is_active = False
    users["bob"].save()
    for _ in range(2):
        assert services.notify(users=[users["alice"], users["bob"]], kind=Kind.TASK_OVERDUE, title="x") == 1
    assert usernames(Notification.objects.all()) == {"alice"}


def test_it_keeps_the_key_of_a_cleared_notification(users: dict[str, Any]) -> None:
    services.notify(users=[users["alice"]], kind=Kind.REPORT_DUE, title="Đến hạn báo cáo", key="k")
    n = Notification.objects.get()
    services.notification_clear(actor=users["alice"], notification=n)
    assert services.notify(users=[users["alice"]], kind=Kind.REPORT_DUE, title="Đến hạn báo cáo", key="k") == 0


def test_it_rejects_an_unknown_kind(users: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        services.notify(users=[users["alice"]], kind="gossip", title="x")


def test_it_emails_only_those_who_opted_in(users: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any) -> None:
    for name in ("alice", "bob", "leader"):
        users[name].email = f"{name}@example.org" if name != "leader" else ""
        users[name].save()
    services.preferences_set(actor=users["alice"], by_email={Kind.ACTIVITY_RETURNED: True})
    services.preferences_set(actor=users["bob"], by_email={Kind.ACTIVITY_RETURNED: False, Kind.TASK_OVERDUE: True})
    services.preferences_set(actor=users["leader"], by_email={Kind.ACTIVITY_RETURNED: True})  # no address
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.notify(
            users=[users["alice"], users["bob"], users["leader"]],
            kind=Kind.ACTIVITY_RETURNED,
            title="Hoạt động bị trả lại để sửa: Tọa đàm",
            body="Ý kiến người duyệt: bổ sung ảnh.",
            url="/hoat-dong/5/",
        )
    assert sent == 3
    assert [m.to for m in mailoutbox] == [["alice@example.org"]]
    mail = mailoutbox[0]
    assert mail.subject == "[phoihop] Hoạt động bị trả lại để sửa: Tọa đàm"
    assert "Kính gửi alice," in mail.body and "bổ sung ảnh" in mail.body
    assert "http://127.0.0.1:8000/hoat-dong/5/" in mail.body or "/hoat-dong/5/" in mail.body
    assert not mail.alternatives  # plain text only
    assert set(Notification.objects.filter(emailed=True).values_list("user__username", flat=True)) == {"alice"}


def test_it_sends_no_email_when_the_transaction_rolls_back(users: dict[str, Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any) -> None:
    users["alice"].email = "alice@example.org"
    users["alice"].save()
    services.preferences_set(actor=users["alice"], by_email={Kind.TASK_OVERDUE: True})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(users=[users["alice"]], kind=Kind.TASK_OVERDUE, title="x")
    assert len(callbacks) == 1 and mailoutbox == []


def test_it_marks_read_and_clears(users: dict[str, Any]) -> None:
    for i in range(3):
        services.notify(users=[users["alice"]], kind=Kind.TASK_OVERDUE, title=f"n{i}")
    services.notify(users=[users["bob"]], kind=Kind.TASK_OVERDUE, title="bob's")
    first = Notification.objects.filter(user=users["alice"]).first()
    assert first is not None
    services.notification_mark_read(actor=users["alice"], notification=first)
    assert Notification.objects.filter(user=users["alice"]).unread().count() == 2
    assert services.notifications_mark_all_read(actor=users["alice"]) == 2
    assert services.notifications_clear_all(actor=users["alice"]) == 3
    assert Notification.objects.filter(user=users["alice"]).shown().count() == 0
    assert Notification.objects.filter(user=users["bob"]).unread().count() == 1
    with pytest.raises(ValueError):
        services.notification_clear(actor=users["alice"], notification=Notification.objects.get(user=users["bob"]))


def test_it_stores_preferences_off_by_default(users: dict[str, Any]) -> None:
    assert services.preferences_of(users["alice"]) == {k: False for k in Kind.values}
    services.preferences_set(actor=users["alice"], by_email={Kind.REPORT_LATE: True})
    services.preferences_set(actor=users["alice"], by_email={Kind.REPORT_LATE: True, Kind.REPORT_DUE: False})
    assert services.preferences_of(users["alice"])[Kind.REPORT_LATE] is True
    assert NotificationPreference.objects.filter(user=users["alice"]).count() == 2
    with pytest.raises(ValueError):
        services.preferences_set(actor=users["alice"], by_email={"gossip": True})


def test_it_resets_the_feed_token(users: dict[str, Any]) -> None:
    token = services.feed_token_for(users["alice"]).token
    assert services.feed_token_for(users["alice"]).token == token
    new = services.feed_token_reset(actor=users["alice"])
    assert new.token != token and new.reset_at is not None and len(new.token) >= 40
