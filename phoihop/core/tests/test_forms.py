"""The shared form pieces: Vietnamese empty choices, the only choice chosen, the red border on a
refused field, the error summary with links, and the date field's picker."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django import forms
from django.template import Context, Template

from phoihop.core.forms import VNDateField, bootstrap
from phoihop.orgs.models import Organization


class SampleForm(forms.Form):
    host = forms.ModelChoiceField(label="Đơn vị chủ trì", queryset=Organization.objects.none())
    kind = forms.ChoiceField(label="Loại hội nghị", choices=[("", "---------"), ("signing", "Ký kết"), ("review", "Sơ kết")])
    level = forms.ChoiceField(label="UBND cấp", required=False, choices=[("", "---------"), ("x", "Xã")])
    date = VNDateField(label="Ngày tổ chức")
    title = forms.CharField(label="Tên hội nghị")

    def __init__(self, *args: Any, hosts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if hosts is not None:
            self.fields["host"].queryset = hosts  # type: ignore[attr-defined]
        bootstrap(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("title") == "trùng":
            raise forms.ValidationError("Đã có hội nghị cùng tên trong ngày.")
        return cleaned


@pytest.mark.django_db
def test_it_names_the_empty_choice_in_vietnamese_instead_of_dashes(orgs):
    html = str(SampleForm(hosts=Organization.objects.filter(pk__in=[orgs["district"].pk, orgs["board"].pk])))
    assert "---------" not in html
    assert "— Chọn đơn vị chủ trì —" in html and "— Chọn loại hội nghị —" in html
    assert "— Chọn UBND cấp —" in html  # an abbreviation keeps its capitals


@pytest.mark.django_db
def test_it_chooses_the_only_possible_choice_of_a_required_select(orgs):
    one = SampleForm(hosts=Organization.objects.filter(pk=orgs["district"].pk))
    html = str(one["host"])
    assert f'<option value="{orgs["district"].pk}" selected>' in html
    assert 'value=""' not in html  # nothing else to choose
    two = SampleForm(hosts=Organization.objects.filter(pk__in=[orgs["district"].pk, orgs["board"].pk]))
    assert "selected>— Chọn đơn vị chủ trì —" in str(two["host"]).replace('value="" ', "")
    # An optional select with one choice still lets the user choose nothing.
    assert '<option value="" selected>— Chọn UBND cấp —</option>' in str(one["level"])


@pytest.mark.django_db
def test_it_marks_only_the_refused_fields_with_a_red_border(orgs):
    form = SampleForm({"title": "Hội nghị ký kết", "date": "31/02/2024", "kind": "signing"}, hosts=Organization.objects.none())
    assert not form.is_valid()
    assert "is-invalid" in str(form["date"]) and 'aria-invalid="true"' in str(form["date"])
    assert "is-invalid" in str(form["host"])
    assert "is-invalid" not in str(form["title"]) and "is-invalid" not in str(form["kind"])
    assert "is-invalid" not in str(SampleForm()["date"])  # an empty new form is not wrong


def summary(*objects: Any) -> str:
    return Template("{% load form_errors %}{% error_summary a b %}").render(
        Context({"a": objects[0], "b": objects[1] if len(objects) > 1 else None})
    )


@pytest.mark.django_db
def test_it_lists_every_refusal_at_the_top_with_a_link_to_its_field(orgs):
    form = SampleForm({"title": "trùng", "date": "hôm qua", "kind": "signing"}, hosts=Organization.objects.all())
    assert not form.is_valid()
    html = summary(form)
    assert "Chưa lưu được. Vui lòng kiểm tra:" in html and "data-error-summary" in html
    assert '<a href="#id_date">Ngày tổ chức: Ngày không hợp lệ.' in html
    assert '<a href="#id_host">Đơn vị chủ trì:' in html
    assert "<li>Đã có hội nghị cùng tên trong ngày.</li>" in html  # not tied to one field: no link
    assert summary(SampleForm()) .strip() == ""


@pytest.mark.django_db
def test_it_links_a_formset_row_and_a_list_of_boxes(orgs):
    Rows = forms.formset_factory(SampleForm, extra=0)
    rows = Rows({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-title": "", "form-0-date": "01/01/2024"}, form_kwargs={"hosts": Organization.objects.all()})

    class Boxes(forms.Form):
        parties = forms.MultipleChoiceField(label="Các bên", choices=[("1", "A"), ("2", "B")], widget=forms.CheckboxSelectMultiple)

    boxes = Boxes({})
    assert not rows.is_valid() and not boxes.is_valid()
    html = summary(boxes, rows)
    assert '<a href="#id_parties_0">Các bên:' in html
    assert '<a href="#id_form-0-title">Dòng 1, Tên hội nghị:' in html


def test_it_reads_a_typed_date_and_offers_the_picker():
    form = SampleForm({"date": "15/09/2023"})
    form.is_valid()
    assert form.cleaned_data["date"] == datetime.date(2023, 9, 15)
    html = str(SampleForm(initial={"date": datetime.date(2023, 9, 15)})["date"])
    assert 'value="15/09/2023"' in html and 'data-datepicker="Chọn ngày"' in html and 'type="text"' in html
