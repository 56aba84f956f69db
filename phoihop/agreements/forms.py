"""The agreement form: the document, its parties and content areas, submitted together."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.agreements.models import Agreement, Party
from phoihop.agreements.services import ContentAreaInput, PartyInput, normalize_number_symbol
from phoihop.core import versioning
from phoihop.core.db import vi
from phoihop.core.forms import BootstrapFormSet, VNDateField, bootstrap
from phoihop.core.lists import ChoiceParam, FlagParam, ListFilterForm, TextParam, YearParam
from phoihop.core.widgets import AutocompleteSelect
from phoihop.orgs.models import Organization

if TYPE_CHECKING:
    _AgreementField = forms.ModelChoiceField[Agreement]
else:  # ModelChoiceField is not subscriptable at run time
    _AgreementField = forms.ModelChoiceField


class AgreementChoiceField(_AgreementField):
    """One agreement, chosen through a search box that asks ``agreements:autocomplete``: the
    page carries the chosen agreement only, never every visible one. ``queryset`` must be the
    user's visible agreements (it validates the submitted key)."""

    def __init__(self, *, queryset: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            AutocompleteSelect(url="agreements:autocomplete", search_label=_("Gõ tên hoặc số, ký hiệu văn bản để tìm")),
        )
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj: Agreement) -> str:
        from phoihop.agreements.selectors import agreement_choice_label

        return agreement_choice_label(obj)


def organization_choices() -> Any:
    return Organization.objects.active().order_by(vi("name"))


def _agreement_label(agreement: Agreement) -> str:
    from phoihop.agreements.selectors import agreement_choice_label

    return agreement_choice_label(agreement)


