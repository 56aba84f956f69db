"""Reads of the registry: the tree, lists, an organisation's page, people."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from phoihop.core.db import vi
from phoihop.core.models import ActiveQuerySet
from phoihop.core.paging import KeyedRows
from phoihop.core.selectors import filter_by_query
from phoihop.orgs import access, panels
from phoihop.orgs.models import Organization, Person, PersonTitle, Succession
from phoihop.orgs.panels import Panel
from phoihop.orgs.tree import path_ids

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.core.history import Entry

TREE_PAGE = 50  # children shown per level before "xem thêm"


@dataclass
class TreeNode:
    org: Organization
    has_children: bool = False
    children: list[TreeNode] = field(default_factory=list)
    open: bool = False  # children already loaded and shown
    more: bool = False  # more children than shown: the next ones load on demand
    next_offset: int = 0

    @property
    def level(self) -> TreeLevel:
        return TreeLevel(self.org, self.children, self.more, self.next_offset)


def _tree_rows() -> ActiveQuerySet[Organization]:
    """Organisations with whether they have children below them (one EXISTS on the parent index)."""
    below = Organization.objects.filter(parent=OuterRef("pk"), archived_at__isnull=True)
    return (
        Organization.objects.active()
        .annotate(has_children=Exists(below))
        .only("id", "name", "short_name", "parent_id", "valid_to", "path", "archived_at")
    )


@dataclass
class TreeLevel:
    parent: Organization | None
    nodes: list[TreeNode]
    more: bool
    next_offset: int


def organization_tree_level(*, parent_id: int | None, offset: int = 0) -> TreeLevel:
    """One level of the tree: up to TREE_PAGE children of ``parent_id`` (the top level when
    None) from ``offset``, in Vietnamese order, each knowing whether it has children. Two
    queries at most, whatever the registry's size."""
    parent = None
    if parent_id is not None:
        parent = Organization.objects.active().only("id", "name", "parent_id", "path").filter(pk=parent_id).first()
        if parent is None:
            raise Organization.DoesNotExist
    offset = max(offset, 0)
    rows = list(
        _tree_rows()
        .filter(parent_id=parent_id)
        .order_by(vi("sort_name"), "id")[offset : offset + TREE_PAGE + 1]
    )
    nodes = [TreeNode(o, has_children=bool(getattr(o, "has_children", False))) for o in rows[:TREE_PAGE]]
    return TreeLevel(parent, nodes, len(rows) > TREE_PAGE, offset + TREE_PAGE)


def organization_tree(*, user: AnyUser) -> TreeLevel:
    """The tree as first shown: the top level, and the branches down to the user's own
    organisations open, their own too (their subordinates show). Each level shows up to TREE_PAGE children (more load on demand), plus
    the ones on the way to the user's organisations wherever they fall in the order.
    One query whatever the registry's size (a row number per parent, in a subquery)."""
    own: set[int] = set()
    open_ids: set[int] = set()
    for org_path in access.scope(user).root_paths.values():
        ids = path_ids(org_path)
        open_ids.update(ids)  # the ancestors, so the user's own show, and their subordinates
        own.update(ids)
    level = Q(parent_id__isnull=True) | Q(parent_id__in=open_ids)
    rank = Window(RowNumber(), partition_by=[F("parent_id")], order_by=[vi("sort_name").asc(), F("id").asc()])
    first = Organization.objects.active().filter(level).annotate(rank=rank).filter(rank__lte=TREE_PAGE + 1)
    rows = list(
        _tree_rows()
        .filter(level)
        .filter(Q(pk__in=first.values("pk")) | Q(pk__in=own))
        .order_by(vi("sort_name"), "id")
    )
    by_parent: dict[int | None, list[Organization]] = {}
    for o in rows:
        by_parent.setdefault(o.parent_id, []).append(o)

    def level_of(parent_id: int | None) -> tuple[list[TreeNode], bool]:
        found = by_parent.get(parent_id, [])
        shown = found[:TREE_PAGE] + [o for o in found[TREE_PAGE:] if o.pk in own]
        nodes = [TreeNode(o, has_children=bool(getattr(o, "has_children", False))) for o in shown]
        for node in nodes:
            if node.org.pk in open_ids and node.has_children:
                node.open = True
                node.children, node.more = level_of(node.org.pk)
                node.next_offset = TREE_PAGE
        return nodes, len(found) > TREE_PAGE

    roots, more = level_of(None)
    return TreeLevel(None, roots, more, TREE_PAGE)


