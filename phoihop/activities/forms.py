"""The activity form: what was done, by whom, when and where, and one value per indicator."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.activities.models import Activity
from phoihop.activities.services import ACTIVITY_FIELDS
from phoihop.attachments.forms import KeepsFilesMixin, KeptFilesField
from phoihop.core.forms import VNDateField, bootstrap
from phoihop.core.idempotency import new_key
from phoihop.core.lists import ChoiceParam, FlagParam, IntParam, ListFilterForm, TextParam
from phoihop.core.versioning import VersionedFormMixin
from phoihop.core.views_util import int_or_none
from phoihop.orgs.forms import province_choices
from phoihop.orgs.localities import commune_province, communes_of, provinces
from phoihop.orgs.models import Organization
from phoihop.plans.models import Indicator
from phoihop.vn.numbers import format_number, parse_number

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


class VNNumberField(forms.Field):
    """A non-negative number typed the Vietnamese way: 1.234,5."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Giá trị phải là một số, ví dụ 1.234,5."),
        "negative": _("Giá trị không được là số âm."),
    }

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip()
        if not text:
            return None
        try:
            amount = parse_number(text)
        except (ValueError, InvalidOperation):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount < 0:
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        return amount


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (photos taken on a phone); each is checked when stored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ActivityForm(KeepsFilesMixin, VersionedFormMixin, forms.Form):
    """Records an activity, or (given ``versioned=<activity>``) edits one: then it carries the
    version it was opened at, and a save over someone else's newer one is refused."""

    title = forms.CharField(
        label=_("Tên hoạt động"), max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Tuyên truyền Luật Nghĩa vụ quân sự")}),
        error_messages={"required": _("Cần nhập tên hoạt động.")},
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Đơn vị tổ chức"), queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hoạt động phối hợp: chọn mọi đơn vị cùng tổ chức; kết quả chỉ tính một lần."),
        error_messages={"required": _("Chọn ít nhất một đơn vị tổ chức.")},
    )
    start_date = VNDateField(label=_("Từ ngày"), error_messages={"required": _("Cần nhập ngày tổ chức.")})
    end_date = VNDateField(label=_("Đến ngày"), required=False, help_text=_("Để trống nếu diễn ra trong một ngày."))
    province_code = forms.TypedChoiceField(
        label=_("Tỉnh, thành phố"), choices=province_choices, coerce=int, empty_value=None, required=False,
        error_messages={"invalid_choice": _("Tỉnh, thành phố không có trong danh mục 34 tỉnh, thành phố.")},
    )
    # Rendered by the page itself (its options follow the province); checked by the service.
    commune_code = forms.IntegerField(
        label=_("Xã, phường, đặc khu"), required=False,
        error_messages={"invalid": _("Mã xã, phường không có trong danh mục đơn vị hành chính.")},
    )
    place_text = forms.CharField(
        label=_("Địa điểm"), max_length=255, required=False,
        help_text=_("Nơi tổ chức cụ thể, ví dụ “Hội trường UBND phường”; hoặc ghi địa bàn nếu không chọn xã, phường."),
    )
    participants = VNNumberField(label=_("Số người tham gia"), required=False)
    description = forms.CharField(
        label=_("Nội dung, kết quả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photos = MultipleFileField(
        label=_("Ảnh hoạt động"), required=False,
        help_text=_("Chọn một hoặc nhiều ảnh JPEG, PNG; có thể chụp ngay bằng điện thoại."),
    )

    # The photos of a refused submit, kept so they need not be chosen again.
    kept_photos = KeptFilesField(label=_("Ảnh đã chọn lần trước"))
    kept_files_fields = {"photos": "kept_photos"}

    # Made when the form is rendered; a repeated POST of the same form returns the first result.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(
        self, *args: Any, organizations: Any, indicators: list[Indicator], **kwargs: Any
    ) -> None:
        self.indicators = indicators  # before the version fields, which read the values
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["idempotency_key"] = new_key()
        cast(forms.ModelMultipleChoiceField, self.fields["organizations"]).queryset = organizations
        for ind in indicators:
            self.fields[self.value_name(ind)] = VNNumberField(
                label=f"{ind.name} ({ind.get_unit_display()})",
                required=False,
                help_text=_("Chỉ tiêu: %(target)s") % {"target": format_number(ind.target)},
            )
        self.fields["province_code"].widget.attrs.update(
            {"hx-get": reverse("orgs:communes"), "hx-target": "#id_commune_code", "hx-swap": "innerHTML"}
        )
        bootstrap(self)
        # Checkboxes, not a select: Bootstrap styles them through the template.
        self.fields["organizations"].widget.attrs.pop("class", None)

    def versioned_extras(self, record: Any) -> dict[str, tuple[str, str]]:
        """The indicator values, which are rows of their own: a change to one is reported too."""
        amounts = {row.indicator_id: row.value for row in record.values.all()}
        return {
            self.value_name(ind): (
                ind.name,
                format_number(amounts[ind.pk]) if ind.pk in amounts else "",
            )
            for ind in self.indicators
        }

    @staticmethod
    def value_name(indicator: Indicator) -> str:
        return f"value_{indicator.pk}"

    def value_fields(self) -> list[forms.BoundField]:
        return [self[self.value_name(ind)] for ind in self.indicators]

    def clean_participants(self) -> int | None:
        amount = self.cleaned_data.get("participants")
        if amount is None:
            return None
        if amount != amount.to_integral_value():
            raise forms.ValidationError(_("Số người tham gia phải là số nguyên không âm."))
        return int(amount)

    def service_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {name: d.get(name) for name in ACTIVITY_FIELDS}

    def selected_province(self) -> int | None:
        return int_or_none(self["province_code"].value())

    def selected_commune(self) -> int | None:
        return int_or_none(self["commune_code"].value())

    def commune_options(self) -> list[tuple[int, str]]:
        province = self.selected_province()
        return communes_of(province) if province in provinces() else []

    def service_values(self) -> dict[Indicator, Any]:
        return {ind: self.cleaned_data.get(self.value_name(ind)) for ind in self.indicators}


