"""The declared rule is also the check for the coarse ones: staff and authenticated."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from phoihop.core.access import rule


@rule("staff")
def staff_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


@rule("authenticated")
def signed_in_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def _get(user: User | AnonymousUser) -> HttpRequest:
    request = RequestFactory().get("/trang/")
    request.user = user
    return request


def test_it_keeps_the_declared_rule_on_the_view() -> None:
    assert staff_page.access_rule == "staff"  # type: ignore[attr-defined]
    assert signed_in_page.access_rule == "authenticated"  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_it_lets_a_system_administrator_through() -> None:
    admin = User.objects.create_user("quan-tri", password="x", is_staff=True)
    assert staff_page(_get(admin)).status_code == 200


@pytest.mark.django_db
def test_it_refuses_a_signed_in_user_who_is_not_staff() -> None:
    user = User.objects.create_user("can-bo", password="x")
    with pytest.raises(PermissionDenied):
        staff_page(_get(user))
    assert signed_in_page(_get(user)).status_code == 200


@pytest.mark.django_db
def test_it_refuses_an_inactive_staff_account() -> None:
    user = User.objects.create_user("nghi-viec", password="x", is_staff=True, is_active=False)
    with pytest.raises(PermissionDenied):
        staff_page(_get(user))


def test_it_sends_an_anonymous_user_to_sign_in() -> None:
    for view in (staff_page, signed_in_page):
        response = view(_get(AnonymousUser()))
        assert response.status_code == 302
        assert "next=/trang/" in response["Location"]
