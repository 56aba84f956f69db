from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from phoihop.agreements.tests.bulk import make_agreements
from phoihop.testing.queries import assert_queries

pytestmark = pytest.mark.django_db

URL = "agreements:autocomplete"
# Pinned: the same for 2 visible agreements as for 62.
AUTOCOMPLETE_QUERIES = 4


def _ask(client: Any, q: str) -> dict[str, Any]:
    response = client.get(reverse(URL), {"q": q})
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_it_finds_a_visible_agreement_without_diacritics(login: Any, users: dict[str, Any], agreement: Any) -> None:
    data = _ask(login(users["bob"]), "tuyen GIAO quoc phong")
    assert data == {
        "results": [{"id": agreement.pk, "text": "03/CTr-BCHQS-BTGQU · " + agreement.title}],
        "more": False,
    }


def test_it_finds_by_number_and_symbol(login: Any, users: dict[str, Any], agreement: Any) -> None:
    assert [r["id"] for r in _ask(login(users["superior"]), "03/ctr")["results"]] == [agreement.pk]


def test_it_never_answers_an_outsider_with_others_agreements(
    login: Any, users: dict[str, Any], orgs: dict[str, Any], agreement: Any
) -> None:
    make_agreements(3, party=orgs["district"], title="Chương trình tuyên giáo")
    client = login(users["charlie"])
    assert _ask(client, "")["results"] == []
    assert _ask(client, "tuyen giao")["results"] == []
    response = client.get(reverse(URL), {"q": "tuyên giáo"})
    assert agreement.title not in response.content.decode()


def test_it_leaves_out_archived_agreements(login: Any, users: dict[str, Any], agreement: Any) -> None:
    from django.utils import timezone

    agreement.archived_at = timezone.now()
    agreement.save()
    assert _ask(login(users["alice"]), "tuyen giao")["results"] == []


def test_it_answers_at_most_twenty_newest_signed_first(login: Any, users: dict[str, Any], orgs: dict[str, Any]) -> None:
    made = make_agreements(25, party=orgs["board"])
    data = _ask(login(users["coop_officer"]), "ke hoach")
    assert len(data["results"]) == 20
    assert data["more"] is True
    assert [r["id"] for r in data["results"]] == [a.pk for a in reversed(made)][:20]
    assert _ask(login(users["coop_officer"]), "ke hoach so 24")["more"] is False


def test_it_refuses_anonymous_visitors(client: Any, agreement: Any) -> None:
    response = client.get(reverse(URL), {"q": "tuyen"})
    assert response.status_code == 302
    assert agreement.title not in response.content.decode()


def test_it_makes_the_same_queries_for_few_and_many_agreements(
    login: Any, users: dict[str, Any], orgs: dict[str, Any]
) -> None:
    client = login(users["superior"])
    make_agreements(2, party=orgs["district"])
    client.get(reverse(URL), {"q": "ke hoach"})  # warm the session
    with assert_queries(AUTOCOMPLETE_QUERIES):
        assert len(_ask(client, "ke hoach")["results"]) == 2
    make_agreements(60, party=orgs["ward"], start=2)
    with assert_queries(AUTOCOMPLETE_QUERIES):
        assert len(_ask(client, "ke hoach")["results"]) == 20
