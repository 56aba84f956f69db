"""The event form: the conference, its participating organisations, agreements and attendees."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.agreements.selectors import agreement_choice_label
from phoihop.core import versioning
from phoihop.core.forms import BootstrapFormSet, VNDateField, bootstrap
from phoihop.core.lists import ChoiceParam, FlagParam, ListFilterForm, TextParam, YearParam
from phoihop.core.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from phoihop.events.models import Attendee, Event
from phoihop.events.selectors import organization_choices
from phoihop.events.services import EVENT_FIELDS, AttendeeInput
from phoihop.orgs.models import Organization
from phoihop.vn.names import person_name_with_title


class EventForm(versioning.VersionedFormMixin, forms.ModelForm):
    date = VNDateField(
        label=_("Ngày tổ chức"), error_messages={"required": _("Cần nhập ngày tổ chức.")}
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "date",
            "time_of_day",
            "place",
            "host",
            "organizations",
            "agreements",
            "summary",
            "minutes",
            "source",
        ]
        labels = {
            "kind": _("Loại"),
            "title": _("Tên hội nghị, sự kiện"),
            "time_of_day": _("Buổi, giờ"),
            "place": _("Địa điểm"),
            "host": _("Đơn vị chủ trì"),
            "organizations": _("Đơn vị tham gia"),
            "agreements": _("Văn bản ký kết, sơ kết tại hội nghị"),
            "summary": _("Tóm tắt"),
            "minutes": _("Biên bản, kết luận"),
            "source": _("Nguồn tin"),
        }
        help_texts = {
            "organizations": _("Gõ tên để tìm và thêm đơn vị; bỏ đánh dấu để bỏ chọn."),
            "agreements": _(
                "Chỉ tìm thấy các văn bản bạn được xem. Gõ để tìm và thêm; bỏ đánh dấu để bỏ chọn."
            ),
            "source": _("Ví dụ: địa chỉ bài báo, số công văn thông báo."),
        }
        error_messages = {
            "kind": {"required": _("Chọn loại hội nghị, sự kiện.")},
            "title": {"required": _("Cần nhập tên hội nghị, sự kiện.")},
            "host": {
                "required": _("Chọn đơn vị chủ trì."),
                "invalid_choice": _("Đơn vị chủ trì không hợp lệ."),
            },
            "agreements": {
                "invalid_choice": _(
                    "Có văn bản được chọn không tồn tại hoặc bạn không có quyền xem."
                )
            },
        }
        widgets = {
            "title": forms.TextInput(
                attrs={
                    "placeholder": _(
                        "Ví dụ: Hội nghị ký kết chương trình phối hợp giai đoạn 2022–2025"
                    )
                }
            ),
            "time_of_day": forms.TextInput(attrs={"placeholder": _("Ví dụ: Sáng, 8 giờ 00")}),
            # The chosen ones only, others found by search: never the whole registry.
            "organizations": AutocompleteSelectMultiple(
                url="orgs:autocomplete", search_label=_("Gõ tên cơ quan để thêm"), attrs={"size": 4}
            ),
            "agreements": AutocompleteSelectMultiple(
                url="agreements:autocomplete", search_label=_("Gõ tên hoặc số, ký hiệu văn bản để thêm"), attrs={"size": 4}
            ),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, hosts: Any, agreements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        host = cast(forms.ModelChoiceField, self.fields["host"])
        host.queryset = hosts
        host.empty_label = _("— Chọn đơn vị chủ trì —")
        cast(forms.ModelMultipleChoiceField, self.fields["organizations"]).queryset = organization_choices()
        linked = cast(forms.ModelMultipleChoiceField, self.fields["agreements"])
        linked.queryset = agreements
        # Labelled as the search box's matches are.
        setattr(linked, "label_from_instance", agreement_choice_label)  # noqa: B010 (an instance override)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("— Chọn loại —")), *Event.Kind.choices]
        bootstrap(self)

    def event_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EVENT_FIELDS}

    def versioned_extras(self, record: Any) -> dict[str, tuple[str, str]]:
        # The attendees are edited on the same page, under the event's version.
        attendees = "; ".join(
            person_name_with_title(a.full_name, rank=a.rank, position=a.position)
            for a in Attendee.objects.filter(event=record).order_by("order", "id")
        )
        return {"attendees": (str(_("Thành phần tham dự")), attendees)}


class AttendeeForm(forms.Form):
    """One official at the event. A row left wholly blank is ignored."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    full_name = forms.CharField(label=_("Họ tên"), required=False, max_length=150)
    rank = forms.CharField(
        label=_("Cấp bậc"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Đại tá")}),
    )
    position = forms.CharField(
        label=_("Chức vụ"),
        required=False,
        max_length=255,  # also recorded as the official's title (orgs.Person, PersonTitle)
        widget=forms.TextInput(attrs={"placeholder": _("Chức vụ ngày dự")}),
    )
    organization = forms.ModelChoiceField(
        label=_("Đơn vị"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("— Không rõ —"),
        error_messages={"invalid_choice": _("Đơn vị không hợp lệ.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = organization_choices()
        for field in self.fields.values():
            # The column headings stand in for labels on wide screens; readers still hear one.
            field.widget.attrs.setdefault("aria-label", str(field.label))
        bootstrap(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any(data.get(n) for n in ("rank", "position", "organization"))
        if filled and not (data.get("full_name") or "").strip() and not data.get("DELETE"):
            self.add_error("full_name", _("Cần nhập họ tên người dự."))
        return data

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("full_name") or "").strip()

    def to_input(self) -> AttendeeInput:
        d = self.cleaned_data
        return AttendeeInput(
            full_name=d["full_name"],
            rank=d["rank"],
            position=d["position"],
            organization=d["organization"],
            pk=d.get("id"),
        )


AttendeeFormSet = forms.formset_factory(
    AttendeeForm, formset=BootstrapFormSet, extra=0, can_delete=True
)


def attendee_rows(formset: forms.BaseFormSet) -> list[AttendeeInput]:
    """The filled rows not marked for removal, as service inputs."""
    return [
        f.to_input()
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and not f.is_blank
    ]


def initial_attendees(event: Event) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "full_name": a.full_name,
            "rank": a.rank,
            "position": a.position,
            "organization": a.organization_id,
        }
        for a in Attendee.objects.filter(event=event).order_by("order", "id")
    ]


class EventListFilterForm(ListFilterForm):
    """The event list's filters. The host is the chosen organisation only, others found by
    search."""

    q = TextParam(label=_("Tìm hội nghị"), placeholder=_("Tìm theo tên hội nghị, địa điểm…"))
    kind = ChoiceParam(label=_("Loại"), empty_label=_("Mọi loại"), choices=Event.Kind.choices)
    year = YearParam(label=_("Năm"), empty_label=_("Mọi năm"))
    host = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"),
        queryset=Organization.objects.all(),
        required=False,
        empty_label=_("Mọi đơn vị chủ trì"),
        widget=AutocompleteSelect(url="orgs:autocomplete", search_label=_("Gõ tên cơ quan để tìm")),
    )
    archived = FlagParam(label=_("Xem hội nghị đã lưu trữ"))

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
        self.fields["host"].widget.attrs["aria-label"] = _("Đơn vị chủ trì")
        cast(YearParam, self.fields["year"]).choices = [(y, _("Năm %(y)s") % {"y": y}) for y in years]
