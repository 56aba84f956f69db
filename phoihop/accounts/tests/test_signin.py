"""Sign-in: throttling per account and per address (django-axes), disabled accounts."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limit(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3


def test_it_signs_in_with_the_right_password(sign_in: Any, users: dict[str, Any], client: Any) -> None:
    response = sign_in("alice")
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200


def test_a_wrong_password_is_refused_in_vietnamese(sign_in: Any, users: dict[str, Any]) -> None:
    response = sign_in("alice", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_it_locks_an_account_after_repeated_failures_from_any_address(sign_in: Any, users: dict[str, Any], client: Any) -> None:
    for n in range(3):
        sign_in("alice", "sai-mat-khau", ip=f"10.0.0.{n + 1}")
    # The right password, from yet another address, is still refused while locked out.
    response = sign_in("alice", ip="10.0.0.99")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Đăng nhập tạm thời bị khoá" in body
    assert "Đã có 3 lần đăng nhập sai liên tiếp" in body
    assert "Mời thử lại sau 30 phút." in body
    assert client.get(reverse("core:home")).status_code == 302
    # Another account is not affected.
    assert sign_in("bob", ip="10.0.0.98").status_code == 302


def test_it_locks_an_address_after_failures_for_several_accounts(sign_in: Any, users: dict[str, Any], client: Any) -> None:
    for name in ("alice", "bob", "nobody"):
        sign_in(name, "sai-mat-khau", ip="192.0.2.7")
    response = sign_in("leader", ip="192.0.2.7")
    assert response.status_code == 429
    assert "Đăng nhập tạm thời bị khoá" in response.content.decode()
    # The same account from another address signs in.
    assert sign_in("leader", ip="192.0.2.8").status_code == 302


def test_a_success_before_the_limit_resets_the_count(sign_in: Any, users: dict[str, Any], client: Any) -> None:
    sign_in("alice", "sai-mat-khau")
    sign_in("alice", "sai-mat-khau")
    assert sign_in("alice").status_code == 302
    client.post(reverse("accounts:logout"))
    sign_in("alice", "sai-mat-khau")
    assert sign_in("alice").status_code == 302


def test_a_disabled_account_cannot_sign_in(sign_in: Any, users: dict[str, Any]) -> None:
    users["alice"].is_active = False
    users["alice"].save()
    response = sign_in("alice")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_it_keeps_the_next_page_but_not_a_foreign_one(client: Any, users: dict[str, Any]) -> None:
    url = reverse("accounts:login")
    data = {"username": "alice", "password": "matkhau-123"}
    response = client.post(url, {**data, "next": reverse("agreements:list")}, REMOTE_ADDR="10.1.1.1")
    assert response["Location"] == reverse("agreements:list")
    client.post(reverse("accounts:logout"))
    response = client.post(url, {**data, "next": "https://evil.example/"}, REMOTE_ADDR="10.1.1.1")
    assert response["Location"] == reverse("core:home")


def test_the_client_address_behind_proxies(settings: Any, rf: Any) -> None:
    from phoihop.accounts.security import client_ip

    request = rf.get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_ip(request) == "10.9.9.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"  # the forged left-hand entry is ignored
