"""Forms of the plan pages: a new annual plan, a task of the plan table, an indicator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.core import versioning
from phoihop.core.db import vi
from phoihop.core.forms import VNDateField, bootstrap
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization
from phoihop.plans.models import AnnualPlan, Indicator, Task
from phoihop.plans.services import TASK_FIELDS
from phoihop.vn.numbers import format_number

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


class PlanCreateForm(forms.Form):
    FROM_AREAS = "areas"
    FROM_PREVIOUS = "previous"

    year = forms.IntegerField(
        label=_("Năm kế hoạch"), min_value=1945, max_value=2100,
        error_messages={"required": _("Cần nhập năm kế hoạch."), "invalid": _("Năm kế hoạch không hợp lệ.")},
    )
    source = forms.ChoiceField(
        label=_("Lập từ"),
        choices=[
            (FROM_AREAS, _("Các nội dung phối hợp của văn bản")),
            (FROM_PREVIOUS, _("Kế hoạch năm trước (chuyển tiếp nhiệm vụ chưa hoàn thành)")),
        ],
        initial=FROM_AREAS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


def party_organizations(plan: AnnualPlan) -> Any:
    ids = [p.organization_id for p in plan.agreement.parties.all()]
    return Organization.objects.filter(pk__in=ids).order_by(vi("name"))


class TaskForm(versioning.VersionedFormMixin, forms.ModelForm):
    start = VNDateField(label=_("Bắt đầu"), required=False)
    due = VNDateField(label=_("Hạn hoàn thành"), required=False)

    class Meta:
        model = Task
        fields = [
            "number",
            "title",
            "content_area",
            "lead_organization",
            "supporting_organizations",
            "responsible_officer",
            "start",
            "due",
            "notes",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "supporting_organizations": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(self, *args: Any, plan: AnnualPlan, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = party_organizations(plan)
        party_ids = [p.organization_id for p in plan.agreement.parties.all()]
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Để trống để đánh số tiếp theo.")
        content_area = cast(forms.ModelChoiceField, self.fields["content_area"])
        content_area.queryset = plan.agreement.content_areas.order_by("number", "id")
        content_area.empty_label = _("— Không gắn nội dung —")
        lead_organization = cast(forms.ModelChoiceField, self.fields["lead_organization"])
        lead_organization.queryset = parties
        lead_organization.empty_label = _("— Chọn cơ quan chủ trì —")
        supporting = cast(forms.ModelMultipleChoiceField, self.fields["supporting_organizations"])
        supporting.queryset = parties
        supporting.help_text = _("Đánh dấu một hoặc nhiều cơ quan.")
        responsible_officer = cast(forms.ModelChoiceField, self.fields["responsible_officer"])
        responsible_officer.queryset = (
            org_access.visible_people(user).filter(organization_id__in=party_ids).order_by(vi("full_name"))
        )
        responsible_officer.empty_label = _("— Chưa phân công —")
        bootstrap(self)

    def _post_clean(self) -> None:
        # The service checks the task against its plan; the model's own checks run there.
        pass

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in TASK_FIELDS}


class IndicatorForm(versioning.VersionedFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Tên chỉ tiêu"), max_length=255,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Buổi tuyên truyền Luật Nghĩa vụ quân sự")}),
        error_messages={"required": _("Cần nhập tên chỉ tiêu.")},
    )
    unit = forms.ChoiceField(label=_("Đơn vị tính"), choices=Indicator.Unit.choices)
    target = forms.CharField(
        label=_("Chỉ tiêu (mục tiêu)"), max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "1.234,5"}),
        error_messages={"required": _("Cần nhập chỉ tiêu.")},
    )
    aggregation = forms.ChoiceField(label=_("Cách tính"), choices=Indicator.Aggregation.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("name", "unit", "target", "aggregation")}


def indicator_initial(indicator: Indicator) -> dict[str, Any]:
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "target": format_number(indicator.target),
        "aggregation": indicator.aggregation,
    }
