"""Sign-in (password, then the second factor), one's own account and security, and the members
page of an organisation's admins."""

from __future__ import annotations

import datetime
import time
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from phoihop.accounts import security, selectors, services
from phoihop.accounts.access import (
    administered_organizations,
    get_api_token_for_user,
    get_membership_for_admin,
    get_org_for_member_admin,
    get_session_for_user,
)
from phoihop.accounts.forms import (
    AcceptForm,
    ApiTokenForm,
    ChangePasswordForm,
    InviteForm,
    RoleForm,
    SetupForm,
    SignInForm,
    TokenForm,
)
from phoihop.accounts.models import Invitation
from phoihop.core.access import SignedInRequest, is_system_admin, rule
from phoihop.core.views_util import add_errors
from phoihop.orgs.models import Membership
from phoihop.vn.names import person_name

PENDING_SECONDS = 5 * 60
PENDING_ATTEMPTS = 5


def _next_url(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse(settings.LOGIN_REDIRECT_URL)


def _show_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- sign-in ----------------------------------------------------------------------------------


@rule("public")
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request, request.GET.get("next")))
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if security.confirmed_devices(user):
            request.session.cycle_key()
            request.session[security.PENDING_KEY] = {
                # authenticate() set user.backend; django-stubs do not declare that attribute.
                "user": user.pk, "backend": user.backend,  # type: ignore[attr-defined]
                "next": next_url,
                "since": time.time(), "attempts": 0,
            }
            return redirect("accounts:verify")
        auth_login(request, user)
        return redirect(_next_url(request, next_url))
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def _pending(request: HttpRequest) -> dict[str, Any] | None:
    pending = request.session.get(security.PENDING_KEY)
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        return None
    return pending  # type: ignore[no-any-return]


@rule("public")
@sensitive_post_parameters("otp_token")
@csrf_protect
@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    pending = _pending(request)
    user = None
    if pending is not None:
        user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if pending is None or user is None:
        request.session.pop(security.PENDING_KEY, None)
        messages.info(request, _("Phiên đăng nhập đã hết hạn. Mời nhập lại mật khẩu."))
        return redirect("accounts:login")
    from axes.handlers.proxy import AxesProxyHandler

    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        request.session.pop(security.PENDING_KEY, None)
        from axes.helpers import get_lockout_response

        return get_lockout_response(request, None, credentials)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from django_otp import match_token

        device = match_token(user, form.cleaned_data["otp_token"])
        if device is not None:
            del request.session[security.PENDING_KEY]
            # What authenticate() and django-otp set on a user at run time; django-stubs do not
            # declare these attributes.
            user.backend = pending["backend"]  # type: ignore[attr-defined]
            user.otp_device = device  # type: ignore[attr-defined]
            request._phoihop_otp_device = device  # type: ignore[attr-defined]
            auth_login(request, user)
            from django_otp.plugins.otp_static.models import StaticDevice

            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _("Bạn vừa dùng một mã dự phòng; còn %(n)s mã. Hãy tạo bộ mã mới nếu sắp hết.")
                    % {"n": left},
                )
            return redirect(_next_url(request, pending.get("next")))
        # A wrong code counts as a failed sign-in for the account and the address.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        pending["attempts"] = pending.get("attempts", 0) + 1
        if pending["attempts"] >= PENDING_ATTEMPTS:
            del request.session[security.PENDING_KEY]
            messages.error(request, _("Nhập sai mã quá nhiều lần. Mời đăng nhập lại."))
            return redirect("accounts:login")
        request.session[security.PENDING_KEY] = pending
        form.add_error("otp_token", _("Mã không đúng hoặc đã dùng. Mời thử lại."))
        form.data = {}  # the wrong code is not shown back
    return render(request, "accounts/verify.html", {"form": form})


logout = rule("authenticated")(auth_views.LogoutView.as_view())


# --- one's own account ------------------------------------------------------------------------


