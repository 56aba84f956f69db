"""A key beyond the database's integer range is an unknown record, never a server error."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from phoihop.core.views_util import int_or_none
from phoihop.orgs.models import Organization

HUGE = "9" * 40

pytestmark = pytest.mark.django_db


class PickForm(forms.Form):
    one = forms.ModelChoiceField(queryset=Organization.objects.all())
    many = forms.ModelMultipleChoiceField(queryset=Organization.objects.all())


def test_model_choice_fields_refuse_huge_keys_as_invalid_choices(orgs):
    form = PickForm({"one": HUGE, "many": [str(orgs["district"].pk), HUGE]})
    assert not form.is_valid()
    assert form.errors["one"] and form.errors["many"]
    ok = PickForm({"one": str(orgs["board"].pk), "many": [str(orgs["district"].pk)]})
    assert ok.is_valid(), ok.errors


def test_int_or_none_drops_numbers_no_key_can_have():
    assert int_or_none("42") == 42
    assert int_or_none(HUGE) is None
    assert int_or_none(str(2**63 - 1)) == 2**63 - 1


def test_a_huge_filter_value_in_a_url_matches_nothing(login, users, agreement):
    response = login(users["alice"]).get(reverse("agreements:list"), {"party": HUGE})
    assert response.status_code == 200
    response = login(users["alice"]).get(reverse("activities:list"), {"agreement": HUGE, "area": HUGE})
    assert response.status_code == 200


def test_a_superscript_digit_is_an_invalid_choice_not_a_server_error(orgs):
    # "²".isdigit() is true in Python, but int() cannot read it.
    form = PickForm({"one": "²", "many": ["²"]})
    assert not form.is_valid()
    assert form.errors["one"] and form.errors["many"]
