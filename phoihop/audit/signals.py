"""Receivers that write the audit trail for sign-ins, sign-outs and failed sign-ins.

Role changes and approvals are recorded by the services that make them (accounts, activities),
not by save signals.

Connected in AuditConfig.ready. Receivers never let a logging failure hide the user's action
from them, but they do not swallow errors either: a broken log is a bug to see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from phoihop.audit.models import AuditEvent
from phoihop.audit.services import record

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.orgs.models import Organization

Action = AuditEvent.Action


def _user_org(user: User) -> Organization | None:
    """The user's first organisation (by membership id), for filtering by organisation."""
    from phoihop.orgs.models import Membership

    if user is None or getattr(user, "pk", None) is None:
        return None
    membership = Membership.objects.filter(user=user).select_related("organization").order_by("pk").first()
    return membership.organization if membership else None


def on_logged_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    record(Action.SIGN_IN, actor=user, subject_user=user, organization=_user_org(user), request=request)


def on_logged_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is None:
        return
    record(Action.SIGN_OUT, actor=user, subject_user=user, organization=_user_org(user), request=request)


def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # Django has already replaced sensitive values (the password) with asterisks.
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")
    username = username.replace("\x00", "")[:150]
    known = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    # The same queries whether or not the account exists: the answer's timing must not tell.
    from phoihop.orgs.models import Membership

    membership = (
        Membership.objects.filter(**{f"user__{User.USERNAME_FIELD}": username})
        .select_related("organization").order_by("pk").first()
    )
    record(
        Action.SIGN_IN_FAILED,
        subject_user=known,
        organization=membership.organization if membership else None,
        detail=username,
        request=request,
    )


def connect() -> None:
    uid = "phoihop.audit"
    user_logged_in.connect(on_logged_in, dispatch_uid=f"{uid}.in")
    user_logged_out.connect(on_logged_out, dispatch_uid=f"{uid}.out")
    user_login_failed.connect(on_login_failed, dispatch_uid=f"{uid}.failed")
