"""A formset takes a bounded number of rows: a crafted TOTAL_FORMS is answered with a form error
without building the rows it announces, and a page of legitimate rows still works."""

from __future__ import annotations

from typing import Any

import pytest
from django.forms.formsets import BaseFormSet
from django.urls import reverse

from phoihop.agreements.forms import ContentAreaFormSet, PartyFormSet
from phoihop.audit.tests.test_fuzz_forms import form_modules
from phoihop.core.forms import FORMSET_MAX_ROWS
from phoihop.events.forms import AttendeeForm, AttendeeFormSet
from phoihop.events.models import Event
from phoihop.events.tests.test_views import post_data

pytestmark = pytest.mark.django_db

HUGE = "100000000"


def formset_classes() -> list[type[BaseFormSet]]:
    return [
        obj for module in form_modules() for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, BaseFormSet) and obj.__module__ == "django.forms.formsets"
        and obj.__name__.endswith("FormSet")
    ]


def test_every_formset_builds_at_most_a_bounded_number_of_rows() -> None:
    found = formset_classes()
    assert {ContentAreaFormSet, PartyFormSet, AttendeeFormSet} <= set(found)
    for formset in found:
        assert formset.absolute_max <= FORMSET_MAX_ROWS and formset.max_num <= FORMSET_MAX_ROWS, formset
        assert formset.validate_max, formset


@pytest.mark.parametrize("formset", [PartyFormSet, ContentAreaFormSet, AttendeeFormSet])
def test_a_huge_total_forms_is_a_form_error_and_builds_no_row(formset: type[BaseFormSet]) -> None:
    bound = formset({"x-TOTAL_FORMS": HUGE, "x-INITIAL_FORMS": "0"}, prefix="x")
    assert not bound.is_valid()
    assert len(bound.forms) == 0
    assert f"Chỉ được nhập tối đa {FORMSET_MAX_ROWS} dòng." in bound.non_form_errors()


def test_the_event_page_answers_a_huge_total_forms_with_a_form_error(login: Any, users: dict[str, Any], orgs: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    original = AttendeeForm.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(AttendeeForm, "__init__", counting)
    data = post_data(orgs, rows=[{"full_name": "Nguyễn Tuấn Bảo"}])
    data["attendees-TOTAL_FORMS"] = HUGE
    response = login(users["alice"]).post(reverse("events:create"), data)
    assert response.status_code == 200
    assert f"Chỉ được nhập tối đa {FORMSET_MAX_ROWS} dòng." in response.content.decode()
    assert not Event.objects.exists()
    assert len(built) <= 3  # the empty row the page's script copies, not a hundred million


def test_a_page_of_rows_within_the_bound_is_saved(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    rows = [{"full_name": f"Người dự {i}"} for i in range(30)]
    response = login(users["alice"]).post(reverse("events:create"), post_data(orgs, rows=rows))
    assert response.status_code == 302
    assert Event.objects.get().attendees.count() == 30
