"""Who reaches what: the scope primitive every app's rules stand on, and the registry's rules.

The rules (DESIGN §4):
- a user belongs to organisations with a role: viewer, officer, leader or admin (Membership,
  kept here with the registry so the scope needs nothing above it);
- what a user sees is read from the organisation tree: their own organisations and every
  organisation below them (a superior body sees its subordinates' work);
- officers of an organisation keep its people's records; its admins (and system
  administrators) manage its members;
- the registry of organisations is readable by every signed-in user and changed only by
  system administrators (staff).

Each app's own rules live beside its models (``<app>/access.py``) and build on ``scope()``.
``get_<obj>_for_user`` answers 404 for "does not exist" and "not yours" alike, and 403 for
"yours to read but not to change".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from phoihop.core.access import is_system_admin
from phoihop.core.db import union_of
from phoihop.orgs.models import Membership, Organization, Person
from phoihop.orgs.tree import is_within, subtree_q

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from phoihop.core.access import AnyUser
    from phoihop.core.models import ActiveQuerySet

ROLE_RANK = {
    Membership.Role.VIEWER: 0,
    Membership.Role.OFFICER: 1,
    Membership.Role.LEADER: 2,
    Membership.Role.ADMIN: 3,
}


@dataclass
class Scope:
    """What one user may reach, computed once per request by one indexed query.

    ``memberships`` are the user's memberships with their organisation's name and path (the
    menu reads them too); ``roles`` and ``root_paths`` cover those whose organisation is not
    archived. The organisations the user sees are the subtrees under ``root_paths``: use
    ``visible_orgs()`` as a subquery (``organization_id__in=s.visible_orgs().values("pk")``) and
    ``sees_org`` / ``sees_path`` for one organisation.
    """

    is_system_admin: bool
    roles: dict[int, str] = field(default_factory=dict)
    root_paths: dict[int, str] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    _seen: dict[int, bool] = field(default_factory=dict, repr=False)

    def role_in(self, org_id: int | None) -> str | None:
        return self.roles.get(org_id) if org_id is not None else None

    def can_write_for(self, org_id: int | None) -> bool:
        if self.is_system_admin:
            return True
        role = self.role_in(org_id)
        return role is not None and ROLE_RANK[Membership.Role(role)] >= 1

    @property
    def writer_org_ids(self) -> set[int]:
        return {org for org, role in self.roles.items() if ROLE_RANK[Membership.Role(role)] >= 1}

    def visible_orgs_q(self, *, field: str = "path") -> Q:
        """The condition "in the user's subtrees" on an organisation path column (``field``,
        e.g. ``organization__path``), by indexed prefix matches of the user's roots."""
        return subtree_q(self.root_paths.values(), field=field)

    def visible_orgs(self) -> QuerySet[Organization]:
        """The organisations in the user's subtrees (their own and everything below them,
        archived ones included), as a queryset to use as a subquery. Empty without memberships;
        system administrators are let through by the callers, as before."""
        if not self.root_paths:
            return Organization.objects.none()
        return Organization.objects.filter(self.visible_orgs_q())

    def orgs_below(self, org_ids: Iterable[int]) -> QuerySet[Organization]:
        """The subtrees under some of the user's own organisations (``org_ids`` among ``roles``)."""
        paths = [self.root_paths[pk] for pk in org_ids if pk in self.root_paths]
        return Organization.objects.filter(subtree_q(paths))

    def sees_path(self, path: str) -> bool:
        """Whether the organisation with this materialised path is in the user's subtrees."""
        return bool(path) and any(path.startswith(root) for root in self.root_paths.values())

    def sees_org(self, org_id: int | None) -> bool:
        """Whether one organisation is in the user's subtrees (at most one small query, cached)."""
        if org_id is None or not self.root_paths:
            return False
        if org_id in self.root_paths:
            return True
        if org_id not in self._seen:
            path = Organization.objects.filter(pk=org_id).values_list("path", flat=True).first()
            self._seen[org_id] = path is not None and self.sees_path(path)
        return self._seen[org_id]


def subtree(root_ids: Iterable[int]) -> ActiveQuerySet[Organization]:
    """The organisations in the trees below ``root_ids``, roots included, as a queryset (its
    condition reads the roots' paths in a subquery-free form: one small query by key first)."""
    roots = list(root_ids)
    if not roots:
        return Organization.objects.none()
    paths = Organization.objects.filter(pk__in=roots).values_list("path", flat=True)
    return Organization.objects.filter(subtree_q(paths))


def within(org: Organization, root_ids: Iterable[int]) -> bool:
    """Whether ``org`` is one of ``root_ids`` or below one of them (read from its path, no query)."""
    return is_within(org.path, root_ids) if org.path else org.pk in set(root_ids)