def organization_list(*, filters: Mapping[str, object]) -> QuerySet[Organization]:
    qs = Organization.objects.select_related("parent")
    qs = qs.filter(archived_at__isnull=False) if filters.get("archived") else qs.active()
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("level"):
        qs = qs.filter(level=filters["level"])
    province, parent = filters.get("province"), filters.get("parent")
    if isinstance(province, int | str) and province:  # the form's number, or a code as text
        qs = qs.filter(province_code=province)
    if isinstance(parent, int) and parent:  # the form's key
        qs = qs.filter(parent_id=parent)
    if filters.get("state") == "current":
        qs = qs.filter(valid_to__isnull=True)
    elif filters.get("state") == "ended":
        qs = qs.filter(valid_to__isnull=False)
    return filter_by_query(qs, str(filters.get("q") or "")).order_by(vi("sort_name"), "id")


def organization_children(*, parent_id: int | None) -> QuerySet[Organization]:
    """One level of the tree at any length: the children of ``parent_id`` (the top level when
    None) that are not archived, in Vietnamese order, each knowing whether it has children of
    its own (one EXISTS on the parent index). The caller pages it."""
    below = Organization.objects.filter(parent=OuterRef("pk"), archived_at__isnull=True)
    rows: QuerySet[Organization] = (
        Organization.objects.active()
        .filter(parent_id=parent_id)
        .annotate(has_children=Exists(below))
        .order_by(vi("sort_name"), "id")
    )
    return rows


def organization_ancestors(*, org: Organization) -> list[Organization]:
    """The bodies above ``org``, the top of its tree first: read from its path in one query
    however deep it sits (none for a body at the top)."""
    above = path_ids(org.path)[:-1]
    if not above:
        return []
    by_pk = {o.pk: o for o in Organization.objects.filter(pk__in=above).only("id", "name", "short_name")}
    return [by_pk[a] for a in above if a in by_pk]


def organization_brief(*, pk: int) -> Organization | None:
    """An organisation's name and key (the registry is readable by every signed-in user)."""
    return Organization.objects.only("id", "name", "short_name").filter(pk=pk).first()


def organization_autocomplete(*, user: AnyUser, query: str, visible_only: bool = False) -> QuerySet[Organization]:
    """Organisations matching ``query`` word by word on the folded names, in Vietnamese order
    (the caller slices it). The registry is readable by every signed-in user; ``visible_only``
    keeps the user's own organisations and those below them (everything for system admins)."""
    qs = Organization.objects.active().only("id", "name", "path")
    if visible_only:
        s = access.scope(user)
        if not s.is_system_admin:
            qs = qs.filter(s.visible_orgs_q())
    return filter_by_query(qs, query).order_by(vi("sort_name"), "id")


def organization_successions(*, org: Organization) -> tuple[list[Succession], list[Succession]]:
    """The successions that ended or changed ``org`` (it is a predecessor) and those that made
    it (it is a successor), each with both sides."""
    out = list(
        Succession.objects.active().filter(predecessors=org).prefetch_related("successors", "predecessors")
    )
    into = list(
        Succession.objects.active().filter(successors=org).prefetch_related("successors", "predecessors")
    )
    return out, into


@dataclass(frozen=True)
class OrganizationDetail:
    """What an organisation's page shows."""

    org: Organization
    ancestors: list[Organization]
    children: list[Organization]
    more_children: bool
    successions_out: list[Succession]
    successions_in: list[Succession]
    # The agreements it is a party to: a panel that the agreements app serves.
    panels: list[Panel]
    people: list[Person]
    can_edit: bool
    history: list[Entry]


def organization_detail(*, user: AnyUser, pk: int) -> OrganizationDetail:
    from phoihop.core import history

    org = access.get_organization_for_user(user, pk)
    # The ancestors from the path, in one query (top first), however deep the body sits.
    ancestors = organization_ancestors(org=org)
    children = list(org.children.active().order_by(vi("sort_name"), "id")[: TREE_PAGE + 1])
    successions_out, successions_in = organization_successions(org=org)
    people = access.visible_people(user).active().filter(organization=org).order_by(vi("full_name"))
    return OrganizationDetail(
        org=org,
        ancestors=ancestors,
        children=children[:TREE_PAGE],
        more_children=len(children) > TREE_PAGE,
        successions_out=successions_out,
        successions_in=successions_in,
        panels=panels.organization_panels(user=user, organization=org),
        people=list(people[:100]),
        can_edit=access.can_manage_registry(user),
        history=history.merged(
            history.entries(Organization.history.filter(id=org.pk), Organization, lambda r: r.name)
        ),
    )


