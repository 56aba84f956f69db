from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from phoihop.agreements import access as agreement_access
from phoihop.agreements.forms import AgreementChoiceField
from phoihop.core import versioning
from phoihop.core.forms import VNDateField, bootstrap
from phoihop.core.lists import FlagParam, IntParam, ListFilterForm, TextParam, YearParam
from phoihop.core.widgets import AutocompleteSelect
from phoihop.orgs.models import Organization
from phoihop.reviews.models import SECTIONS, Commendation, Review

if TYPE_CHECKING:
    from phoihop.agreements.models import Agreement
    from phoihop.core.access import AnyUser
    from phoihop.events.models import Event
    from phoihop.reviews.models import Movement

    _EventField = forms.ModelChoiceField[Event]
else:  # ModelChoiceField is not subscriptable at run time
    _EventField = forms.ModelChoiceField


def choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """``form.fields[name]``, a model choice field (single or multiple) whose queryset is set
    when the form is made."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class EventChoiceField(_EventField):
    def label_from_instance(self, obj: Event) -> str:
        return f"{obj.date:%d/%m/%Y} · {obj.title}"


class ReviewCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=Review.Kind.choices, initial=Review.Kind.INTERIM)
    period_start = VNDateField(label=_("Từ ngày"), required=True)
    period_end = VNDateField(label=_("Đến ngày"), required=True)
    agreements: forms.ModelMultipleChoiceField[Agreement] = forms.ModelMultipleChoiceField(
        label=_("Văn bản sơ kết, tổng kết cùng"),
        queryset=None,
        required=False,
        help_text=_("Các văn bản ký cùng hội nghị mà cơ quan của bạn cũng chủ trì."),
    )
    event = EventChoiceField(label=_("Hội nghị"), queryset=None, required=False)

    def __init__(self, *args: Any, together: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "agreements").queryset = together
        self.fields["agreements"].widget.attrs["size"] = 4
        choice_field(self, "event").queryset = events
        bootstrap(self)


class ReviewForm(versioning.VersionedFormMixin, forms.Form):
    number_symbol = forms.CharField(
        label=_("Số, ký hiệu báo cáo"), required=False, max_length=100,
        help_text=_("Để trống: hệ thống cấp số tiếp theo trong sổ văn bản khi ký duyệt."),
    )
    report_date = VNDateField(label=_("Ngày báo cáo"), required=False)
    signer_name = forms.CharField(label=_("Họ tên người ký"), required=False, max_length=150)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), required=False, max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in SECTIONS:
            self.fields[name] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 6})
            )
        bootstrap(self)

    @property
    def section_fields(self) -> list[Any]:
        return [self[name] for name, _label in SECTIONS]


class ContributionForm(versioning.VersionedFormMixin, forms.Form):
    organization = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("Tiêu đề tham luận"), required=False, max_length=500)
    body = forms.CharField(label=_("Nội dung tham luận"), widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "organization").queryset = organizations
        bootstrap(self)


class CommendationForm(forms.Form):
    awardee_kind = forms.ChoiceField(
        label=_("Đối tượng"), choices=Commendation.AwardeeKind.choices, initial=Commendation.AwardeeKind.COLLECTIVE
    )
    organization = forms.ModelChoiceField(label=_("Tập thể, hoặc đơn vị của cá nhân"), queryset=Organization.objects.none())
    person_name = forms.CharField(label=_("Họ và tên cá nhân"), required=False, max_length=150)
    person_title = forms.CharField(label=_("Cấp bậc, chức vụ"), required=False, max_length=255)
    form = forms.ChoiceField(label=_("Hình thức"), choices=Commendation.Form.choices)
    authority = forms.CharField(label=_("Cấp khen"), max_length=255, help_text=_("Ví dụ: Chủ tịch UBND thành phố"))
    reason = forms.CharField(label=_("Thành tích, lý do"), widget=forms.Textarea(attrs={"rows": 3}))
    movement: forms.ModelChoiceField[Movement] = forms.ModelChoiceField(
        label=_("Phong trào thi đua"), queryset=None, required=False
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, organizations: Any, movements: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "organization").queryset = organizations
        choice_field(self, "movement").queryset = movements
        bootstrap(self)


class CommendationRecordForm(CommendationForm):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1945, max_value=2100)
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=100)
    decision_date = VNDateField(label=_("Ngày quyết định"), required=False)


class DecisionForm(forms.Form):
    DECIDED, NOT_APPROVED = "decided", "not_approved"
    outcome = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[(DECIDED, _("Đã có quyết định khen thưởng")), (NOT_APPROVED, _("Không được duyệt"))],
        widget=forms.RadioSelect,
        initial=DECIDED,
    )
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=100)
    decision_date = VNDateField(label=_("Ngày quyết định"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
        self.fields["outcome"].widget.attrs["class"] = "form-check-input"


class MovementForm(versioning.VersionedFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên phong trào"), max_length=500)
    organizer: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Cơ quan phát động"), queryset=None, required=False
    )
    organizer_text = forms.CharField(
        label=_("hoặc ghi tên cơ quan phát động"), required=False, max_length=255,
        help_text=_("Khi cơ quan phát động không có trong danh mục, ví dụ: Ban Dân vận Trung ương."),
    )
    start_year = forms.IntegerField(label=_("Từ năm"), required=False, min_value=1945, max_value=2100)
    end_year = forms.IntegerField(label=_("Đến năm"), required=False, min_value=1945, max_value=2100)
    description = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from phoihop.core.db import vi

        choice_field(self, "organizer").queryset = Organization.objects.active().order_by(vi("name"))
        bootstrap(self)


class ReviewFilterForm(ListFilterForm):
    """The review list's filters. The agreement is the chosen one only, others found by search;
    a key the user may not see does not validate and is not applied."""

    agreement = AgreementChoiceField(
        label=_("Văn bản phối hợp"), queryset=None, required=False, empty_label=_("Mọi văn bản phối hợp")
    )
    kind = TextParam(
        label=_("Loại"), empty_label=_("Sơ kết và tổng kết"), choices=Review.Kind.choices, max_length=None
    )
    year = YearParam(default="")
    status = TextParam(
        label=_("Trạng thái"), empty_label=_("Mọi trạng thái"), choices=Review.Status.choices, max_length=None
    )
    archived = FlagParam(label=_("Xem báo cáo đã lưu trữ"))

    filter_defaults = {"agreement": ""}
    not_narrowing = ()

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "agreement").queryset = agreement_access.visible_agreements(user).active()
        bootstrap(self)
        self.fields["agreement"].widget.attrs["aria-label"] = _("Văn bản phối hợp")


class CommendationListFilterForm(ListFilterForm):
    """The commendation list's filters (the organisation's choice box is
    ``CommendationOrganizationFilter``)."""

    movement = IntParam(label=_("Phong trào thi đua"), empty_label=_("Mọi phong trào"), blank_zero=True, default="")
    organization = IntParam(blank_zero=True, default="")
    year = IntParam(label=_("Năm"), empty_label=_("Mọi năm"), blank_zero=True, default="")
    status = TextParam(max_length=None)
    archived = FlagParam(label=_("Xem đề nghị đã rút và khen thưởng của báo cáo đã lưu trữ"))

    not_narrowing = ()

    def __init__(self, *args: Any, movements: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, Any], self.fields)
        fields["movement"].choices = [(m.pk, Truncator(m.name).chars(80)) for m in movements]
        fields["year"].choices = [(y, y) for y in years]


class MovementListFilterForm(ListFilterForm):
    archived = FlagParam()


class CommendationOrganizationFilter(forms.Form):
    """The organisation filter of the commendation list: found by typing, only the chosen one
    rendered (a province's commendations name hundreds of bodies)."""

    organization = forms.ModelChoiceField(
        label=_("Cơ quan, đơn vị"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Mọi tập thể, đơn vị"),
        widget=AutocompleteSelect(url="orgs:autocomplete", search_label=_("Gõ tên cơ quan để tìm")),
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organization"]).queryset = organizations
        bootstrap(self)
