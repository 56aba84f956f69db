"""Writes for accounts: invitations, members' roles and accounts, sign-in sessions, two factors."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import ApiToken, Invitation, UserSession
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEvent
from phoihop.orgs.access import can_administer_org, forget
from phoihop.orgs.models import Membership, Organization
from phoihop.vn.names import person_name

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_totp.models import TOTPDevice


INVITATION_SALT = "phoihop.accounts.invitation"
RECOVERY_CODE_COUNT = 10


# --- invitations ------------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    path = reverse("accounts:invitation_accept", kwargs={"token": invitation_token(invitation)})
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def invitation_create(
    *, actor: User, organization: Organization, email: str, role: str
) -> Invitation:
    if not can_administer_org(actor, organization.pk):
        raise ValidationError(_("Bạn không quản trị đơn vị này."))
    email = email.strip().lower()
    if role not in Membership.Role.values:
        raise ValidationError(_("Vai trò không hợp lệ."))
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError(_("Người có địa chỉ này đã là thành viên của đơn vị."))
    User = get_user_model()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _("Địa chỉ này đã có tài khoản. Hãy nhờ quản trị hệ thống thêm tài khoản đó vào đơn vị.")
        )
    now = timezone.now()
    invitation = Invitation.objects.create(
        email=email, organization=organization, role=role, invited_by=actor,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_DAYS),
    )
    url = invitation_url(invitation)
    inviter = person_name(actor)
    subject = _("Lời mời tham gia phoihop — %(org)s") % {"org": organization.name}
    body = _(
        "%(inviter)s mời bạn tham gia %(org)s trên phoihop với vai trò %(role)s.\n\n"
        "Mở liên kết sau để tạo tài khoản (dùng được một lần, hết hạn sau %(days)s ngày):\n"
        "%(url)s\n\nNếu bạn không chờ lời mời này, hãy bỏ qua thư."
    ) % {
        "inviter": inviter, "org": organization.name, "role": invitation.get_role_display(),
        "days": settings.INVITATION_DAYS, "url": url,
    }
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    )
    return invitation


def invitation_from_token(token: str) -> Invitation:
    """The invitation a link names, or ValidationError saying why the link cannot be used."""
    max_age = datetime.timedelta(days=settings.INVITATION_DAYS)
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(
            _("Liên kết mời đã hết hạn. Hãy đề nghị quản trị đơn vị gửi lời mời mới."),
            code="expired",
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("Liên kết mời không hợp lệ."), code="invalid") from None
    invitation = (
        Invitation.objects.select_related("organization").filter(pk=data.get("i")).first()
    )
    if invitation is None or invitation.email != data.get("e"):
        raise ValidationError(_("Liên kết mời không hợp lệ."), code="invalid")
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("Liên kết mời này đã được dùng. Hãy đăng nhập bằng tài khoản đã tạo."), code="used"
        )
    if invitation.revoked_at is not None:
        raise ValidationError(_("Lời mời này đã bị thu hồi."), code="revoked")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("Liên kết mời đã hết hạn. Hãy đề nghị quản trị đơn vị gửi lời mời mới."),
            code="expired",
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *, token: str, username: str, first_name: str, last_name: str, password: str
) -> User:
    """Create the invited person's account and membership; the link is spent."""
    invitation = invitation_from_token(token)
    # Lock the row so that two submissions of one link cannot both succeed.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("Liên kết mời này đã được dùng."), code="used")
    User = get_user_model()
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")})
    user = User(
        username=username, email=invitation.email, first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password1": exc.messages}) from None
    user.set_password(password)
    user.save()
    membership = Membership.objects.create(
        user=user, organization=invitation.organization, role=invitation.role
    )
    _record_role_change(actor=None, membership=membership, old_role=None, new_role=membership.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    if not can_administer_org(actor, invitation.organization_id):
        raise ValidationError(_("Bạn không quản trị đơn vị này."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("Lời mời đã được nhận, không thu hồi được."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


# --- members ----------------------------------------------------------------------------------


def _active_admins(organization_id: int) -> QuerySet[Membership]:
    return Membership.objects.filter(
        organization_id=organization_id, role=Membership.Role.ADMIN, user__is_active=True
    )


@transaction.atomic
def member_set_role(*, actor: User, membership: Membership, role: str) -> Membership:
    if not can_administer_org(actor, membership.organization_id):
        raise ValidationError(_("Bạn không quản trị đơn vị này."))
    if role not in Membership.Role.values:
        raise ValidationError(_("Vai trò không hợp lệ."))
    if role == membership.role:
        return membership
    if (
        membership.user_id == actor.pk
        and membership.role == Membership.Role.ADMIN
        and not _active_admins(membership.organization_id).exclude(pk=membership.pk).exists()
    ):
        raise ValidationError(
            _("Bạn là quản trị duy nhất của đơn vị: hãy giao vai trò quản trị cho người khác trước khi đổi vai trò của mình.")
        )
    old_role = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    _record_role_change(actor=actor, membership=membership, old_role=old_role, new_role=role)
    forget(actor)
    return membership


def _role_label(role: str | None) -> str:
    if not role:
        return "—"
    try:
        return str(Membership.Role(role).label)
    except ValueError:
        return role


def _record_role_change(
    *, actor: User | None, membership: Membership, old_role: str | None, new_role: str | None
) -> None:
    """A role given, changed or taken away is a permission change in the audit trail."""
    user = membership.user
    audit.record(
        AuditEvent.Action.PERMISSION_CHANGE,
        obj=membership,
        actor=actor,
        organization=membership.organization,
        subject_user=user,
        detail=f"{user.get_username()}: {_role_label(old_role)} → {_role_label(new_role)}",
    )


@transaction.atomic
def membership_save(*, actor: User, membership: Membership) -> Membership:
    """Save a membership as the system administrator edited it (the admin site), recording a
    new membership or a change of its role or organisation."""
    before = (
        Membership.objects.filter(pk=membership.pk).values("role", "organization_id").first()
        if membership.pk is not None
        else None
    )
    membership.save()
    if (
        before is None
        or before["role"] != membership.role
        or before["organization_id"] != membership.organization_id
    ):
        old_role = before["role"] if before else None
        _record_role_change(
            actor=actor, membership=membership, old_role=old_role, new_role=membership.role
        )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """Take a user out of an organisation (the admin site); the trail keeps the role they had."""
    _record_role_change(actor=actor, membership=membership, old_role=membership.role, new_role=None)
    membership.delete()


# What a system administrator may change on an account that is a permission change too.
ACCOUNT_FLAGS = ("is_staff", "is_superuser", "is_active")


def _record_flag_changes(*, actor: User, user: User, before: Mapping[str, object]) -> None:
    changed = [
        f"{flag}: {before[flag]} → {getattr(user, flag)}"
        for flag in ACCOUNT_FLAGS
        if before[flag] != getattr(user, flag)
    ]
    if changed:
        audit.record(
            AuditEvent.Action.PERMISSION_CHANGE,
            actor=actor,
            subject_user=user,
            detail=f"{user.get_username()}: " + "; ".join(changed),
        )


@transaction.atomic
def user_save(*, actor: User, user: User) -> User:
    """Save an account as the system administrator edited it (the admin site), recording any
    change of its system-administrator rights or of its being active."""
    before = (
        get_user_model()._default_manager.filter(pk=user.pk).values(*ACCOUNT_FLAGS).first()
        if user.pk is not None
        else None
    )
    user.save()
    if before is not None:
        _record_flag_changes(actor=actor, user=user, before=before)
    return user


@transaction.atomic
def member_set_active(*, actor: User, membership: Membership, active: bool) -> User:
    """Disable or enable the account of an organisation's member. A disabled account cannot
    sign in and its open sessions end at their next request."""
    if not can_administer_org(actor, membership.organization_id):
        raise ValidationError(_("Bạn không quản trị đơn vị này."))
    user = membership.user
    if user.pk == actor.pk:
        raise ValidationError(_("Bạn không thể tự khoá tài khoản của mình."))
    from phoihop.orgs.access import scope

    if not scope(actor).is_system_admin:
        if user.is_staff or user.is_superuser:
            raise ValidationError(_("Chỉ quản trị hệ thống mới khoá được tài khoản quản trị hệ thống."))
        from phoihop.orgs.access import administered_org_ids

        elsewhere = Membership.objects.filter(user=user).exclude(
            organization_id__in=administered_org_ids(actor)
        )
        if elsewhere.exists():
            raise ValidationError(
                _("Tài khoản này còn thuộc đơn vị khác mà bạn không quản trị; hãy đề nghị quản trị hệ thống.")
            )
    if user.is_active == active:
        return user
    before = {flag: getattr(user, flag) for flag in ACCOUNT_FLAGS}
    user.is_active = active
    user.save(update_fields=["is_active"])
    _record_flag_changes(actor=actor, user=user, before=before)
    if not active:
        for record in UserSession.objects.filter(user=user, ended_at__isnull=True):
            _end_session(record)
    return user


# --- sign-in sessions -------------------------------------------------------------------------


def session_record(*, user: User, session_key: str, ip_address: str | None, user_agent: str) -> UserSession:
    now = timezone.now()
    return UserSession.objects.create(
        user=user, session_key=session_key, ip_address=ip_address, user_agent=user_agent,
        last_seen_at=now,
    )


def _end_session(record: UserSession) -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    store(session_key=record.session_key).delete()
    record.ended_at = timezone.now()
    record.save(update_fields=["ended_at"])


@transaction.atomic
def session_end(*, actor: User, record: UserSession, current_key: str | None) -> None:
    if record.user_id != actor.pk:
        raise ValidationError(_("Phiên này không phải của bạn."))
    if record.session_key == current_key:
        raise ValidationError(_("Đây là phiên bạn đang dùng; hãy đăng xuất để kết thúc nó."))
    if record.ended_at is None:
        _end_session(record)


def session_rekey(*, old_key: str | None, new_key: str | None) -> None:
    """Follow a session whose key changed (after a password change)."""
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


@transaction.atomic
def sessions_end_others(*, actor: User, current_key: str | None) -> int:
    records = list(
        UserSession.objects.filter(user=actor, ended_at__isnull=True).exclude(session_key=current_key)
    )
    for record in records:
        _end_session(record)
    return len(records)


# --- two factors ------------------------------------------------------------------------------


def totp_new_key() -> str:
    from django_otp.plugins.otp_totp.models import default_key

    return str(default_key())


def totp_secret_text(key: str) -> str:
    """The secret as authenticator apps take it when typed in (base32)."""
    import base64

    return base64.b32encode(bytes.fromhex(key)).decode().rstrip("=")


def totp_config_url(user: User, key: str) -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return str(TOTPDevice(user=user, key=key, name="").config_url)


@transaction.atomic
def totp_confirm(*, actor: User, key: str, token: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm a new authenticator with a code it shows; it replaces any earlier one.
    Returns the device and fresh recovery codes, to be shown once."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    token = token.strip().replace(" ", "")
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6, drift=0)
    if not (token.isdigit() and len(token) == 6 and totp.verify(int(token), tolerance=1)):
        raise ValidationError(_("Mã không đúng. Hãy nhập mã 6 số đang hiện trong ứng dụng."))
    TOTPDevice.objects.filter(user=actor).delete()
    device = TOTPDevice.objects.create(
        user=actor, key=key, name=_("Ứng dụng xác thực"), confirmed=True, last_t=totp.t()
    )
    return device, recovery_codes_generate(actor=actor)


@transaction.atomic
def recovery_codes_generate(*, actor: User) -> list[str]:
    """New recovery codes, each usable once; earlier codes stop working."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=actor).delete()
    device = StaticDevice.objects.create(user=actor, name=_("Mã dự phòng"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def two_factor_disable(*, actor: User) -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from phoihop.accounts.security import otp_required_for

    if otp_required_for(actor):
        raise ValidationError(_("Vai trò của bạn bắt buộc đăng nhập hai lớp; không tắt được."))
    TOTPDevice.objects.filter(user=actor).delete()
    StaticDevice.objects.filter(user=actor).delete()


# --- personal access tokens for the API -------------------------------------------------------

API_TOKEN_PREFIX = "php_"
# The last use is written at most this often (seconds): a busy script's every request should
# not be an UPDATE.
API_TOKEN_USE_RESOLUTION = 60


class ApiTokenRefused(Exception):
    """The bearer token cannot be used: ``code`` is invalid, expired, revoked or inactive."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def api_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: User, name: str, expires_on: datetime.date, access: str
) -> tuple[ApiToken, str]:
    """A new token of ``actor`` and its secret, which is not kept: the caller shows it once.

    It lasts until the end of ``expires_on`` (local time), at most API_TOKEN_MAX_DAYS ahead."""
    name = " ".join((name or "").split())
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Cần đặt tên cho khoá, ví dụ tên hệ thống sẽ dùng nó.")
    today = timezone.localdate()
    longest = today + datetime.timedelta(days=settings.API_TOKEN_MAX_DAYS)
    if expires_on <= today:
        errors["expires_on"] = _("Ngày hết hạn phải sau hôm nay.")
    elif expires_on > longest:
        errors["expires_on"] = _("Khoá dùng được tối đa %(days)s ngày, đến %(date)s.") % {
            "days": settings.API_TOKEN_MAX_DAYS, "date": longest.strftime("%d/%m/%Y"),
        }
    if access not in ApiToken.Access.values:
        errors["access"] = _("Quyền không hợp lệ.")
    if errors:
        raise ValidationError(errors)
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    end_of_day = datetime.datetime.combine(expires_on, datetime.time.max)
    token = ApiToken.objects.create(
        user=actor, name=name[:100], access=access, prefix=secret[:12],
        secret_hash=api_token_hash(secret),
        expires_at=timezone.make_aware(end_of_day),
    )
    audit.record(
        AuditEvent.Action.API_TOKEN_CREATE, actor=actor, subject_user=actor,
        detail=f"{token.name} ({token.get_access_display()}, {token.prefix}…)",
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    """Revoke one of the actor's tokens: it stops working at once. Revoking twice is a no-op."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        AuditEvent.Action.API_TOKEN_REVOKE, actor=actor, subject_user=actor,
        detail=f"{token.name} ({token.prefix}…)",
    )


def api_token_authenticate(*, secret: str) -> ApiToken:
    """The live token whose secret this is, with its user, or ``ApiTokenRefused``."""
    if not secret.startswith(API_TOKEN_PREFIX) or len(secret) > 200:
        raise ApiTokenRefused("invalid")
    token = (
        ApiToken.objects.select_related("user").filter(secret_hash=api_token_hash(secret)).first()
    )
    if token is None:
        raise ApiTokenRefused("invalid")
    if token.revoked_at is not None:
        raise ApiTokenRefused("revoked")
    if token.expires_at <= timezone.now():
        raise ApiTokenRefused("expired")
    if not token.user.is_active:
        raise ApiTokenRefused("inactive")
    return token


def api_token_used(*, token: ApiToken, detail: str) -> None:
    """Note a use of ``token``: its last use (at most once a minute), and the first use of each
    day in the audit log. One row a day per token, not one per request: a system that reads
    the API all day would otherwise bury everything else in the log (writes are logged each)."""
    now = timezone.now()
    last = token.last_used_at
    if last is not None and (now - last).total_seconds() < API_TOKEN_USE_RESOLUTION:
        return
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(now), datetime.time.min))
    rows = ApiToken.objects.filter(pk=token.pk)
    # Conditional, so that of two first requests of the day only one writes the audit row.
    first_today = rows.filter(
        models.Q(last_used_at__isnull=True) | models.Q(last_used_at__lt=midnight)
    ).update(last_used_at=now)
    if first_today:
        audit.record(
            AuditEvent.Action.API_TOKEN_USE, actor=token.user, subject_user=token.user,
            detail=f"{token.name} ({token.prefix}…): {detail}"[:1000],
        )
    else:
        rows.update(last_used_at=now)
    token.last_used_at = now
