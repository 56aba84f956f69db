"""The registry: organisations with their validity and successions (readable by every signed-in
user, as the registry pages are)."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field as F
from ninja import Query, Router, Schema

from phoihop.api import schemas
from phoihop.api.etags import etag_of, not_modified
from phoihop.api.paging import form_data, key, offset_page, unchanged
from phoihop.orgs import access, selectors
from phoihop.orgs.forms import OrganizationListFilterForm
from phoihop.orgs.models import Organization, Succession

router = Router(tags=["organizations"])


class OrganizationFilters(Schema):
    q: str = F(
        "",
        max_length=200,
        pattern=schemas.NO_NUL,
        description="Words of the name, short name or symbol (diacritics ignored)",
    )
    kind: Organization.Kind | None = None
    level: Organization.Level | None = None
    province: int | None = F(None, ge=1, le=999, description="Province code")
    state: Literal["current", "ended"] | None = None
    parent: schemas.Key | None = F(None, description="Only the children of this organisation")
    archived: bool = False
    limit: int = F(25, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


def choice(record: Any, name: str) -> dict[str, str]:
    return {"value": getattr(record, name), "label": str(getattr(record, f"get_{name}_display")())}


def ref(org: Organization | None) -> dict[str, Any] | None:
    return {"id": org.pk, "name": org.name} if org is not None else None


def organization_out(org: Organization) -> dict[str, Any]:
    return {
        "id": org.pk,
        "name": org.name,
        "short_name": org.short_name,
        "symbol": org.symbol,
        "kind": choice(org, "kind"),
        "level": choice(org, "level"),
        "parent": ref(org.parent),
        "province_code": org.province_code,
        "commune_code": org.commune_code,
        "locality_text": org.locality_text,
        "valid_from": org.valid_from,
        "valid_to": org.valid_to,
        "archived": org.is_archived,
    }


def succession_out(s: Succession) -> dict[str, Any]:
    return {
        "id": s.pk,
        "kind": choice(s, "kind"),
        "effective_date": s.effective_date,
        "decided_on": s.decided_on,
        "decision_number": s.decision_number,
        "decision_issuer": s.decision_issuer,
        "decision_title": s.decision_title,
        "predecessors": [ref(o) for o in s.predecessors.all()],
        "successors": [ref(o) for o in s.successors.all()],
    }


@router.get(
    "/organizations",
    response={200: schemas.OrganizationPage, **schemas.ERRORS},
    url_name="organization_list",
    summary="List organisations",
)
def organization_list(request: HttpRequest, filters: Query[OrganizationFilters]) -> dict[str, Any]:
    """The registry, filtered as on the registry page, in Vietnamese order."""
    form = OrganizationListFilterForm(form_data(filters))
    rows = selectors.organization_list(filters=form.filters())
    return offset_page(rows, limit=filters.limit, offset=filters.offset, out=organization_out)


class TreeFilters(Schema):
    parent: schemas.Key | None = F(
        None, description="The organisation whose children to list; none: the top of the tree"
    )
    limit: int = F(50, ge=1, le=100)
    offset: int = F(0, ge=0, le=100_000)


class TreeNode(Schema):
    id: int
    name: str
    short_name: str
    kind: schemas.Choice
    level: schemas.Choice
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    has_children: bool = F(description="Whether it has children of its own (ask with ?parent=)")


class TreeLevel(Schema):
    parent: schemas.Ref | None
    ancestors: list[schemas.Ref] = F(
        description="The path from the top of the tree down to the parent, the parent left out"
    )
    count: int
    limit: int
    offset: int
    items: list[TreeNode]


def tree_node(org: Organization) -> dict[str, Any]:
    return {
        "id": org.pk,
        "name": org.name,
        "short_name": org.short_name,
        "kind": choice(org, "kind"),
        "level": choice(org, "level"),
        "valid_from": org.valid_from,
        "valid_to": org.valid_to,
        "has_children": bool(getattr(org, "has_children", False)),
    }


@router.get(
    "/organizations/tree",
    response={200: TreeLevel, **schemas.ERRORS},
    url_name="organization_tree",
    summary="One level of the organisation tree",
)
def organization_tree(request: HttpRequest, filters: Query[TreeFilters]) -> dict[str, Any]:
    """The children of ``parent`` (the top of the tree without it) that are not archived, in
    Vietnamese order, each saying whether it has children, with the path from the top down to
    the parent: walk the tree a level at a time, as the tree page does."""
    parent = ancestors = None
    if filters.parent is not None:
        parent = access.get_organization_for_user(request.user, filters.parent)
        ancestors = selectors.organization_ancestors(org=parent)
    rows = selectors.organization_children(parent_id=parent.pk if parent else None)
    return {
        "parent": ref(parent),
        "ancestors": [ref(o) for o in ancestors or []],
        **offset_page(rows, limit=filters.limit, offset=filters.offset, out=tree_node),
    }


@router.get(
    "/organizations/{int:pk}",
    response={200: schemas.OrganizationDetail, **schemas.READ_ERRORS},
    url_name="organization_detail",
    summary="One organisation",
)
def organization_detail(request: HttpRequest, pk: int, response: HttpResponse) -> Any:
    """With its validity dates and the successions on either side of it."""
    org = access.get_organization_for_user(request.user, key(pk))
    if not_modified(request, org):
        return unchanged(org)
    out, into = selectors.organization_successions(org=org)
    response["ETag"] = etag_of(org)
    return {
        **organization_out(org),
        "notes": org.notes,
        "version": org.version,
        "successions_out": [succession_out(s) for s in out],
        "successions_in": [succession_out(s) for s in into],
    }