@rule("authenticated")
def account(request: SignedInRequest) -> HttpResponse:
    user = request.user
    from django_otp.plugins.otp_static.models import StaticToken

    return render(request, "accounts/account.html", {
        "memberships": selectors.memberships_of(user),
        # A system administrator manages every body: reached from the registry, not listed here.
        "manages_every_org": is_system_admin(user),
        "administered": [] if is_system_admin(user) else administered_organizations(user),
        "has_authenticator": security.has_authenticator(user),
        "otp_required": security.otp_required_for(user),
        "recovery_left": StaticToken.objects.filter(device__user=user).count(),
        "nav": "account",
    })


@rule("authenticated")
@sensitive_post_parameters()
def password_change(request: HttpRequest) -> HttpResponse:
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        old_key = request.session.session_key
        form.save()
        update_session_auth_hash(request, form.user)
        services.session_rekey(old_key=old_key, new_key=request.session.session_key)
        messages.success(request, _("Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc."))
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form, "nav": "account"})


@rule("authenticated")
def sessions(request: SignedInRequest) -> HttpResponse:
    return render(request, "accounts/sessions.html", {
        "records": selectors.open_sessions(request.user),
        "current_key": request.session.session_key,
        "nav": "account",
    })


@rule("object")
@require_POST
def session_end(request: SignedInRequest, pk: int) -> HttpResponse:
    record = get_session_for_user(request.user, pk)
    try:
        services.session_end(actor=request.user, record=record, current_key=request.session.session_key)
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        messages.success(request, _("Đã kết thúc phiên đăng nhập."))
    return redirect("accounts:sessions")


@rule("authenticated")
@require_POST
def sessions_end_others(request: SignedInRequest) -> HttpResponse:
    n = services.sessions_end_others(actor=request.user, current_key=request.session.session_key)
    messages.success(request, _("Đã kết thúc %(n)s phiên khác.") % {"n": n})
    return redirect("accounts:sessions")


# --- personal access tokens for the API -------------------------------------------------------


@rule("authenticated")
@never_cache
def api_tokens(request: SignedInRequest) -> HttpResponse:
    """The user's tokens, and a new one: its secret is in this one answer and nowhere else."""
    form = ApiTokenForm(
        request.POST or None,
        initial={"expires_on": timezone.localdate() + datetime.timedelta(days=90)},
    )
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.api_token_create(
                actor=request.user, name=form.cleaned_data["name"],
                expires_on=form.cleaned_data["expires_on"], access=form.cleaned_data["access"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            form = ApiTokenForm(initial=form.initial)
    return render(request, "accounts/api_tokens.html", {
        "form": form,
        "tokens": selectors.api_tokens_of(request.user),
        "created": created,
        "secret": secret,
        "now": timezone.now(),
        "nav": "account",
    })


@rule("object")
@require_POST
def api_token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = get_api_token_for_user(request.user, pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi khoá “%(name)s”; khoá không dùng được nữa.") % {"name": token.name})
    return redirect("accounts:api_tokens")


# --- two factors ------------------------------------------------------------------------------


def _qr_svg(url: str) -> str:
    qr = segno.make(url, error="m")
    return qr.svg_inline(scale=5, dark="#000", light="#fff", title=_("Mã QR cho ứng dụng xác thực"))


TOTP_KEY_SESSION = "_phoihop_totp_key"


@rule("authenticated")
@sensitive_post_parameters("otp_token")
def otp_setup(request: SignedInRequest) -> HttpResponse:
    """Set up an authenticator app: the secret lives in the session until a code confirms it."""
    key = request.session.get(TOTP_KEY_SESSION)
    if not key:
        key = services.totp_new_key()
        request.session[TOTP_KEY_SESSION] = key
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.totp_confirm(
                actor=request.user, key=key, token=form.cleaned_data["otp_token"]
            )
        except ValidationError as exc:
            form.add_error("otp_token", exc.messages[0])
        else:
            from django_otp import login as otp_login

            otp_login(request, device)
            request.session.pop(TOTP_KEY_SESSION, None)
            request.session.pop(security.SETUP_REQUIRED_KEY, None)
            request.session[security.OTP_NEEDED_KEY] = True
            messages.success(request, _("Đã bật đăng nhập hai lớp."))
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "nav": "account"})
    secret = services.totp_secret_text(key)
    return render(request, "accounts/otp_setup.html", {
        "form": form,
        "qr": _qr_svg(services.totp_config_url(request.user, key)),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "required": bool(request.session.get(security.SETUP_REQUIRED_KEY)),
        "has_authenticator": security.has_authenticator(request.user),
        "nav": "account",
    })


@rule("authenticated")
@require_POST
def otp_recovery(request: SignedInRequest) -> HttpResponse:
    if not security.has_authenticator(request.user):
        messages.error(request, _("Hãy bật đăng nhập hai lớp trước khi tạo mã dự phòng."))
        return redirect("accounts:account")
    codes = services.recovery_codes_generate(actor=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "nav": "account"})


