"""Two-factor sign-in: authenticator set-up, the verification step, recovery codes, enforcement."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_otp.oath import TOTP, totp

pytestmark = pytest.mark.django_db


def current_code(device: Any) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def unthrottle(user: Any) -> None:
    """django-otp slows down guessing after a failure; a real user waits, the test resets it."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_count=0)


@pytest.fixture
def alice_device(users: dict[str, Any]) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=users["alice"], name="điện thoại", confirmed=True)


@pytest.fixture
def recovery(users: dict[str, Any], alice_device: Any) -> str:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device = StaticDevice.objects.create(user=users["alice"], name="dự phòng", confirmed=True)
    StaticToken.objects.create(device=device, token="khoiphuc1")
    StaticToken.objects.create(device=device, token="khoiphuc2")
    return "khoiphuc1"


def test_the_password_alone_does_not_sign_in_an_account_with_an_authenticator(sign_in: Any, client: Any, alice_device: Any) -> None:
    response = sign_in("alice")
    assert response["Location"] == reverse("accounts:verify")
    assert client.get(reverse("core:home")).status_code == 302
    page = client.get(reverse("accounts:verify"))
    assert "Xác minh đăng nhập" in page.content.decode()


def test_a_wrong_code_is_refused_and_the_right_one_signs_in(sign_in: Any, client: Any, alice_device: Any) -> None:
    sign_in("alice")
    response = client.post(reverse("accounts:verify"), {"otp_token": "000000" if current_code(alice_device) != "000000" else "111111"})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã dùng." in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302
    unthrottle(alice_device.user)
    response = client.post(reverse("accounts:verify"), {"otp_token": current_code(alice_device)})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    assert home.wsgi_request.user.is_verified()