def scope(user: AnyUser) -> Scope:
    """What ``user`` may reach (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return Scope(is_system_admin=False)
    cached = getattr(user, "_phoihop_scope", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    is_admin = is_system_admin(user)
    # One query on the membership's user index, joined to each organisation for its path.
    memberships = list(
        Membership.objects.filter(user=cast("User", user))
        .select_related("organization")
        .only(
            "id",
            "role",
            "user_id",
            "organization_id",
            "organization__id",
            "organization__name",
            "organization__short_name",
            "organization__path",
            "organization__archived_at",
        )
        .order_by("id")
    )
    roles: dict[int, str] = {}
    root_paths: dict[int, str] = {}
    for m in memberships:
        if m.organization.archived_at is None:
            roles[m.organization_id] = m.role
            root_paths[m.organization_id] = m.organization.path
    result = Scope(
        is_system_admin=is_admin, roles=roles, root_paths=root_paths, memberships=memberships
    )
    user._phoihop_scope = result  # type: ignore[union-attr]
    return result


def forget(user: AnyUser) -> None:
    """Drop the cached scope after memberships change."""
    if hasattr(user, "_phoihop_scope"):
        del user._phoihop_scope


def approver_org_ids(user: AnyUser) -> set[int]:
    """The organisations whose submissions this user approves: those they lead (or administer)."""
    s = scope(user)
    return {
        org
        for org, role in s.roles.items()
        if ROLE_RANK[Membership.Role(role)] >= ROLE_RANK[Membership.Role.LEADER]
    }


# --- members ----------------------------------------------------------------------------------


def administered_org_ids(user: AnyUser) -> set[int]:
    """The organisations whose members this user manages as their admin."""
    return {org for org, role in scope(user).roles.items() if role == Membership.Role.ADMIN}


def can_administer_org(user: AnyUser, org_id: int) -> bool:
    s = scope(user)
    return s.is_system_admin or org_id in administered_org_ids(user)


# --- organisations and people ----------------------------------------------------------------


def can_manage_registry(user: AnyUser) -> bool:
    return scope(user).is_system_admin


def get_organization_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Organization:
    org: Organization | None = Organization.objects.select_related("parent").filter(pk=pk).first()
    if org is None or not user.is_authenticated:
        raise Http404
    if for_edit and not can_manage_registry(user):
        raise PermissionDenied
    return org


# Person ids a user sees through the records of an app above the registry (the people who
# signed an agreement he sees, or attended an event he sees), each as a subquery. The apps
# register them in their AppConfig.ready; the registry names none of them.
PeopleSource = Callable[["AnyUser"], QuerySet[Model, Mapping[str, object]]]

_people_sources: list[PeopleSource] = []


def register_people_source(source: PeopleSource) -> None:
    """Let the people whose ids ``source(user)`` selects (a ``values()`` queryset of person
    ids, used as a subquery) be seen by ``user`` beside those of his own subtrees."""
    if source not in _people_sources:
        _people_sources.append(source)


def people_filter(user: AnyUser) -> Q:
    # The people who signed or attended for a body outside the user's tree are still seen by
    # those who see that agreement or event. The sources' ids are one UNION, computed once
    # (each of them an OR beside the others was computed apart, each a nation's worth of work)
    # and only for the people outside the user's bodies: a province leader who sees every
    # body of the province never computes it.
    s = scope(user)
    if s.is_system_admin:
        return Q()
    condition = Q(organization_id__in=s.visible_orgs().values("pk"))
    if _people_sources:
        condition |= Q(pk__in=union_of(*(source(user) for source in _people_sources)))
    return condition


def visible_people(user: AnyUser) -> ActiveQuerySet[Person]:
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    return Person.objects.filter(people_filter(user))


def visible_people_whole(user: AnyUser) -> ActiveQuerySet[Person]:
    """The people ``user`` sees, for a list read and counted as a whole: one UNION of the user's
    own people and the sources' ids, each an indexed read of only its rows. The OR of
    ``people_filter`` suits a search under a LIMIT (tested on each row it walks); read whole,
    it tests a nation's 54,000 people (a province leader's list: 127 ms to 103)."""
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    s = scope(user)
    if s.is_system_admin:
        return Person.objects.all()
    own = Person.objects.filter(organization_id__in=s.visible_orgs().values("pk")).values("pk")
    return Person.objects.filter(pk__in=union_of(own, *(source(user) for source in _people_sources)))


def can_edit_person(user: AnyUser, person: Person) -> bool:
    return scope(user).can_write_for(person.organization_id)


def can_add_person_to(user: AnyUser, org_id: int) -> bool:
    """Officers (and above) of an organisation, and system administrators, add its people."""
    return scope(user).can_write_for(org_id)


def can_create_person(user: AnyUser) -> bool:
    """Any officer (or above) of some organisation, and system administrators."""
    s = scope(user)
    return s.is_system_admin or bool(s.writer_org_ids)


def get_person_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Person:
    person = visible_people(user).select_related("organization").filter(pk=pk).first()
    if person is None:
        raise Http404
    if for_edit and not can_edit_person(user, person):
        raise PermissionDenied
    return person
