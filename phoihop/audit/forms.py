from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from phoihop.audit.models import AuditEvent
from phoihop.core.forms import VNDateField, bootstrap
from phoihop.core.widgets import AutocompleteSelect
from phoihop.orgs.models import Organization


class AuditFilterForm(forms.Form):
    """Filters of the log page; an invalid value is ignored (the field is dropped), not an error page."""

    action = forms.ChoiceField(
        label=_("Hành động"), required=False, choices=[("", _("Mọi hành động")), *AuditEvent.Action.choices]
    )
    user = forms.CharField(label=_("Tài khoản"), required=False, max_length=150)
    organization = forms.ModelChoiceField(
        label=_("Cơ quan, đơn vị"), required=False, queryset=Organization.objects.none(),
        empty_label=_("Mọi cơ quan, đơn vị"),
    )
    date_from = VNDateField(label=_("Từ ngày"), required=False)
    date_to = VNDateField(label=_("Đến ngày"), required=False)

    def __init__(
        self, *args: Any, organizations: QuerySet[Organization], search_organizations: bool = False, **kwargs: Any
    ) -> None:
        """``organizations``: those the reader may filter by; ``search_organizations``: the
        registry is long (a system administrator's), so they are found by typing, not listed."""
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organization"])
        field.queryset = organizations
        field.label_from_instance = lambda o: o.short_name or o.name  # type: ignore[method-assign,assignment]
        if search_organizations:
            field.widget = AutocompleteSelect(url="orgs:autocomplete", search_label=_("Gõ tên cơ quan để tìm"))
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