@rule("authenticated")
@require_POST
def otp_disable(request: SignedInRequest) -> HttpResponse:
    try:
        services.two_factor_disable(actor=request.user)
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        request.session.pop(security.OTP_NEEDED_KEY, None)
        messages.success(request, _("Đã tắt đăng nhập hai lớp."))
    return redirect("accounts:account")


# --- invitations ------------------------------------------------------------------------------


@rule("public")
@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_from_token(token)
    except ValidationError as exc:
        return render(request, "accounts/invitation_invalid.html", {"reason": exc.messages[0]}, status=410)
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_invalid.html", {
            "reason": _("Bạn đang đăng nhập bằng tài khoản khác. Hãy đăng xuất rồi mở lại liên kết."),
        }, status=409)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invitation_accept(
                token=token, username=data["username"], first_name=data["first_name"],
                last_name=data["last_name"], password=data["password1"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Chào mừng bạn đến với phoihop."))
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form})


# --- members of an organisation ---------------------------------------------------------------


@rule("object")
def members(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_org_for_member_admin(request.user, pk)
    rows = selectors.members_of(org)
    return render(request, "accounts/members.html", {
        "org": org,
        "rows": rows,
        "invitations": selectors.open_invitations(org),
        "roles": Membership.Role.choices,
        "nav": "account",
    })


@rule("object")
def invite(request: SignedInRequest, pk: int) -> HttpResponse:
    org = get_org_for_member_admin(request.user, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=request.user, organization=org, email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã gửi lời mời tới %(email)s.") % {"email": invitation.email})
            return redirect("accounts:members", pk=org.pk)
    return render(request, "accounts/invite.html", {"org": org, "form": form, "nav": "account"})


@rule("object")
@require_POST
def invite_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("organization"), pk=pk)
    get_org_for_member_admin(request.user, invitation.organization_id)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        messages.success(request, _("Đã thu hồi lời mời."))
    return redirect("accounts:members", pk=invitation.organization_id)


@rule("object")
@require_POST
def member_role(request: SignedInRequest, pk: int) -> HttpResponse:
    membership = get_membership_for_admin(request.user, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vai trò không hợp lệ."))
    else:
        try:
            services.member_set_role(actor=request.user, membership=membership, role=form.cleaned_data["role"])
        except ValidationError as exc:
            _show_errors(request, exc)
        else:
            messages.success(request, _("Đã đổi vai trò của %(name)s.") % {
                "name": person_name(membership.user),
            })
    return redirect("accounts:members", pk=membership.organization_id)


@rule("object")
@require_POST
def member_active(request: SignedInRequest, pk: int) -> HttpResponse:
    membership = get_membership_for_admin(request.user, pk)
    active = request.POST.get("active") == "1"
    try:
        services.member_set_active(actor=request.user, membership=membership, active=active)
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        name = person_name(membership.user)
        if active:
            messages.success(request, _("Đã mở lại tài khoản của %(name)s.") % {"name": name})
        else:
            messages.success(request, _("Đã khoá tài khoản của %(name)s.") % {"name": name})
    return redirect("accounts:members", pk=membership.organization_id)


def lockout(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """The page django-axes shows while an account or an address is locked out."""
    from phoihop.accounts import lockout as counts

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else 0
    held, limit = counts.locked_by(request, credentials) or ("account", settings.AXES_FAILURE_LIMIT)
    return render(
        request, "accounts/lockout.html",
        {"by_address": held == "address", "failure_limit": limit, "minutes": minutes},
        status=429,
    )
