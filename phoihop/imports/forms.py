from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.core.forms import bootstrap


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
