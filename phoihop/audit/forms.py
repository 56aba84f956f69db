from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.audit.models import AuditEvent
from phoihop.core.forms import VNDateField, bootstrap


class AuditFilterForm(forms.Form):
    """Filters of the log page; an invalid value is ignored (the field is dropped), not an error page."""

    action = forms.ChoiceField(
        label=_("Hành động"), required=False, choices=[("", _("Mọi hành động")), *AuditEvent.Action.choices]
    )
    user = forms.CharField(label=_("Tài khoản"), required=False, max_length=150)
    organization = forms.TypedChoiceField(label=_("Cơ quan, đơn vị"), required=False, coerce=int, empty_value=None)
    date_from = VNDateField(label=_("Từ ngày"), required=False)
    date_to = VNDateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args: Any, organizations: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["organization"]).choices = [("", _("Mọi cơ quan, đơn vị"))] + [
            (o.pk, o.short_name or o.name) for o in (organizations or [])
        ]
        bootstrap(self)

    def filters(self) -> dict[str, Any]:
        """The valid filters only."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors and data.get(name)}


class AnonymiseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận cán bộ này đã nghỉ, chuyển công tác và thông tin cá nhân cần được ẩn danh."),
        required=True,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
