"""Invitations, the members page, role changes and disabling accounts."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from phoihop.accounts.models import Invitation
from phoihop.orgs.models import Membership
from phoihop.testing.builders import make_user
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Phoi-hop-2026-an-toan"


def invite(client: Any, org: Any, email: str = "moi@example.org", role: str = "officer") -> Any:
    return client.post(reverse("accounts:invite", args=[org.pk]), {"email": email, "role": role})


def link_from_mail() -> str:
    body = mail.outbox[-1].body
    assert isinstance(body, str)
    found = re.search(r"https?://\S+/tai-khoan/loi-moi/\S+/", body)
    assert found, body
    return found.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_an_admin_invites_and_the_link_creates_the_account(client: Any, admin_user: Any, orgs: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, orgs["district"], "Moi@Example.org", "leader")
    assert response["Location"] == reverse("accounts:members", args=[orgs["district"].pk])
    assert mail.outbox[-1].to == ["moi@example.org"]
    assert "Ban Chỉ huy Quân sự Quận 4" in mail.outbox[-1].body and "Lãnh đạo" in mail.outbox[-1].body
    url = link_from_mail()
    client.post(reverse("accounts:logout"))

    page = client.get(url)
    assert page.status_code == 200
    assert "moi@example.org" in page.content.decode()
    # Django's password validators apply.
    weak = client.post(url, {"username": "moi", "first_name": "Mới", "password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 200
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in weak.context["form"].errors["password1"]
    assert not Membership.objects.filter(user__username="moi").exists()

    done = client.post(url, {"username": "moi", "last_name": "Nguyễn Văn", "first_name": "Mới", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert done.status_code == 302
    membership = Membership.objects.get(user__username="moi")
    assert membership.organization == orgs["district"] and membership.role == "leader"
    assert membership.user.email == "moi@example.org"
    assert client.get(reverse("core:home")).status_code == 200

    # The link is spent.
    client.post(reverse("accounts:logout"))
    again = client.get(url)
    assert again.status_code == 410
    assert "Liên kết mời này đã được dùng." in again.content.decode()


def test_an_expired_or_forged_link_is_refused(client: Any, admin_user: Any, orgs: dict[str, Any]) -> None:
    from phoihop.accounts.services import invitation_token

    invitation = Invitation.objects.create(
        email="cu@example.org", organization=orgs["district"], role="officer", invited_by=admin_user,
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    url = reverse("accounts:invitation_accept", args=[invitation_token(invitation)])
    response = client.get(url)
    assert response.status_code == 410
    assert "Liên kết mời đã hết hạn." in response.content.decode()
    posted = client.post(url, {"username": "cu", "first_name": "Cũ", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert posted.status_code == 410
    assert not Membership.objects.filter(user__username="cu").exists()

    forged = client.get(reverse("accounts:invitation_accept", args=[invitation_token(invitation)[:-3] + "abc"]))
    assert forged.status_code == 410
    assert "Liên kết mời không hợp lệ." in forged.content.decode()


def test_a_revoked_invitation_cannot_be_used(client: Any, admin_user: Any, orgs: dict[str, Any]) -> None:
    from phoihop.accounts.services import invitation_token

    client.force_login(admin_user)
    invite(client, orgs["district"])
    invitation = Invitation.objects.get()
    client.post(reverse("accounts:invite_revoke", args=[invitation.pk]))
    client.post(reverse("accounts:logout"))
    response = client.get(reverse("accounts:invitation_accept", args=[invitation_token(invitation)]))
    assert response.status_code == 410 and "Lời mời này đã bị thu hồi." in response.content.decode()


def test_only_admins_of_the_organisation_and_staff_manage_members(client: Any, users: dict[str, Any], admin_user: Any, orgs: dict[str, Any]) -> None:
    for name in ("alice", "leader", "charlie"):
        client.force_login(users[name])
        assert client.get(reverse("accounts:members", args=[orgs["district"].pk])).status_code == 404
        assert invite(client, orgs["district"]).status_code == 404
    # An admin of the district does not manage the ward below it.
    client.force_login(admin_user)
    assert client.get(reverse("accounts:members", args=[orgs["ward"].pk])).status_code == 404
    assert client.get(reverse("accounts:members", args=[orgs["district"].pk])).status_code == 200
    client.force_login(users["staff"])
    assert client.get(reverse("accounts:members", args=[orgs["ward"].pk])).status_code == 200
    assert not Invitation.objects.exists()


def test_an_address_that_already_has_an_account_is_not_invited(client: Any, admin_user: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    users["charlie"].email = "charlie@example.org"
    users["charlie"].save()
    client.force_login(admin_user)
    response = invite(client, orgs["district"], "charlie@example.org")
    assert response.status_code == 200
    assert "Địa chỉ này đã có tài khoản." in response.content.decode()


def test_the_members_page_lists_members_with_constant_queries(client: Any, admin_user: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    client.force_login(admin_user)
    url = reverse("accounts:members", args=[orgs["district"].pk])
    client.get(url)
    with assert_queries(MEMBERS_QUERIES):
        body = client.get(url).content.decode()
    assert "alice" in body and "leader" in body and "charlie" not in body
    for n in range(6):
        make_user(f"them{n}", org=orgs["district"], role="viewer", password="x")
    invite(client, orgs["district"], "a@example.org")
    invite(client, orgs["district"], "b@example.org")
    with assert_queries(MEMBERS_QUERIES):
        client.get(url)


MEMBERS_QUERIES = 8


def role_of(user: Any, org: Any) -> str:
    return Membership.objects.get(user=user, organization=org).role


def test_an_admin_changes_roles(client: Any, admin_user: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client.force_login(admin_user)
    m = Membership.objects.get(user=users["alice"], organization=orgs["district"])
    response = client.post(reverse("accounts:member_role", args=[m.pk]), {"role": "leader"}, follow=True)
    assert role_of(users["alice"], orgs["district"]) == "leader"
    assert "Đã đổi vai trò của alice." in response.content.decode()
    client.post(reverse("accounts:member_role", args=[m.pk]), {"role": "boss"})
    assert role_of(users["alice"], orgs["district"]) == "leader"


def test_the_last_admin_cannot_demote_himself(client: Any, admin_user: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    client.force_login(admin_user)
    mine = Membership.objects.get(user=admin_user, organization=orgs["district"])
    response = client.post(reverse("accounts:member_role", args=[mine.pk]), {"role": "officer"}, follow=True)
    assert "Bạn là quản trị duy nhất của đơn vị" in response.content.decode()
    assert role_of(admin_user, orgs["district"]) == "admin"
    # With a second admin, he may step down.
    alice = Membership.objects.get(user=users["alice"], organization=orgs["district"])
    client.post(reverse("accounts:member_role", args=[alice.pk]), {"role": "admin"})
    client.post(reverse("accounts:member_role", args=[mine.pk]), {"role": "officer"})
    assert role_of(admin_user, orgs["district"]) == "officer"
    # ... and, no longer an admin, manages nothing.
    assert client.get(reverse("accounts:members", args=[orgs["district"].pk])).status_code == 404


def test_a_disabled_second_admin_does_not_count(client: Any, admin_user: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    Membership.objects.filter(user=users["alice"]).update(role="admin")
    users["alice"].is_active = False
    users["alice"].save()
    client.force_login(admin_user)
    mine = Membership.objects.get(user=admin_user, organization=orgs["district"])
    client.post(reverse("accounts:member_role", args=[mine.pk]), {"role": "officer"})
    assert role_of(admin_user, orgs["district"]) == "admin"


def test_an_admin_disables_and_enables_an_account(client: Any, admin_user: Any, users: dict[str, Any], orgs: dict[str, Any], sign_in: Any) -> None:
    from django.test import Client

    alice_client = Client()
    sign_in("alice", c=alice_client)
    assert alice_client.get(reverse("core:home")).status_code == 200

    client.force_login(admin_user)
    m = Membership.objects.get(user=users["alice"], organization=orgs["district"])
    response = client.post(reverse("accounts:member_active", args=[m.pk]), {"active": "0"}, follow=True)
    assert "Đã khoá tài khoản của alice." in response.content.decode()
    users["alice"].refresh_from_db()
    assert not users["alice"].is_active
    # Her open session ends, and she cannot sign in again.
    assert alice_client.get(reverse("core:home")).status_code == 302
    assert sign_in("alice", c=Client()).status_code == 200

    client.post(reverse("accounts:member_active", args=[m.pk]), {"active": "1"})
    users["alice"].refresh_from_db()
    assert users["alice"].is_active
    assert sign_in("alice", c=Client()).status_code == 302


def test_nobody_disables_himself(client: Any, admin_user: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    client.force_login(admin_user)
    mine = Membership.objects.get(user=admin_user, organization=orgs["district"])
    response = client.post(reverse("accounts:member_active", args=[mine.pk]), {"active": "0"}, follow=True)
    assert "Bạn không thể tự khoá tài khoản của mình." in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_an_org_admin_cannot_disable_a_member_of_another_organisation(client: Any, admin_user: Any, orgs: dict[str, Any], users: dict[str, Any]) -> None:
    Membership.objects.create(user=users["alice"], organization=orgs["board"], role="officer")
    client.force_login(admin_user)
    m = Membership.objects.get(user=users["alice"], organization=orgs["district"])
    response = client.post(reverse("accounts:member_active", args=[m.pk]), {"active": "0"}, follow=True)
    assert "thuộc đơn vị khác" in response.content.decode()
    users["alice"].refresh_from_db()
    assert users["alice"].is_active
    # Staff may.
    client.force_login(users["staff"])
    client.post(reverse("accounts:member_active", args=[m.pk]), {"active": "0"})
    users["alice"].refresh_from_db()
    assert not users["alice"].is_active
