from __future__ import annotations

from typing import Any

import pytest
from django import forms

from phoihop.core.widgets import AutocompleteSelect, autocomplete_response, autocomplete_results
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db


def _form(data: dict[str, Any] | None = None, *, queryset: Any) -> forms.Form:
    class OrgForm(forms.Form):
        organization = forms.ModelChoiceField(
            label="Cơ quan",
            queryset=queryset,
            required=False,
            empty_label="Tất cả",
            widget=AutocompleteSelect(url="/goi-y/", search_label="Gõ tên cơ quan"),
        )

    return OrgForm(data)


def test_it_renders_the_chosen_option_only(orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Organization

    form = _form({"organization": orgs["board"].pk}, queryset=Organization.objects.all())
    assert form.is_valid()
    with assert_queries(1):
        html = str(form["organization"])
    assert html.count("<option") == 2
    assert f'<option value="{orgs["board"].pk}" selected>Ban Tuyên giáo Quận ủy Quận 4</option>' in html
    assert '<option value="">Tất cả</option>' in html
    assert orgs["unrelated"].name not in html
    assert 'data-autocomplete="/goi-y/"' in html
    assert 'role="combobox"' in html and 'aria-label="Gõ tên cơ quan"' in html


def test_it_renders_no_query_and_the_empty_option_when_nothing_is_chosen(orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Organization

    form = _form(queryset=Organization.objects.all())
    with assert_queries(0):
        html = str(form["organization"])
    assert html.count("<option") == 1
    assert '<option value="" selected>Tất cả</option>' in html


def test_it_never_renders_a_key_outside_the_queryset(orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Organization

    visible = Organization.objects.exclude(pk=orgs["unrelated"].pk)
    form = _form({"organization": orgs["unrelated"].pk}, queryset=visible)
    assert not form.is_valid()
    html = str(form["organization"])
    assert orgs["unrelated"].name not in html
    assert html.count("<option") == 1


def test_it_ignores_keys_beyond_the_database_range(orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Organization

    form = _form({"organization": str(2**70)}, queryset=Organization.objects.all())
    assert not form.is_valid()
    assert str(form["organization"]).count("<option") == 1


def test_it_bounds_results_and_says_when_there_are_more(orgs: dict[str, Any]) -> None:
    from phoihop.orgs.models import Organization

    rows, more = autocomplete_results(Organization.objects.order_by("pk"), limit=3)
    assert [o.pk for o in rows] == list(Organization.objects.order_by("pk").values_list("pk", flat=True)[:3])
    assert more is True
    rows, more = autocomplete_results(Organization.objects.order_by("pk"), limit=5)
    assert len(rows) == 5 and more is False


def test_it_answers_readable_json() -> None:
    response = autocomplete_response([(1, "Đảng ủy")], more=False)
    assert response["Content-Type"] == "application/json"
    assert response.content.decode() == '{"results": [{"id": 1, "text": "Đảng ủy"}], "more": false}'


def test_it_renders_the_chosen_records_of_a_multiple_choice_without_an_empty_option(orgs: dict[str, Any]) -> None:
    from phoihop.core.widgets import AutocompleteSelectMultiple
    from phoihop.orgs.models import Organization

    class OrgsForm(forms.Form):
        organizations = forms.ModelMultipleChoiceField(
            queryset=Organization.objects.all(), required=False, widget=AutocompleteSelectMultiple(url="/goi-y/")
        )

    form = OrgsForm({"organizations": [orgs["board"].pk, orgs["ward"].pk]})
    assert form.is_valid()
    assert form.cleaned_data["organizations"].count() == 2
    html = str(form["organizations"])
    assert html.count("<option") == 2 and "multiple" in html
    assert orgs["unrelated"].name not in html
    assert str(OrgsForm()["organizations"]).count("<option") == 0