def test_a_code_is_not_accepted_twice(sign_in: Any, client: Any, alice_device: Any) -> None:
    sign_in("alice")
    code = current_code(alice_device)
    assert client.post(reverse("accounts:verify"), {"otp_token": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    sign_in("alice")
    assert client.post(reverse("accounts:verify"), {"otp_token": code}).status_code == 200


def test_too_many_wrong_codes_send_back_to_the_password(sign_in: Any, client: Any, alice_device: Any, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 50
    sign_in("alice")
    wrong = "000000" if current_code(alice_device) != "000000" else "111111"
    for _n in range(4):
        unthrottle(alice_device.user)
        assert client.post(reverse("accounts:verify"), {"otp_token": wrong}).status_code == 200
    response = client.post(reverse("accounts:verify"), {"otp_token": wrong})
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:verify"))["Location"] == reverse("accounts:login")


def test_wrong_codes_count_towards_the_lock_out(sign_in: Any, client: Any, alice_device: Any, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    sign_in("alice")
    wrong = "000000" if current_code(alice_device) != "000000" else "111111"
    client.post(reverse("accounts:verify"), {"otp_token": wrong})
    client.post(reverse("accounts:verify"), {"otp_token": wrong})
    response = client.post(reverse("accounts:verify"), {"otp_token": current_code(alice_device)})
    assert response.status_code == 429
    assert "Đăng nhập tạm thời bị khoá" in response.content.decode()


def test_wrong_codes_for_one_account_leave_colleagues_at_the_same_address_signing_in(
    sign_in: Any, client: Any, users: dict[str, Any], alice_device: Any, settings: Any
) -> None:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.AXES_FAILURE_LIMIT = 5
    bob_device = TOTPDevice.objects.create(user=users["bob"], name="điện thoại", confirmed=True)
    sign_in("alice", ip="192.0.2.7")
    wrong = "000000" if current_code(alice_device) != "000000" else "111111"
    for _n in range(4):
        unthrottle(alice_device.user)
        assert client.post(reverse("accounts:verify"), {"otp_token": wrong}, REMOTE_ADDR="192.0.2.7").status_code == 200
    unthrottle(alice_device.user)
    response = client.post(reverse("accounts:verify"), {"otp_token": wrong}, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 429
    assert "cho tài khoản này, nên tài khoản này tạm thời bị khoá" in response.content.decode()
    # The attacked account stays locked, even with the right password.
    assert sign_in("alice", ip="192.0.2.7", c=Client()).status_code == 429
    # A colleague at the same address signs in with both factors.
    colleague = Client()
    assert sign_in("bob", ip="192.0.2.7", c=colleague)["Location"] == reverse("accounts:verify")
    response = colleague.post(
        reverse("accounts:verify"), {"otp_token": current_code(bob_device)}, REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:home")


def test_a_recovery_code_signs_in_once(sign_in: Any, client: Any, recovery: str) -> None:
    sign_in("alice")
    response = client.post(reverse("accounts:verify"), {"otp_token": recovery}, follow=True)
    assert response.status_code == 200 and response.wsgi_request.user.is_authenticated
    assert "còn 1 mã" in response.content.decode()
    client.post(reverse("accounts:logout"))
    sign_in("alice")
    response = client.post(reverse("accounts:verify"), {"otp_token": recovery})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã dùng." in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302


def test_signing_in_elsewhere_without_the_second_factor_is_undone(client: Any, users: dict[str, Any], alice_device: Any) -> None:
    # e.g. through the admin site's own sign-in form.
    client.force_login(users["alice"])
    response = client.get(reverse("core:home"))
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("accounts:login"))


def set_up_authenticator(client: Any) -> list[str]:
    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and "otpauth" not in body.split("<svg")[0][-200:]
    key = client.session["_phoihop_totp_key"]
    from phoihop.accounts.services import totp_secret_text

    secret = totp_secret_text(key)
    assert " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)) in body
    wrong = client.post(reverse("accounts:otp_setup"), {"otp_token": "12345"})
    assert "Mã không đúng" in wrong.content.decode()
    code = f"{TOTP(bytes.fromhex(key)).token():06d}"
    response = client.post(reverse("accounts:otp_setup"), {"otp_token": code})
    assert response.status_code == 200
    assert "Các mã này chỉ hiện một lần." in response.content.decode()
    return list(response.context["codes"])


def test_setting_up_an_authenticator_shows_recovery_codes_once(client: Any, users: dict[str, Any], sign_in: Any) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(users["bob"])
    codes = set_up_authenticator(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.filter(user=users["bob"], confirmed=True).count() == 1
    # The current session counts as verified; the next sign-in asks for a code.
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert sign_in("bob")["Location"] == reverse("accounts:verify")
    assert client.post(reverse("accounts:verify"), {"otp_token": codes[0]}).status_code == 302
    # New codes replace the old ones.
    new = client.post(reverse("accounts:otp_recovery")).context["codes"]
    client.post(reverse("accounts:logout"))
    sign_in("bob")
    assert client.post(reverse("accounts:verify"), {"otp_token": codes[1]}).status_code == 200
    unthrottle(users["bob"])
    assert client.post(reverse("accounts:verify"), {"otp_token": new[0]}).status_code == 302


def test_required_roles_must_set_up_an_authenticator_first(client: Any, users: dict[str, Any], sign_in: Any, settings: Any) -> None:
    settings.OTP_REQUIRED_ROLES = ["leader", "admin"]
    assert sign_in("leader").status_code == 302
    for url in (reverse("core:home"), reverse("agreements:list"), reverse("accounts:sessions")):
        assert client.get(url)["Location"] == reverse("accounts:otp_setup"), url
    htmx = client.get(reverse("agreements:list"), HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == reverse("accounts:otp_setup")
    page = client.get(reverse("accounts:otp_setup"))
    assert "Vai trò của bạn bắt buộc đăng nhập hai lớp" in page.content.decode()
    set_up_authenticator(client)
    assert client.get(reverse("core:home")).status_code == 200
    # Required: it cannot be turned off.
    client.post(reverse("accounts:otp_disable"))
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert TOTPDevice.objects.filter(user=users["leader"]).exists()


def test_other_roles_are_not_forced(client: Any, users: dict[str, Any], sign_in: Any, settings: Any) -> None:
    settings.OTP_REQUIRED_ROLES = ["leader", "admin"]
    sign_in("alice")
    assert client.get(reverse("core:home")).status_code == 200


def test_staff_can_be_required_too(client: Any, users: dict[str, Any], sign_in: Any, settings: Any) -> None:
    settings.OTP_REQUIRED_ROLES = ["staff"]
    sign_in("staff")
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:otp_setup")


def test_an_optional_authenticator_can_be_turned_off(client: Any, users: dict[str, Any]) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(users["bob"])
    set_up_authenticator(client)
    client.post(reverse("accounts:otp_disable"))
    assert not TOTPDevice.objects.filter(user=users["bob"]).exists()
    assert not StaticDevice.objects.filter(user=users["bob"]).exists()
