"""Forms of attachments: a file for a record, and the files a refused form keeps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.attachments.models import Attachment
from phoihop.core.forms import bootstrap

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Tệp"), error_messages={"required": _("Chọn tệp để tải lên.")})
    kind = forms.ChoiceField(label=_("Loại"), choices=Attachment.Kind.choices)
    description = forms.CharField(label=_("Mô tả"), required=False, max_length=255)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


class KeptFilesField(forms.MultipleChoiceField):
    """The files of a refused submit, offered again: one ticked box per kept file (its token).

    Pair it with a file field in ``KeepsFilesMixin.kept_files_fields``; the choices are the
    user's own kept files, so another token is refused like any unknown choice."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("choices", [])
        super().__init__(**kwargs)


class KeepsFilesMixin:
    """Keeps the files sent with a refused form (pending uploads), so the user
    does not pick them again: ``keep_files()`` after a refusal, ``kept_uploads(name)`` with the
    new uploads when the form is saved, then ``discard_kept_files()``.

    ``kept_files_fields`` maps each file field to its ``KeptFilesField``."""

    kept_files_fields: dict[str, str] = {}
    fields: dict[str, forms.Field]
    data: Any
    files: Any
    is_bound: bool

    def bind_kept_files(self, user: User) -> None:
        from phoihop.attachments.uploads import pending_uploads

        self._kept_user = user
        for kept_name in self.kept_files_fields.values():
            tokens = (
                self.data.getlist(kept_name)
                if self.is_bound and hasattr(self.data, "getlist")
                else []
            )
            items = pending_uploads(user=user, tokens=tokens)
            field = self.fields[kept_name]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = [(item.token, item.name) for item in items]

    def keep_files(self) -> None:
        """Store the files just sent and tick them, so the re-rendered form offers them."""
        from phoihop.attachments.uploads import pending_upload_store

        if not self.is_bound:
            return
        data = self.data.copy()
        for file_name, kept_name in self.kept_files_fields.items():
            uploads = self.files.getlist(file_name) if hasattr(self.files, "getlist") else []
            field = self.fields[kept_name]
            assert isinstance(field, forms.MultipleChoiceField)
            choices: list[Any] = list(cast(Iterable[Any], field.choices))
            chosen = [t for t in data.getlist(kept_name) if t in {str(v) for v, _label in choices}]
            for upload in uploads:
                kept = pending_upload_store(user=self._kept_user, upload=upload)
                choices.append((kept.token, kept.name))
                chosen.append(kept.token)
            field.choices = choices
            data.setlist(kept_name, chosen)
        self.data = data

    def kept_uploads(self, kept_name: str) -> list[Any]:
        """The kept files still ticked, as uploads again (after ``is_valid()``)."""
        from phoihop.attachments.uploads import pending_upload_open

        cleaned: dict[str, Any] = getattr(self, "cleaned_data", {})
        opened = (
            pending_upload_open(user=self._kept_user, token=t) for t in cleaned.get(kept_name) or []
        )
        return [upload for upload in opened if upload is not None]

    def discard_kept_files(self) -> None:
        from phoihop.attachments.uploads import pending_upload_remove

        for kept_name in self.kept_files_fields.values():
            field = self.fields[kept_name]
            assert isinstance(field, forms.MultipleChoiceField)
            for token, _label in cast(Iterable[Any], field.choices):
                pending_upload_remove(user=self._kept_user, token=str(token))
