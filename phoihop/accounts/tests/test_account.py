"""One's own account: password change, sign-in sessions, the idle limit."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from phoihop.accounts.models import UserSession

pytestmark = pytest.mark.django_db


def test_the_account_page(client: Any, users: dict[str, Any], admin_user: Any, orgs: dict[str, Any]) -> None:
    client.force_login(users["alice"])
    body = client.get(reverse("accounts:account")).content.decode()
    assert "Ban Chỉ huy Quân sự Quận 4 — Cán bộ thực hiện" in body
    assert reverse("accounts:members", args=[orgs["district"].pk]) not in body
    detail = reverse("orgs:detail", args=[orgs["district"].pk])
    assert reverse("accounts:members", args=[orgs["district"].pk]) not in client.get(detail).content.decode()
    # An organisation's administrator finds the members page on the account page and the body's page.
    client.force_login(admin_user)
    members = reverse("accounts:members", args=[orgs["district"].pk])
    assert members in client.get(reverse("accounts:account")).content.decode()
    assert members in client.get(detail).content.decode()
    # A system administrator manages every body: the account page says where, and lists none
    # (a national registry has 27,000); each body's page has the link.
    client.force_login(users["staff"])
    body = client.get(reverse("accounts:account")).content.decode()
    assert "data-manages-every-org" in body and reverse("orgs:list") in body
    assert members not in body
    assert members in client.get(detail).content.decode()


def test_password_change_follows_the_validators_and_ends_other_sessions(client: Any, users: dict[str, Any], sign_in: Any) -> None:
    other = Client()
    sign_in("alice", c=other)
    sign_in("alice")
    url = reverse("accounts:password_change")
    wrong = client.post(url, {"old_password": "nope", "new_password1": "Phoi-hop-2026-moi", "new_password2": "Phoi-hop-2026-moi"})
    assert "Mật khẩu hiện tại không đúng." in wrong.content.decode()
    weak = client.post(url, {"old_password": "matkhau-123", "new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    assert weak.context["form"].errors["new_password2"] == [
        "Mật khẩu quá ngắn: cần ít nhất 10 ký tự.", "Mật khẩu này quá phổ biến.", "Mật khẩu này hoàn toàn là số.",
    ]
    users["alice"].email = "nguyenthianhdao@example.org"
    users["alice"].save()
    similar = client.post(url, {"old_password": "matkhau-123", "new_password1": "nguyenthianhdao", "new_password2": "nguyenthianhdao"})
    assert "Mật khẩu quá giống với" in similar.content.decode()
    mismatch = client.post(url, {"old_password": "matkhau-123", "new_password1": "Phoi-hop-2026-moi", "new_password2": "Phoi-hop-2026-khac"})
    assert "Hai lần nhập mật khẩu mới không khớp." in mismatch.content.decode()
    done = client.post(url, {"old_password": "matkhau-123", "new_password1": "Phoi-hop-2026-moi", "new_password2": "Phoi-hop-2026-moi"})
    assert done["Location"] == reverse("accounts:account")
    users["alice"].refresh_from_db()
    assert users["alice"].check_password("Phoi-hop-2026-moi")
    assert client.get(reverse("core:home")).status_code == 200  # this session goes on
    assert other.get(reverse("core:home")).status_code == 302  # the other one ended
    # The current session is still listed (its key changed with the password).
    records = client.get(reverse("accounts:sessions")).context["records"]
    assert [r.session_key for r in records] == [client.session.session_key]


def test_sessions_are_listed_and_another_can_be_ended(client: Any, users: dict[str, Any], sign_in: Any) -> None:
    other = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) Chrome/120.0 Mobile")
    sign_in("alice", c=other, ip="203.0.113.9")
    sign_in("alice", ip="198.51.100.4")
    response = client.get(reverse("accounts:sessions"))
    body = response.content.decode()
    assert "203.0.113.9" in body and "198.51.100.4" in body and "Chrome · Android" in body
    assert "Phiên này" in body
    theirs = UserSession.objects.get(ip_address="203.0.113.9")
    mine = UserSession.objects.get(ip_address="198.51.100.4")
    # One's own current session is ended by signing out, not here.
    client.post(reverse("accounts:session_end", args=[mine.pk]))
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("accounts:session_end", args=[theirs.pk]))
    assert other.get(reverse("core:home")).status_code == 302
    theirs.refresh_from_db()
    assert theirs.ended_at is not None
    assert "203.0.113.9" not in client.get(reverse("accounts:sessions")).content.decode()


def test_ending_all_other_sessions(client: Any, users: dict[str, Any], sign_in: Any) -> None:
    others = [Client(), Client()]
    for c in others:
        sign_in("alice", c=c)
    sign_in("alice")
    client.post(reverse("accounts:session_end_others"))
    assert [c.get(reverse("core:home")).status_code for c in others] == [302, 302]
    assert client.get(reverse("core:home")).status_code == 200


def test_another_users_session_is_not_found(client: Any, users: dict[str, Any], sign_in: Any) -> None:
    sign_in("alice")
    theirs = UserSession.objects.get(user=users["alice"])
    client.force_login(users["bob"])
    assert client.post(reverse("accounts:session_end", args=[theirs.pk])).status_code == 404


def test_signing_out_ends_the_record(client: Any, users: dict[str, Any], sign_in: Any) -> None:
    sign_in("alice")
    client.post(reverse("accounts:logout"))
    assert UserSession.objects.get(user=users["alice"]).ended_at is not None


def test_an_idle_session_ends(client: Any, users: dict[str, Any], sign_in: Any, settings: Any) -> None:
    settings.SESSION_IDLE_MINUTES = 30
    sign_in("alice")
    assert client.get(reverse("core:home")).status_code == 200
    session = client.session
    session["_phoihop_last_seen"] = time.time() - 29 * 60
    session.save()
    assert client.get(reverse("core:home")).status_code == 200  # still within the limit
    session = client.session
    session["_phoihop_last_seen"] = time.time() - 32 * 60
    session.save()
    response = client.get(reverse("agreements:list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã kết thúc sau 30 phút không hoạt động." in page


def test_the_sessions_page_does_not_grow_queries_with_sessions(client: Any, users: dict[str, Any], sign_in: Any) -> None:
    from phoihop.testing.queries import assert_queries

    sign_in("alice", c=Client())
    sign_in("alice")
    client.get(reverse("accounts:sessions"))
    with assert_queries(SESSIONS_QUERIES):
        assert len(client.get(reverse("accounts:sessions")).context["records"]) == 2
    for _n in range(5):
        sign_in("alice", c=Client())
    with assert_queries(SESSIONS_QUERIES):
        assert len(client.get(reverse("accounts:sessions")).context["records"]) == 7


SESSIONS_QUERIES = 6
