"""The e-mail preferences form: one box per kind of notification."""

from __future__ import annotations

from typing import Any

from django import forms

from phoihop.core.forms import bootstrap
from phoihop.notifications.models import Kind


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.BooleanField(label=kind.label, required=False)
        bootstrap(self)

    def by_email(self) -> dict[str, bool]:
        return {kind: bool(self.cleaned_data.get(kind)) for kind in Kind.values}
