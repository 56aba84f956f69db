"""Sign-in: throttling per account, per account and address and (far higher) per address
(django-axes), disabled accounts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from phoihop.accounts.tests.conftest import PASSWORD

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


def test_five_failures_for_one_account_leave_colleagues_at_the_same_address_signing_in(
    sign_in: Any, users: dict[str, Any], client: Any, settings: Any
) -> None:
    # The office behind its proxy: every request comes from the proxy's address.
    settings.AXES_FAILURE_LIMIT = 5
    for _n in range(5):
        sign_in("alice", "sai-mat-khau", ip="192.0.2.7")
    # The attacked account is locked, with a message that says so.
    response = sign_in("alice", ip="192.0.2.7")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Đăng nhập tạm thời bị khoá" in body
    assert "Đã có 5 lần đăng nhập sai liên tiếp (mật khẩu hoặc mã xác thực) cho tài khoản này" in body
    assert "Các tài khoản khác vẫn đăng nhập bình thường." in body
    assert "Mời thử lại sau 30 phút." in body
    # Everyone else at the same address signs in.
    for name in ("bob", "leader", "coop_officer"):
        colleague = Client()
        assert sign_in(name, ip="192.0.2.7", c=colleague).status_code == 302, name


def test_the_per_address_limit_is_separate_and_far_higher(
    sign_in: Any, users: dict[str, Any], settings: Any
) -> None:
    settings.AXES_ADDRESS_FAILURE_LIMIT = 12
    names = ("alice", "bob", "leader", "coop_officer", "nobody", "superior")
    # Two failures each on six accounts from one address: no account reaches its limit of 3 and
    # the address stays one short of its own.
    for name in names[:5]:
        sign_in(name, "sai-mat-khau", ip="192.0.2.7")
        sign_in(name, "sai-mat-khau", ip="192.0.2.7")
    sign_in("superior", "sai-mat-khau", ip="192.0.2.7")
    assert sign_in("charlie", ip="192.0.2.7", c=Client()).status_code == 302
    # The twelfth failure from the address locks it, for every account.
    sign_in("superior", "sai-mat-khau", ip="192.0.2.7")
    response = sign_in("subordinate", ip="192.0.2.7", c=Client())
    assert response.status_code == 429
    body = response.content.decode()
    assert "Đã có 12 lần đăng nhập sai từ địa chỉ mạng này" in body
    # The same accounts from another address sign in.
    assert sign_in("subordinate", ip="192.0.2.8", c=Client()).status_code == 302


def test_no_per_address_limit_when_it_is_zero(sign_in: Any, users: dict[str, Any], settings: Any) -> None:
    settings.AXES_ADDRESS_FAILURE_LIMIT = 0
    for n in range(30):
        sign_in(f"khach{n}", "sai-mat-khau", ip="192.0.2.7")
    assert sign_in("alice", ip="192.0.2.7").status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_the_address_tally(
    sign_in: Any, users: dict[str, Any], settings: Any
) -> None:
    settings.AXES_ADDRESS_FAILURE_LIMIT = 4
    for name in ("bob", "leader", "coop_officer"):
        sign_in(name, "sai-mat-khau", ip="192.0.2.7")
    assert sign_in("alice", ip="192.0.2.7", c=Client()).status_code == 302
    sign_in("superior", "sai-mat-khau", ip="192.0.2.7")
    assert sign_in("charlie", ip="192.0.2.7", c=Client()).status_code == 429


def test_behind_the_proxy_each_client_address_is_counted_on_its_own(
    client: Any, users: dict[str, Any], settings: Any
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    url = reverse("accounts:login")

    def attempt(name: str, password: str, forwarded: str, c: Any = None) -> Any:
        return (c or client).post(
            url, {"username": name, "password": password},
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded,
        )

    # An attacker (forging an entry on the left) tries many accounts: his address is locked.
    for n in range(6):
        attempt(f"khach{n}", "sai-mat-khau", f"198.51.100.{n}, 203.0.113.66")
    assert attempt("alice", PASSWORD, "203.0.113.66", Client()).status_code == 429
    # A colleague through the same proxy, from her own address, is not.
    assert attempt("alice", PASSWORD, "203.0.113.10", Client()).status_code == 302


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


def test_behind_the_proxy_the_audit_log_keeps_the_clients_address(
    client: Any, users: dict[str, Any], settings: Any
) -> None:
    from phoihop.audit.models import AuditEvent

    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("accounts:login"), {"username": "alice", "password": "sai-mat-khau"},
        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.10",
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_FAILED)
    assert event.ip_address == "203.0.113.10"


def test_an_account_limit_above_the_pair_limit_locks_an_attacker_out_before_the_owner(
    sign_in: Any, users: dict[str, Any], settings: Any
) -> None:
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 5  # from any addresses; 3 from one address
    for _n in range(3):
        sign_in("alice", "sai-mat-khau", ip="198.51.100.1")
    assert sign_in("alice", ip="198.51.100.1", c=Client()).status_code == 429
    # The owner, at her own address, still signs in; that clears the account's failures.
    assert sign_in("alice", ip="192.0.2.20", c=Client()).status_code == 302
    for n in range(5):
        sign_in("alice", "sai-mat-khau", ip=f"198.51.100.{10 + n}")
    response = sign_in("alice", ip="192.0.2.20", c=Client())
    assert response.status_code == 429
    assert "Đã có 5 lần đăng nhập sai liên tiếp" in response.content.decode()
