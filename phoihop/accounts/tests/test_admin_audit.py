"""Changes made on the admin site reach the audit trail through the accounts services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from phoihop.audit.models import AuditEvent
from phoihop.orgs.models import Membership

A = AuditEvent.Action


def changes() -> list[str]:
    return list(
        AuditEvent.objects.filter(action=A.PERMISSION_CHANGE)
        .order_by("id")
        .values_list("detail", flat=True)
    )


def test_it_audits_roles_and_rights_changed_on_the_admin_site(
    users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    request = RequestFactory().post("/quan-tri/")
    request.user = users["staff"]
    before = changes()

    membership_admin = admin.site._registry[Membership]
    membership = Membership.objects.get(user=users["bob"], organization=orgs["district"])
    membership.role = Membership.Role.OFFICER
    membership_admin.save_model(request, membership, form=None, change=True)
    membership_admin.delete_queryset(request, Membership.objects.filter(pk=membership.pk))

    user_admin = admin.site._registry[get_user_model()]
    users["charlie"].is_superuser = True
    user_admin.save_model(request, users["charlie"], form=None, change=True)

    assert changes()[len(before) :] == [
        "bob: Chỉ xem → Cán bộ thực hiện",
        "bob: Cán bộ thực hiện → —",
        "charlie: is_superuser: False → True",
    ]
    assert not Membership.objects.filter(pk=membership.pk).exists()
    last = AuditEvent.objects.filter(action=A.PERMISSION_CHANGE).order_by("id").last()
    assert last is not None and last.actor == users["staff"]