PEOPLE_ORDER = (vi("full_name"), "id")


def people_list(*, user: AnyUser, filters: Mapping[str, object]) -> KeyedRows[Person]:
    """The people the user sees, in Vietnamese order of names. A page's rows are chosen on the
    person table alone and only then joined to their organisations: joined first, a nation's
    people were hashed with its 27,000 organisations to keep twenty-five."""
    qs = access.visible_people_whole(user).active()
    organization = filters.get("organization")
    if isinstance(organization, int) and organization:  # the form's key
        qs = qs.filter(organization_id=organization)
    return KeyedRows(
        filter_by_query(qs, str(filters.get("q") or "")),
        order=PEOPLE_ORDER,
        load=lambda rows: rows.select_related("organization"),
    )


def person_titles(*, person: Person) -> list[PersonTitle]:
    """Every title the person held, the oldest first (one without a date before the dated ones,
    on every database), each with its organisation."""
    return list(
        PersonTitle.objects.filter(person=person)
        .select_related("organization")
        .order_by(F("valid_from").asc(nulls_first=True), "id")
    )


@dataclass(frozen=True)
class PersonDetail:
    """What a person's page shows."""

    person: Person
    titles: list[PersonTitle]
    # What he signed and attended: panels that the agreements and events apps serve.
    panels: list[Panel]
    can_edit: bool
    history: list[Entry]


def person_detail(*, user: AnyUser, pk: int) -> PersonDetail:
    from phoihop.core import history

    person = access.get_person_for_user(user, pk)
    titles = person_titles(person=person)
    return PersonDetail(
        person=person,
        titles=titles,
        panels=panels.person_panels(user=user, person=person),
        can_edit=access.can_edit_person(user, person),
        history=history.merged(
            history.entries(Person.history.filter(id=person.pk), Person, lambda r: r.full_name),
            history.entries(
                PersonTitle.history.filter(person_id=person.pk), PersonTitle, lambda r: r.position
            ),
        ),
    )



def organization_choices(*, exclude: Organization | None = None) -> QuerySet[Organization]:
    """Organisations that may be picked in a form (superior body, succession), in Vietnamese order."""
    qs = Organization.objects.active().order_by(vi("sort_name"), "id")
    return qs.exclude(pk=exclude.pk) if exclude is not None and exclude.pk else qs


def person_organization_choices(*, user: AnyUser) -> QuerySet[Organization]:
    """The organisations whose people a user may record: where they write; all for staff."""
    qs = Organization.objects.active().order_by(vi("sort_name"), "id")
    s = access.scope(user)
    return qs if s.is_system_admin else qs.filter(pk__in=s.writer_org_ids)


def people_organizations(*, user: AnyUser) -> QuerySet[Organization]:
    """The organisations of the people a user sees (what the people list filter accepts)."""
    org_ids = access.visible_people(user).active().values("organization_id")
    return Organization.objects.filter(pk__in=org_ids)


# --- succession: who carries on (what work is still open is the workflows app's) -------------


def current_successors(org: Organization) -> list[Organization]:
    """The bodies that carry on ``org`` today, following successions to their end.

    An organisation with no succession out of it is its own current body; one dissolved
    without successor has none (an empty list). A body that absorbs others and stays is not
    ended by that succession. Two queries per step of the chain.
    """
    result: list[Organization] = []
    seen: set[int] = set()

    def follow(current: Organization) -> None:
        if current.pk in seen:
            return
        seen.add(current.pk)
        step = (
            Succession.objects.active()
            .filter(predecessors=current)
            .exclude(successors=current)
            .order_by("-effective_date", "-id")
            .first()
        )
        if step is None:
            if all(o.pk != current.pk for o in result):
                result.append(current)
            return
        for successor in step.successors.order_by("id"):
            follow(successor)

    follow(org)
    return result
