from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.agreements.forms import ContentAreaForm, PartyForm
from phoihop.core.forms import BootstrapFormSet, bootstrap


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        error_messages={"required": _("Chọn tệp để tải lên.")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["file"].widget.attrs["accept"] = ".xlsx"
        bootstrap(self)


class DocumentUploadForm(forms.Form):
    """A signed agreement as a Word or PDF file, read into a draft of a new agreement."""

    file = forms.FileField(
        label=_("Văn bản Word (.docx) hoặc PDF"),
        error_messages={"required": _("Chọn tệp để tải lên."), "empty": _("Tệp rỗng.")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["file"].widget.attrs["accept"] = ".docx,.pdf"
        bootstrap(self)


class SharedChoicesFormSet(BootstrapFormSet):
    """Rows whose organisation lists are read once for the whole formset (the empty row of the
    template included), not once per row: a draft may hold many content areas."""

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        cache: dict[str, list[Any]] = self.__dict__.setdefault("_shared_choices", {})
        for name, field in form.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                if name not in cache:
                    cache[name] = list(field.choices)  # type: ignore[arg-type]
                field.widget.choices = cache[name]  # type: ignore[attr-defined]


DraftPartyFormSet = forms.formset_factory(
    PartyForm, formset=SharedChoicesFormSet, extra=0, can_delete=True
)
DraftAreaFormSet = forms.formset_factory(
    ContentAreaForm, formset=SharedChoicesFormSet, extra=0, can_delete=True
)
