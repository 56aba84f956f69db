from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.core.forms import VNDateField, bootstrap


class ReserveNumberForm(forms.Form):
    issued_on = VNDateField(label=_("Ngày ban hành"))
    number = forms.IntegerField(
        label=_("Số"), required=False, min_value=1,
        help_text=_("Để trống để lấy số tiếp theo trong sổ."),
    )
    confirm_out_of_sequence = forms.BooleanField(
        label=_("Tôi xác nhận cấp số ngoài thứ tự (bỏ trống các số trước số đã nhập)"), required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        bootstrap(self)
