"""The list filters read odd query strings the way the lists always have: not applied."""

from __future__ import annotations

from django.http import QueryDict
from django.template import Context, Template

from phoihop.core.lists import (
    ChoiceParam,
    FlagParam,
    IntParam,
    ListFilterForm,
    TextParam,
    YearParam,
)


class _Filters(ListFilterForm):
    q = TextParam(label="Find", placeholder="words")
    status = ChoiceParam(
        label="Status", empty_label="Any", choices=[("open", "Open"), ("closed", "Closed")]
    )
    year = YearParam(label="Year", empty_label="Any year", choices=[(2025, "2025"), (2024, "2024")])
    page_of = IntParam(key="parent", minimum=1, blank_zero=True, default="")
    archived = FlagParam(label="Archived too")


def _filters(query: str) -> dict:
    return _Filters(QueryDict(query)).filters()


def test_it_gives_the_defaults_for_an_empty_query():
    assert _filters("") == {"q": "", "status": "", "year": None, "parent": "", "archived": False}


def test_it_applies_what_parses():
    assert _filters("q=hội&status=open&year=2024&page_of=7&archived=1") == {
        "q": "hội",
        "status": "open",
        "year": 2024,
        "parent": 7,
        "archived": True,
    }


def test_it_leaves_out_what_does_not_parse():
    assert _filters("status=bogus&year=abc&page_of=0&archived=on") == _filters("")
    assert _filters("year=99999&page_of=-3&archived=true") == _filters("")
    assert _filters(f"page_of={2**64}") == _filters("")


def test_it_cuts_a_long_search():
    assert _filters("q=" + "a" * 300)["q"] == "a" * 200


def test_it_counts_only_the_narrowing_filters():
    form = _Filters(QueryDict("archived=1"))
    assert not form.filtered(form.filters())
    form = _Filters(QueryDict("status=closed"))
    assert form.filtered(form.filters())


def test_it_draws_a_select_with_the_applied_value_chosen():
    form = _Filters(QueryDict("year=2024&status=bogus"))
    html = Template("{% load lists %}{% filter_field f.year %}|{% filter_field f.status %}").render(
        Context({"f": form})
    )
    assert '<option value="2024" selected>2024</option>' in html
    assert '<option value="">Any year</option>' in html
    assert " selected" not in html.split("|")[1]


def test_it_draws_a_flag_and_a_search_box():
    form = _Filters(QueryDict("archived=1&q=x"))
    html = Template("{% load lists %}{% filter_field f.archived %}{% filter_field f.q %}").render(
        Context({"f": form})
    )
    assert 'name="archived" value="1" id="archived" checked' in html
    assert '<label class="form-check-label" for="archived">Archived too</label>' in html
    assert 'type="search" name="q" value="x" placeholder="words" aria-label="Find"' in html
