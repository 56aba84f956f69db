"""People: the agencies' officials (never private citizens) with the titles they held over time,
seen exactly as on the people pages: those of the user's own organisations and below, and those
who signed an agreement or attended an event the user sees (the registry's access rules)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field as F
from ninja import Query, Router, Schema

from phoihop.api import schemas
from phoihop.api.etags import tagged
from phoihop.api.organizations import ref
from phoihop.api.paging import form_data, key, offset_page
from phoihop.orgs import access, selectors
from phoihop.orgs.forms import PersonListFilterForm
from phoihop.orgs.models import Person, PersonTitle

router = Router(tags=["people"])


class PersonFilters(Schema):
    q: str = F(
        "",
        max_length=200,
        pattern=schemas.NO_NUL,
        description="Words of the full name or position (diacritics ignored)",
    )
    organization: schemas.Key | None = F(None, description="Only the people of this organisation")
    limit: int = F(25, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


class PersonOut(Schema):
    id: int
    full_name: str
    rank: str
    position: str
    organization: schemas.Ref | None
    archived: bool


class PersonTitleOut(Schema):
    rank: str
    position: str
    organization: schemas.Ref | None
    valid_from: datetime.date | None


class PersonDetail(PersonOut):
    titles: list[PersonTitleOut]
    version: int


class PersonPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PersonOut]


def person_out(p: Person) -> dict[str, Any]:
    return {
        "id": p.pk,
        "full_name": p.full_name,
        "rank": p.rank,
        "position": p.position,
        "organization": ref(p.organization),
        "archived": p.is_archived,
    }


def title_out(t: PersonTitle) -> dict[str, Any]:
    return {
        "rank": t.rank,
        "position": t.position,
        "organization": ref(t.organization),
        "valid_from": t.valid_from,
    }


@router.get(
    "/people",
    response={200: PersonPage, **schemas.ERRORS},
    url_name="person_list",
    summary="List people",
)
def person_list(request: HttpRequest, filters: Query[PersonFilters]) -> dict[str, Any]:
    """The officials you see, filtered as on the people list, in Vietnamese order of names."""
    form = PersonListFilterForm(form_data(filters))
    rows = selectors.people_list(user=request.user, filters=form.filters())
    return offset_page(rows, limit=filters.limit, offset=filters.offset, out=person_out)


@router.get(
    "/people/{int:pk}",
    response={200: PersonDetail, **schemas.READ_ERRORS},
    url_name="person_detail",
    summary="One person",
)
def person_detail(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """With every title held (rank, position, organisation, from which day), oldest first. Its
    ETag is that of the answer: a title brought in from the records changes it too."""
    person = access.get_person_for_user(request.user, key(pk))
    titles = selectors.person_titles(person=person)
    body = {
        **person_out(person),
        "titles": [title_out(t) for t in titles],
        "version": person.version,
    }
    return tagged(request, response, body)