def activity_initial(activity: Activity) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "title": activity.title,
        "organizations": [o.pk for o in activity.organizations.all()],
        "start_date": activity.start_date,
        "end_date": activity.end_date if activity.end_date != activity.start_date else None,
        "place_text": activity.place_text,
        "commune_code": activity.commune_code,
        "province_code": commune_province(activity.commune_code) if activity.commune_code else None,
        "participants": format_number(activity.participants) if activity.participants is not None else "",
        "description": activity.description,
    }
    for row in activity.values.all():
        initial[f"value_{row.indicator_id}"] = format_number(row.value)
    return initial


class _AgreementChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        from phoihop.agreements.selectors import agreement_choice_label

        return agreement_choice_label(obj)


def _choice_widget(url: str, *, search_label: Any, label: Any) -> forms.Select:
    from phoihop.core.widgets import AutocompleteSelect

    return AutocompleteSelect(url=url, search_label=search_label, attrs={"class": "form-select", "aria-label": label})


class ActivityListFilterForm(ListFilterForm):
    """The activity list's filters. Its parameters are also the links the dashboards' figures
    drill down to; a month counts only with a year."""

    q = TextParam(label=_("Tìm hoạt động"), placeholder=_("Tìm theo tên hoạt động…"), strip=True)
    agreement = IntParam()
    plan = IntParam()
    task = IntParam()
    party = IntParam(key="organization")
    area = IntParam(key="content_area")
    year = IntParam(label=_("Năm"), empty_label=_("Mọi năm"), minimum=1901, maximum=2199)
    month = IntParam(label=_("Tháng"), empty_label=_("Cả năm"), minimum=1, maximum=12)
    status = ChoiceParam(label=_("Trạng thái"), empty_label=_("Mọi trạng thái"), choices=Activity.Status.choices)
    archived = FlagParam(label=_("Xem hoạt động đã lưu trữ"))

    not_narrowing = ("archived", "month")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not int_or_none(self.data.get("year")):
            cleaned["month"] = None
        return cleaned

    def offer(self, *, years: list[int]) -> None:
        """The years and months the page's choice boxes offer (not needed to redraw the results)."""
        fields = cast(dict[str, Any], self.fields)
        fields["year"].choices = [(y, _("Năm %(y)s") % {"y": y}) for y in years]
        fields["month"].choices = [(m, _("Tháng %(m)s") % {"m": m}) for m in range(1, 13)]


class ActivityFilterForm(forms.Form):
    """The agreement and party choices of the activity list: only the chosen one is rendered,
    others are found by typing (a province body sees thousands of agreements)."""

    def __init__(self, *, user: AnyUser, agreement: int | None, party: int | None) -> None:
        from phoihop.agreements import access as agreement_access

        super().__init__(initial={"agreement": agreement, "party": party})
        self.fields["agreement"] = _AgreementChoice(
            label=_("Văn bản phối hợp"),
            queryset=agreement_access.visible_agreements(user).only("id", "title", "number_symbol"),
            required=False,
            empty_label=_("Mọi văn bản phối hợp"),
            widget=_choice_widget(
                "agreements:autocomplete",
                search_label=_("Gõ số, ký hiệu hoặc tên văn bản để tìm"),
                label=_("Văn bản phối hợp"),
            ),
        )
        # Labelled by full name, as the organisation search answers.
        self.fields["party"] = forms.ModelChoiceField(
            label=_("Đơn vị tổ chức"),
            queryset=Organization.objects.only("id", "name"),
            required=False,
            empty_label=_("Mọi đơn vị tổ chức"),
            widget=_choice_widget(
                "orgs:autocomplete", search_label=_("Gõ tên đơn vị để tìm"), label=_("Đơn vị tổ chức")
            ),
        )