class AgreementForm(versioning.VersionedFormMixin, forms.ModelForm):
    signed_on = VNDateField(label=_("Ngày ký"), required=False)

    class Meta:
        model = Agreement
        fields = [
            "kind",
            "number_symbol",
            "title",
            "status",
            "period_start",
            "period_end",
            "signed_on",
            "legal_bases",
            "purpose",
            "reporting",
            "parent",
            "renews",
        ]
        widgets = {
            "legal_bases": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "title": forms.TextInput(attrs={"placeholder": _("Ví dụ: Chương trình phối hợp thực hiện công tác dân vận giai đoạn 2022–2025")}),
            "number_symbol": forms.TextInput(attrs={"placeholder": "03/CTr-BCHQS-BTGQU"}),
        }

    def __init__(self, *args: Any, linkable: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = cast(forms.ModelChoiceField, self.fields["parent"])
        renews = cast(forms.ModelChoiceField, self.fields["renews"])
        parent.queryset = linkable
        renews.queryset = linkable
        parent.empty_label = _("— Không —")
        renews.empty_label = _("— Không —")
        # The chosen agreement only, others found by search: never every visible agreement.
        for field in (parent, renews):
            field.widget = AutocompleteSelect(
                url="agreements:autocomplete", search_label=_("Gõ tên hoặc số, ký hiệu văn bản để tìm")
            )
            field.widget.choices = field.choices
            setattr(field, "label_from_instance", _agreement_label)  # noqa: B010 (an instance override)
        cast(forms.ChoiceField, self.fields["kind"]).choices = Agreement.Kind.choices
        if not self.instance.pk:
            self.initial.setdefault("kind", Agreement.Kind.PROGRAM)
        if self.instance.pk:
            parent.queryset = linkable.exclude(pk=self.instance.pk)
            renews.queryset = linkable.exclude(pk=self.instance.pk)
        for name in ("period_start", "period_end"):
            self.fields[name].widget.attrs.update({"min": 1945, "max": 2100})
        bootstrap(self)

    def clean_number_symbol(self) -> str:
        return normalize_number_symbol(self.cleaned_data.get("number_symbol", ""))


    def versioned_extras(self, record: Any) -> dict[str, tuple[str, str]]:
        # Parties and content areas are edited on the same page, under the agreement's version.
        parties = "; ".join(
            ", ".join(filter(None, [str(p.organization), p.get_role_display(), p.signatory_name, p.signatory_position]))
            for p in record.parties.select_related("organization").order_by("order", "id")
        )
        areas = "; ".join(
            f"{a.number}. {a.title}" + (f" ({a.text})" if a.text else "")
            for a in record.content_areas.order_by("number", "id")
        )
        return {"parties": (str(_("Các bên tham gia")), parties), "areas": (str(_("Nội dung phối hợp")), areas)}


class PartyForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Cơ quan"),
        queryset=Organization.objects.none(),
        empty_label=_("— Chọn cơ quan —"),
        widget=forms.Select(attrs={"data-party-org": ""}),
        error_messages={"required": _("Chọn cơ quan."), "invalid_choice": _("Cơ quan không hợp lệ.")},
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=Party.Role.choices)
    name_as_signed = forms.CharField(
        label=_("Tên khi ký"), required=False, max_length=255,
        help_text=_("Để trống nếu giống tên hiện tại."),
    )
    signatory_name = forms.CharField(label=_("Người ký"), required=False, max_length=150)
    signatory_rank = forms.CharField(label=_("Cấp bậc"), required=False, max_length=100)
    signatory_position = forms.CharField(label=_("Chức vụ khi ký"), required=False, max_length=255)
    signed_on = VNDateField(label=_("Ngày ký"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = organization_choices()
        bootstrap(self)

    def to_input(self) -> PartyInput:
        d = self.cleaned_data
        return PartyInput(
            organization=d["organization"], role=d["role"], name_as_signed=d["name_as_signed"],
            signatory_name=d["signatory_name"], signatory_rank=d["signatory_rank"],
            signatory_position=d["signatory_position"], signed_on=d["signed_on"],
        )


class ContentAreaForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    number = forms.IntegerField(label=_("Số"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Nội dung phối hợp"), max_length=500)
    text = forms.CharField(label=_("Chi tiết"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.ModelMultipleChoiceField(
        label=_("Bên thực hiện"), required=False, queryset=Organization.objects.none(),
        help_text=_("Đánh dấu một hoặc nhiều bên trong các bên tham gia ở trên."),
        widget=forms.SelectMultiple(attrs={"data-responsible": "", "size": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["responsible"]).queryset = organization_choices()
        bootstrap(self)

    def to_input(self) -> ContentAreaInput:
        d = self.cleaned_data
        return ContentAreaInput(
            number=d["number"], title=d["title"], text=d["text"],
            responsible=list(d["responsible"]), pk=d.get("id"),
        )


PartyFormSet = forms.formset_factory(PartyForm, formset=BootstrapFormSet, extra=0, can_delete=True)
ContentAreaFormSet = forms.formset_factory(
    ContentAreaForm, formset=BootstrapFormSet, extra=0, can_delete=True
)


def live_rows(formset: forms.BaseFormSet) -> list[Any]:
    """The filled rows not marked for removal, as service inputs."""
    return [f.to_input() for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def initial_parties(agreement: Agreement) -> list[dict[str, Any]]:
    return [
        {
            "organization": p.organization_id, "role": p.role,
            "name_as_signed": p.name_as_signed, "signatory_name": p.signatory_name,
            "signatory_rank": p.signatory_rank, "signatory_position": p.signatory_position,
            "signed_on": p.signed_on,
        }
        for p in agreement.parties.all().order_by("order", "id")
    ]


def initial_areas(agreement: Agreement) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk, "number": a.number, "title": a.title, "text": a.text,
            "responsible": [o.pk for o in a.responsible.all()],
        }
        for a in agreement.content_areas.prefetch_related("responsible").order_by("number", "id")
    ]


class RenewalForm(forms.Form):
    """The period of the agreement that renews another; the rest is carried over."""

    period_start = forms.IntegerField(
        label=_("Giai đoạn từ năm"),
        min_value=1945,
        max_value=2100,
        error_messages={
            "required": _("Nhập năm bắt đầu giai đoạn mới."),
            "invalid": _("Năm phải là một số, ví dụ 2026."),
            "min_value": _("Năm bắt đầu không hợp lệ."),
            "max_value": _("Năm bắt đầu không hợp lệ."),
        },
    )
    period_end = forms.IntegerField(
        label=_("Đến năm"),
        min_value=1945,
        max_value=2100,
        error_messages={
            "required": _("Nhập năm kết thúc giai đoạn mới."),
            "invalid": _("Năm phải là một số, ví dụ 2030."),
            "min_value": _("Năm kết thúc không hợp lệ."),
            "max_value": _("Năm kết thúc không hợp lệ."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


SORT_LABELS = [
    ("signed", _("Ngày ký mới nhất")),
    ("-signed", _("Ngày ký cũ nhất")),
    ("title", _("Tên (A–Z)")),
    ("period", _("Giai đoạn")),
    ("updated", _("Cập nhật gần đây")),
]


class AgreementListFilterForm(ListFilterForm):
    """The agreement list's filters. The party is the chosen organisation only, others found by
    search (an organisation that does not exist is not applied)."""

    q = TextParam(label=_("Tìm văn bản"), placeholder=_("Tìm theo tên, số ký hiệu, căn cứ…"))
    status = ChoiceParam(label=_("Trạng thái"), empty_label=_("Mọi trạng thái"), choices=Agreement.Status.choices)
    kind = ChoiceParam(label=_("Loại văn bản"), empty_label=_("Mọi loại"), choices=Agreement.Kind.choices)
    party = forms.ModelChoiceField(
        label=_("Bên tham gia"),
        queryset=Organization.objects.all(),
        required=False,
        empty_label=_("Mọi bên tham gia"),
        widget=AutocompleteSelect(url="orgs:autocomplete", search_label=_("Gõ tên cơ quan để tìm")),
    )
    year = YearParam(label=_("Năm"), empty_label=_("Mọi năm"))
    period = TextParam(label=_("Giai đoạn"), empty_label=_("Mọi giai đoạn"), max_length=None)
    sort = ChoiceParam(label=_("Sắp xếp"), default="signed", choices=SORT_LABELS)
    archived = FlagParam(label=_("Xem văn bản đã lưu trữ"))

    def __init__(self, *args: Any, years: list[int] | None = None, periods: Any = (), **kwargs: Any) -> None:
        """``years`` and ``periods`` (value, label) are the choices the page offers (none when
        only the results are drawn)."""
        super().__init__(*args, **kwargs)
        bootstrap(self)
        self.fields["party"].widget.attrs["aria-label"] = _("Bên tham gia")
        fields = cast(dict[str, Any], self.fields)
        fields["year"].choices = [(y, _("Hiệu lực năm %(y)s") % {"y": y}) for y in years or ()]
        fields["period"].choices = [(v, _("Giai đoạn %(label)s") % {"label": label}) for v, label in periods]
        sort_prefix = _("Sắp xếp:")
        fields["sort"].choices = [(v, f"{sort_prefix} {label}") for v, label in SORT_LABELS]

    def filters(self) -> dict[str, Any]:
        """As ``ListFilterForm.filters``; a period (``2020-2025``) also gives its first and last
        year, and one that does not parse is not applied."""
        from phoihop.agreements.selectors import parse_period_filter

        filters = super().filters()
        bounds = parse_period_filter(filters["period"])
        if bounds:
            filters["period_start"], filters["period_end"] = bounds
        else:
            filters["period"] = ""
        return filters
