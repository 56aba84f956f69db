"""Receivers that write the audit trail for sign-ins, role changes and approvals.

Connected in AuditConfig.ready. Receivers never let a logging failure hide the user's action
from them, but they do not swallow errors either: a broken log is a bug to see.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save

from phoihop.audit.models import AuditEvent
from phoihop.audit.services import record

Action = AuditEvent.Action


def _user_org(user: Any) -> Any:
    """The user's first organisation (by membership id), for filtering by organisation."""
    from phoihop.accounts.models import Membership

    if user is None or getattr(user, "pk", None) is None:
        return None
    membership = Membership.objects.filter(user=user).select_related("organization").order_by("pk").first()
    return membership.organization if membership else None


def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(Action.SIGN_IN, actor=user, subject_user=user, organization=_user_org(user), request=request)


def on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
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
    from phoihop.accounts.models import Membership

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


# --- role changes -----------------------------------------------------------------------------


def membership_pre_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    old = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).values("role", "organization_id").first()
    instance._audit_before = old


def _role_label(role: str | None) -> str:
    from phoihop.accounts.models import Membership

    if not role:
        return "—"
    try:
        return str(Membership.Role(role).label)
    except ValueError:
        return role


def membership_post_save(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    old_role = before["role"] if before else None
    if not created and before and old_role == instance.role and before["organization_id"] == instance.organization_id:
        return
    user = instance.user
    detail = f"{user.get_username()}: {_role_label(old_role)} → {_role_label(instance.role)}"
    record(
        Action.PERMISSION_CHANGE,
        obj=instance,
        organization=instance.organization,
        subject_user=user,
        detail=detail,
    )


def membership_post_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    user = instance.user
    detail = f"{user.get_username()}: {_role_label(instance.role)} → —"
    record(
        Action.PERMISSION_CHANGE,
        obj=instance,
        organization=instance.organization,
        subject_user=user,
        detail=detail,
    )


FLAGS = ("is_staff", "is_superuser", "is_active")


def user_pre_save(sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields is not None and not set(update_fields) & set(FLAGS):
        instance._audit_flags = None  # e.g. last_login on every sign-in: nothing to compare
        return
    if raw or instance.pk is None:
        instance._audit_flags = None
        return
    instance._audit_flags = (
        sender._default_manager.filter(pk=instance.pk)
        .values(*FLAGS)
        .first()
    )


def user_post_save(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """System-administrator rights and deactivation are permission changes too."""
    before = getattr(instance, "_audit_flags", None)
    if raw or created or not before:
        return
    changed = [
        f"{flag}: {before[flag]} → {getattr(instance, flag)}"
        for flag in FLAGS
        if before[flag] != getattr(instance, flag)
    ]
    if changed:
        record(
            Action.PERMISSION_CHANGE,
            subject_user=instance,
            detail=f"{instance.get_username()}: " + "; ".join(changed),
        )


# --- approvals --------------------------------------------------------------------------------


def activity_pre_save(sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any) -> None:
    instance._audit_old_status = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and "status" not in update_fields:
        return
    instance._audit_old_status = (
        sender._default_manager.filter(pk=instance.pk).values_list("status", flat=True).first()
    )


def activity_post_save(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or created:
        return
    old = getattr(instance, "_audit_old_status", None)
    status = instance.status
    if old is None or old == status:
        return
    Status = sender.Status
    if status == Status.APPROVED:
        action, actor, detail = Action.ACTIVITY_APPROVE, instance.approved_by, ""
    elif status == Status.RETURNED:
        action, actor, detail = Action.ACTIVITY_RETURN, instance.returned_by, instance.reviewer_note
    else:
        return
    organizations = list(instance.organizations.all())
    organization = organizations[0] if organizations else None
    if actor is not None:
        from phoihop.accounts.access import approver_org_ids

        mine = approver_org_ids(actor)
        organization = next((o for o in organizations if o.pk in mine), organization)
    record(action, obj=instance, actor=actor, organization=organization, detail=detail or "")


def connect() -> None:
    from phoihop.accounts.models import Membership
    from phoihop.activities.models import Activity

    User = get_user_model()
    uid = "phoihop.audit"
    user_logged_in.connect(on_logged_in, dispatch_uid=f"{uid}.in")
    user_logged_out.connect(on_logged_out, dispatch_uid=f"{uid}.out")
    user_login_failed.connect(on_login_failed, dispatch_uid=f"{uid}.failed")
    pre_save.connect(membership_pre_save, sender=Membership, dispatch_uid=f"{uid}.m_pre")
    post_save.connect(membership_post_save, sender=Membership, dispatch_uid=f"{uid}.m_post")
    post_delete.connect(membership_post_delete, sender=Membership, dispatch_uid=f"{uid}.m_del")
    pre_save.connect(user_pre_save, sender=User, dispatch_uid=f"{uid}.u_pre")
    post_save.connect(user_post_save, sender=User, dispatch_uid=f"{uid}.u_post")
    pre_save.connect(activity_pre_save, sender=Activity, dispatch_uid=f"{uid}.a_pre")
    post_save.connect(activity_post_save, sender=Activity, dispatch_uid=f"{uid}.a_post")
