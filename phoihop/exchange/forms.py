from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from phoihop.agreements import access as agreement_access
from phoihop.agreements.forms import AgreementChoiceField
from phoihop.agreements.models import Agreement
from phoihop.core import versioning
from phoihop.core.forms import VNDateField, bootstrap
from phoihop.core.widgets import AutocompleteSelect
from phoihop.exchange.models import Inspection, PeriodicReport, Rhythm
from phoihop.orgs.models import Organization

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


class ScheduleForm(versioning.VersionedFormMixin, forms.Form):
    rhythm = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=Rhythm.choices)
    due_days = forms.IntegerField(
        label=_("Hạn gửi (số ngày sau khi hết kỳ)"), min_value=0, max_value=90, initial=10
    )
    reporters = forms.ModelMultipleChoiceField(
        label=_("Bên phải báo cáo"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: mọi bên tham gia đều báo cáo."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, parties: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["reporters"]).queryset = parties
        bootstrap(self)
        self.fields["reporters"].widget.attrs["class"] = "form-check-input"


class ReportForm(versioning.VersionedFormMixin, forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=500)
    body = forms.CharField(
        label=_("Nội dung báo cáo"), required=False, widget=forms.Textarea(attrs={"rows": 22})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class AdHocReportForm(ReportForm):
    """An ad hoc report names its party, its period and its due date."""

    organization = forms.ModelChoiceField(label=_("Bên báo cáo"), queryset=Organization.objects.none())
    period_start = VNDateField(label=_("Từ ngày"))
    period_end = VNDateField(label=_("Đến ngày"))
    due_date = VNDateField(label=_("Hạn gửi"))

    field_order = ["organization", "period_start", "period_end", "due_date", "title", "body"]

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = organizations
        self.order_fields(self.field_order)
        bootstrap(self)


class InspectionForm(versioning.VersionedFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Inspection.Kind.choices)
    title = forms.CharField(label=_("Tên đợt kiểm tra, giám sát"), max_length=500)
    date = VNDateField(label=_("Ngày"))
    inspecting = forms.ModelMultipleChoiceField(
        label=_("Đơn vị kiểm tra, giám sát"), queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    inspected = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được kiểm tra, giám sát"), queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    scope = forms.CharField(label=_("Nội dung, phạm vi"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    findings = forms.CharField(label=_("Kết quả, nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(
        self, *args: Any, inspecting: QuerySet[Organization], inspected: QuerySet[Organization], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["inspecting"]).queryset = inspecting
        cast(forms.ModelMultipleChoiceField, self.fields["inspected"]).queryset = inspected
        bootstrap(self)
        for name in ("inspecting", "inspected"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


class RecommendationForm(versioning.VersionedFormMixin, forms.Form):
    text = forms.CharField(label=_("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.ModelChoiceField(label=_("Đơn vị thực hiện"), queryset=Organization.objects.none())
    due_date = VNDateField(label=_("Hạn khắc phục"), required=False)

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["responsible"]).queryset = organizations
        bootstrap(self)


class FollowUpForm(forms.Form):
    date = VNDateField(label=_("Ngày"))
    note = forms.CharField(label=_("Nội dung đã khắc phục"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


# --- list filters ---------------------------------------------------------------------------------


class _ListFilterForm(forms.Form):
    """A list's filters read from the query string. A value that does not validate (an
    agreement the user may not see, a year that is not a number) is simply not applied."""

    agreement = AgreementChoiceField(
        label=_("Văn bản phối hợp"), queryset=Agreement.objects.none(), required=False, empty_label=_("Tất cả")
    )
    archived = forms.BooleanField(required=False)

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["agreement"]).queryset = agreement_access.visible_agreements(user).active()
        bootstrap(self)
        for name, field in self.fields.items():
            if name != "archived":
                field.widget.attrs["class"] += " form-select-sm" if "form-select" in field.widget.attrs["class"] else " form-control-sm"
                field.widget.attrs["id"] = f"f-{name}"

    def filters(self) -> dict[str, Any]:
        """The valid filters: keys for the chosen records, None for what is not filtered."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        return {name: getattr(value, "pk", value) or (False if name == "archived" else None) for name, value in data.items()}


class ReportFilterForm(_ListFilterForm):
    organization = forms.ModelChoiceField(
        label=_("Bên báo cáo"),
        queryset=Organization.objects.all(),
        required=False,
        empty_label=_("Tất cả"),
        widget=AutocompleteSelect(url="orgs:autocomplete", search_label=_("Gõ tên cơ quan để tìm")),
    )
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *PeriodicReport.Status.choices]
    )

    field_order = ["agreement", "organization", "year", "status", "archived"]

    def __init__(self, *args: Any, user: AnyUser, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        cast(forms.TypedChoiceField, self.fields["year"]).choices = [("", _("Tất cả")), *((y, y) for y in years)]


class InspectionFilterForm(_ListFilterForm):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2999)

    field_order = ["agreement", "year", "archived"]

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["year"].widget.attrs["inputmode"] = "numeric"
