"""Forms of the registry: an organisation, a succession, a person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.core import versioning
from phoihop.core.forms import VNDateField, bootstrap
from phoihop.core.lists import ChoiceParam, FlagParam, IntParam, ListFilterForm, TextParam
from phoihop.core.views_util import int_or_none
from phoihop.core.widgets import AutocompleteSelect
from phoihop.orgs import access, selectors
from phoihop.orgs.localities import communes_of, provinces
from phoihop.orgs.models import Organization, Person, Succession
from phoihop.orgs.services import ORGANIZATION_FIELDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from phoihop.core.access import AnyUser


def province_choices() -> list[tuple[int | str, StrOrPromise]]:
    return [("", _("— Chọn tỉnh, thành phố —")), *provinces().items()]


class OrganizationForm(versioning.VersionedFormMixin, forms.Form):
    """The fields of ``services.ORGANIZATION_FIELDS``; the service checks the rules between them."""

    name = forms.CharField(
        label=_("Tên"),
        max_length=255,
        error_messages={"required": _("Cần nhập tên cơ quan, đơn vị.")},
    )
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=100, required=False)
    symbol = forms.CharField(
        label=_("Chữ viết tắt trong ký hiệu văn bản"),
        max_length=30,
        required=False,
        help_text=_("Ví dụ: BCHQS, BTGQU, TU."),
    )
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[("", _("— Chọn loại —")), *Organization.Kind.choices],
        error_messages={"required": _("Chọn loại cơ quan, đơn vị.")},
    )
    level = forms.ChoiceField(
        label=_("Cấp"),
        choices=[("", _("— Chọn cấp —")), *Organization.Level.choices],
        error_messages={"required": _("Chọn cấp của cơ quan, đơn vị.")},
    )
    parent = forms.ModelChoiceField(
        label=_("Cơ quan cấp trên"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("— Không có —"),
        error_messages={"invalid_choice": _("Cơ quan cấp trên không hợp lệ.")},
        # The registry is tens of thousands of bodies nationally: search, never list them all.
        widget=AutocompleteSelect(url="orgs:autocomplete", search_label=_("Gõ tên cơ quan cấp trên để tìm")),
    )
    province_code = forms.TypedChoiceField(
        label=_("Tỉnh, thành phố"),
        choices=province_choices,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": _("Tỉnh, thành phố không có trong danh mục 34 tỉnh, thành phố.")
        },
    )
    # Rendered by the page itself (its options follow the province); checked by the service.
    commune_code = forms.IntegerField(
        label=_("Xã, phường, đặc khu"),
        required=False,
        error_messages={"invalid": _("Mã xã, phường không có trong danh mục đơn vị hành chính.")},
    )
    locality_text = forms.CharField(
        label=_("Địa bàn (theo tên cũ)"),
        max_length=255,
        required=False,
        help_text=_("Cho đơn vị trước 01/7/2025: ghi địa bàn như khi còn hoạt động."),
    )
    valid_from = VNDateField(label=_("Hoạt động từ"), required=False)
    valid_to = VNDateField(
        label=_("Hoạt động đến"),
        required=False,
        help_text=_("Để trống nếu đơn vị còn hoạt động."),
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, instance: Organization | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: (instance.parent_id if name == "parent" else getattr(instance, name))
                for name in ORGANIZATION_FIELDS
            }
        super().__init__(*args, versioned=instance, **kwargs)
        self.instance = instance
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        parent.queryset = selectors.organization_choices(exclude=instance)
        self.fields["province_code"].widget.attrs.update(
            {
                "hx-get": reverse("orgs:communes"),
                "hx-target": "#id_commune_code",
                "hx-swap": "innerHTML",
            }
        )
        bootstrap(self)

    def selected_province(self) -> int | None:
        value = self["province_code"].value()
        return int_or_none(value)

    def selected_commune(self) -> int | None:
        return int_or_none(self["commune_code"].value())

    def commune_options(self) -> list[tuple[int, str]]:
        province = self.selected_province()
        return communes_of(province) if province in provinces() else []

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ORGANIZATION_FIELDS}


class SuccessionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[("", _("— Chọn hình thức —")), *Succession.Kind.choices],
        error_messages={"required": _("Chọn hình thức sắp xếp.")},
    )
    effective_date = VNDateField(
        label=_("Ngày có hiệu lực"),
        error_messages={"required": _("Nhập ngày có hiệu lực.")},
        help_text=_("Đơn vị trước kết thúc hoạt động vào ngày liền trước."),
    )
    decided_on = VNDateField(label=_("Ngày quyết định"), required=False)
    decision_number = forms.CharField(
        label=_("Số, ký hiệu văn bản quyết định"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "1234/QĐ-UBND"}),
    )
    decision_issuer = forms.CharField(label=_("Cơ quan quyết định"), max_length=255, required=False)
    decision_title = forms.CharField(label=_("Trích yếu văn bản"), max_length=500, required=False)
    predecessors = forms.ModelMultipleChoiceField(
        label=_("Đơn vị trước"),
        queryset=Organization.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={
            "required": _("Chọn ít nhất một đơn vị trước."),
            "invalid_choice": _("Đơn vị không hợp lệ."),
        },
    )
    successors = forms.ModelMultipleChoiceField(
        label=_("Đơn vị kế thừa"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Để trống nếu giải thể."),
        error_messages={"invalid_choice": _("Đơn vị không hợp lệ.")},
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = selectors.organization_choices()
        cast(forms.ModelMultipleChoiceField, self.fields["predecessors"]).queryset = choices
        cast(forms.ModelMultipleChoiceField, self.fields["successors"]).queryset = choices
        bootstrap(self)


class PersonForm(versioning.VersionedFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        error_messages={"required": _("Cần nhập họ và tên.")},
    )
    organization = forms.ModelChoiceField(
        label=_("Cơ quan, đơn vị"),
        queryset=Organization.objects.none(),
        empty_label=_("— Chọn cơ quan, đơn vị —"),
        error_messages={
            "required": _("Chọn cơ quan, đơn vị của cán bộ."),
            "invalid_choice": _("Bạn không được ghi hồ sơ cán bộ cho cơ quan này."),
        },
    )
    rank = forms.CharField(
        label=_("Cấp bậc"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Thượng tá")}),
    )
    position = forms.CharField(
        label=_("Chức vụ"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Chỉ huy trưởng")}),
    )
    since = VNDateField(
        label=_("Từ ngày"),
        required=False,
        help_text=_("Ngày bắt đầu giữ cấp bậc, chức vụ này."),
    )

    def __init__(
        self, *args: Any, user: AnyUser, instance: Person | None = None, **kwargs: Any
    ) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "full_name": instance.full_name,
                "organization": instance.organization_id,
                "rank": instance.rank,
                "position": instance.position,
            }
        super().__init__(*args, versioned=instance, **kwargs)
        self.instance = instance
        choices = selectors.person_organization_choices(user=user)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = choices
        # Staff may record an official whose organisation is not in the registry yet.
        self.fields["organization"].required = not access.can_manage_registry(user)
        bootstrap(self)

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in versioning.FORM_FIELDS}


class SuccessionTransferForm(forms.Form):
    """The open work ticked to pass to a successor; the page renders the rows itself."""

    successor = forms.ModelChoiceField(
        label=_("Đơn vị nhận công việc"),
        queryset=Organization.objects.none(),
        empty_label=_("— Chọn đơn vị kế thừa —"),
        error_messages={
            "required": _("Chọn đơn vị nhận công việc."),
            "invalid_choice": _("Đơn vị nhận phải là một đơn vị kế thừa của sắp xếp này."),
        },
    )
    tasks = forms.TypedMultipleChoiceField(coerce=int, required=False)
    agreements = forms.TypedMultipleChoiceField(coerce=int, required=False)
    reports = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args: Any, work: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "successor": work.successors[0].pk if len(work.successors) == 1 else None,
                "tasks": [t.pk for t in work.tasks],
                "agreements": [a.pk for a in work.agreements],
                "reports": [r.pk for r in work.reports],
            },
        )
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["successor"]).queryset = Organization.objects.filter(
            pk__in=[o.pk for o in work.successors]
        )
        error = {"invalid_choice": _("Danh sách đã thay đổi; tải lại trang và chọn lại.")}
        for name, rows in (("tasks", work.tasks), ("agreements", work.agreements), ("reports", work.reports)):
            cast(forms.TypedMultipleChoiceField, self.fields[name]).choices = [(r.pk, str(r.pk)) for r in rows]
            self.fields[name].error_messages.update(error)
        bootstrap(self)

    def ticked(self, name: str) -> set[int]:
        """The rows ticked, as the page shows them (the submitted ones, else all)."""
        value = self[name].value() or []
        return {int(v) for v in value if str(v).isdigit()}


class OrganizationListFilterForm(ListFilterForm):
    """The registry list's filters; ``parent`` narrows to one organisation's children."""

    q = TextParam(label=_("Tìm cơ quan, đơn vị"), placeholder=_("Tìm theo tên, tên viết tắt, ký hiệu…"))
    kind = ChoiceParam(label=_("Loại"), empty_label=_("Mọi loại"), choices=Organization.Kind.choices)
    level = ChoiceParam(label=_("Cấp"), empty_label=_("Mọi cấp"), choices=Organization.Level.choices)
    province = IntParam(label=_("Tỉnh, thành phố"), empty_label=_("Mọi tỉnh, thành phố"), among_choices=True)
    state = ChoiceParam(
        label=_("Tình trạng hoạt động"),
        empty_label=_("Mọi tình trạng"),
        choices=[("current", _("Đang hoạt động")), ("ended", _("Đã kết thúc hoạt động"))],
    )
    archived = FlagParam(label=_("Xem đơn vị đã lưu trữ"))
    parent = IntParam()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(IntParam, self.fields["province"]).choices = list(provinces().items())


class PersonListFilterForm(ListFilterForm):
    """The people list's filters (the organisation's choice box is ``PersonOrganizationFilter``)."""

    q = TextParam(label=_("Tìm cán bộ"), placeholder=_("Tìm theo họ tên, chức vụ…"))
    organization = IntParam()


class PersonOrganizationFilter(forms.Form):
    """The organisation filter of the people list: found by typing, only the chosen one
    rendered (a national system administrator would otherwise get every body as an option)."""

    organization = forms.ModelChoiceField(
        label=_("Cơ quan, đơn vị"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Mọi cơ quan, đơn vị"),
        widget=AutocompleteSelect(url="orgs:autocomplete", search_label=_("Gõ tên cơ quan để tìm")),
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = organizations
        bootstrap(self)
