"""A choice widget for long lists: it renders only the chosen option and finds others on demand.

A ``<select>`` of every visible agreement or organisation is hundreds of kilobytes for a
province body and megabytes nationally. ``AutocompleteSelect`` renders the chosen option (and
an empty one) plus a search box; the page's script (``phoihop/autocomplete.js``) asks the
widget's URL for matches as the user types and puts the picked match into the ``<select>``,
which is what the form submits. Without scripts the ``<select>`` still shows and keeps (or
clears) the current choice.

Usage, in a form::

    from phoihop.core.widgets import AutocompleteSelect

    class ReportFilterForm(forms.Form):
        agreement = forms.ModelChoiceField(
            label=_("Văn bản phối hợp"),
            queryset=Agreement.objects.none(),   # set to the user's visible agreements
            required=False,
            empty_label=_("Tất cả"),
            widget=AutocompleteSelect(url="agreements:autocomplete"),
        )

For a ``ModelMultipleChoiceField`` use ``AutocompleteSelectMultiple`` (each pick adds one).
For agreements, ``phoihop.agreements.forms.AgreementChoiceField(queryset=...)`` wires the
widget and the label. The field's queryset must be access-scoped: it validates a submitted key and renders the
chosen label (one query, ``pk IN (chosen)``), never the whole list.

The endpoint contract (``agreements:autocomplete``, ``orgs:autocomplete``, any other):

- ``GET <url>?q=<text>``, signed-in users only (``@rule("authenticated")``), answering only
  records the user may see (scope through the owning app's ``access`` module);
- ``q`` is matched word by word against the folded ``search_text`` (no case, no diacritics:
  ``phoihop.core.selectors.search_filter``); an empty ``q`` answers the first records in the
  endpoint's own order (so the list opens on arrow-down);
- the answer is JSON ``{"results": [{"id": 12, "text": "label"}, ...], "more": true|false}``,
  at most ``AUTOCOMPLETE_LIMIT`` (20) results, ``more`` true when there were more matches;
  ``text`` is plain text (the script inserts it as text, never as HTML) and should be the same
  label the form field shows for the record (its ``label_from_instance``);
- a bounded, constant number of queries: build it with ``autocomplete_results`` and answer
  with ``autocomplete_response``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django import forms
from django.db.models import Model, QuerySet
from django.http import JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AUTOCOMPLETE_LIMIT = 20
# Database keys are signed 64-bit; a larger "chosen" key is no record (and would overflow).
MAX_DB_INT = 2**63 - 1

_M = TypeVar("_M", bound=Model)


def autocomplete_results(qs: QuerySet[_M], *, limit: int = AUTOCOMPLETE_LIMIT) -> tuple[list[_M], bool]:
    """The first ``limit`` rows of an ordered queryset and whether there were more (one query)."""
    rows = list(qs[: limit + 1])
    return rows[:limit], len(rows) > limit


def autocomplete_response(items: Iterable[tuple[int, str]], *, more: bool) -> JsonResponse:
    """The endpoint's answer; non-ASCII stays readable (and so checkable by the access walk)."""
    response = JsonResponse(
        {"results": [{"id": pk, "text": text} for pk, text in items], "more": more},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "private, no-store"
    return response


class AutocompleteSelect(forms.Select):
    """A ``<select>`` holding only the chosen option, with a search box that fetches matches.

    ``url`` is a URL name (or path) answering the contract in this module's docstring;
    ``search_label`` names the search box for screen readers.
    """

    template_name = "core/widgets/autocomplete.html"

    def __init__(
        self,
        *,
        url: str,
        search_label: str | Promise | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.url = url
        self.search_label = search_label

    def _endpoint(self) -> str:
        """The URL to ask; empty (no search box, the chosen option only) when the named route
        is not installed."""
        if self.url.startswith("/"):
            return self.url
        try:
            return reverse(self.url)
        except NoReverseMatch:
            return ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["url"] = self._endpoint()
        widget["search_label"] = self.search_label or _("Gõ để tìm")
        widget["search_id"] = f"{widget['attrs'].get('id') or name}-search"
        return context

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> list[Any]:
        """The empty option and the chosen ones only; the chosen labels in one query."""
        chosen = [str(v) for v in value if v not in (None, "")]
        options: list[dict[str, Any]] = []
        choices: Any = self.choices
        queryset = getattr(choices, "queryset", None)
        if queryset is not None:
            field = choices.field
            if not self.allow_multiple_selected and (field.empty_label is not None or not chosen):
                options.append(self.create_option(name, "", field.empty_label or "", not chosen, 0, attrs=attrs))
            if chosen:
                keys = [v for v in chosen if v.isdigit() and int(v) <= MAX_DB_INT]
                label: Callable[[Any], str] = field.label_from_instance
                for obj in queryset.filter(pk__in=keys) if keys else []:
                    options.append(self.create_option(name, str(obj.pk), label(obj), True, len(options), attrs=attrs))
        else:
            plain: Iterable[tuple[Any, Any]] = self.choices
            for option_value, option_label in plain:
                text = str(option_value)
                if text == "" or text in chosen:
                    options.append(
                        self.create_option(name, option_value, option_label, text in chosen or (not chosen and text == ""),
                                           len(options), attrs=attrs)
                    )
        return [(None, options, 0)]


class AutocompleteSelectMultiple(AutocompleteSelect, forms.SelectMultiple):
    """The same for a ``ModelMultipleChoiceField``: the chosen records stay listed (and can be
    unselected), each pick adds one."""
