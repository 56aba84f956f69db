from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.models import ApiToken
from phoihop.core.forms import VNDateField, bootstrap
from phoihop.orgs.models import Membership


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khoá."),
    }


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Mã xác thực"), max_length=16, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("6 số trong ứng dụng xác thực, hoặc một mã dự phòng."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean_otp_token(self) -> str:
        return str(self.cleaned_data["otp_token"]).replace(" ", "").replace("-", "")


class SetupForm(TokenForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].help_text = _("6 số đang hiện trong ứng dụng xác thực.")


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Thư điện tử"), max_length=254)  # the column's length, not the 320 of RFC 3696
    role = forms.ChoiceField(label=_("Vai trò"), choices=Membership.Role.choices, initial=Membership.Role.OFFICER)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Membership.Role.choices)


class AcceptForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"), max_length=150,
        help_text=_("Chữ không dấu, số và các ký tự . @ + - _"),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    last_name = forms.CharField(label=_("Họ và tên đệm"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Tên"), max_length=150)
    password1 = forms.CharField(
        label=_("Mật khẩu"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean_username(self) -> str:
        from django.contrib.auth.validators import UnicodeUsernameValidator

        value = str(self.cleaned_data["username"]).strip()
        UnicodeUsernameValidator(
            message=_("Tên đăng nhập chỉ gồm chữ, số và các ký tự . @ + - _")
        )(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("Hai lần nhập mật khẩu không khớp."))
        return data


class ChangePasswordForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Mật khẩu hiện tại không đúng."),
        "password_mismatch": _("Hai lần nhập mật khẩu mới không khớp."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu hiện tại")
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
        bootstrap(self)


class ApiTokenForm(forms.Form):
    """A new personal access token: what it is for, until when, and whether it may write."""

    name = forms.CharField(
        label=_("Tên khoá"), max_length=100,
        help_text=_("Để nhận ra khoá sau này, ví dụ: Hệ thống quản lý văn bản điều hành."),
    )
    expires_on = VNDateField(label=_("Hết hạn ngày"))
    access = forms.ChoiceField(
        label=_("Quyền"), choices=ApiToken.Access.choices, initial=ApiToken.Access.READ,
        widget=forms.RadioSelect,
        help_text=_("Khoá làm được đúng những việc bạn làm được; khoá chỉ đọc không ghi được gì."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
