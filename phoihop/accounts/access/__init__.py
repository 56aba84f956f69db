"""Who sees and does what: the one module every page, query, export and search goes through.

The rules (DESIGN §4):
- a user belongs to organisations with a role: viewer, officer, leader or admin;
- a user sees an agreement when one of its parties is one of their organisations or an
  organisation below one of them in the tree (a superior body sees its subordinates' work);
- officers (and leaders, admins) of the lead party edit the agreement;
- officers of a host organisation record its events; officers of an organisation keep its
  people's records;
- the registry of organisations is readable by every signed-in user and changed only by
  system administrators (staff).

``get_<obj>_for_user`` answers 404 for "does not exist" and "not yours" alike, and 403 for
"yours to read but not to change".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from phoihop.accounts.models import Membership
from phoihop.orgs.models import Organization
from phoihop.orgs.tree import is_within, subtree_q

if TYPE_CHECKING:
    from phoihop.core.models import ActiveQuerySet

RuleKind = Literal["public", "authenticated", "object", "staff"]
F = TypeVar("F", bound=Callable[..., Any])

ROLE_RANK = {
    Membership.Role.VIEWER: 0,
    Membership.Role.OFFICER: 1,
    Membership.Role.LEADER: 2,
    Membership.Role.ADMIN: 3,
}


def rule(kind: RuleKind) -> Callable[[F], F]:
    """Declare a view's access rule. A route without one fails the access walk test.

    - public: anyone, signed in or not (sign-in page);
    - authenticated: any signed-in user; the page shows only what selectors scope to them;
    - object: the view loads its record through a ``get_*_for_user`` function below;
    - staff: system administrators only.
    """

    def decorate(view: F) -> F:
        if kind == "public":
            view = login_not_required(view)
        view.access_rule = kind  # type: ignore[attr-defined]
        return view

    return decorate


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


def subtree(root_ids: Iterable[int]) -> ActiveQuerySet:
    """The organisations in the trees below ``root_ids``, roots included, as a queryset (its
    condition reads the roots' paths in a subquery-free form: one small query by key first)."""
    roots = list(root_ids)
    if not roots:
        return cast("ActiveQuerySet", Organization.objects.none())
    paths = Organization.objects.filter(pk__in=roots).values_list("path", flat=True)
    return cast("ActiveQuerySet", Organization.objects.filter(subtree_q(paths)))


def within(org: Organization, root_ids: Iterable[int]) -> bool:
    """Whether ``org`` is one of ``root_ids`` or below one of them (read from its path, no query)."""
    return is_within(org.path, root_ids) if org.path else org.pk in set(root_ids)


def scope(user: Any) -> Scope:
    if not getattr(user, "is_authenticated", False):
        return Scope(is_system_admin=False)
    cached = getattr(user, "_phoihop_scope", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    is_admin = bool(user.is_active and (user.is_superuser or user.is_staff))
    # One query on the membership's user index, joined to each organisation for its path.
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organization")
        .only(
            "id", "role", "user_id", "organization_id", "organization__id", "organization__name",
            "organization__short_name", "organization__path", "organization__archived_at",
        )
        .order_by("id")
    )
    roles: dict[int, str] = {}
    root_paths: dict[int, str] = {}
    for m in memberships:
        if m.organization.archived_at is None:
            roles[m.organization_id] = m.role
            root_paths[m.organization_id] = m.organization.path
    result = Scope(is_system_admin=is_admin, roles=roles, root_paths=root_paths, memberships=memberships)
    user._phoihop_scope = result
    return result


def forget(user: Any) -> None:
    """Drop the cached scope after memberships change."""
    if hasattr(user, "_phoihop_scope"):
        del user._phoihop_scope


# --- agreements -------------------------------------------------------------------------------


def agreements_filter(user: Any) -> Q:
    s = scope(user)
    if s.is_system_admin:
        return Q()
    from phoihop.agreements.models import Party

    party_of_mine = Party.objects.filter(organization_id__in=s.visible_orgs().values("pk")).values(
        "agreement_id"
    )
    return Q(pk__in=party_of_mine)


def visible_agreements(user: Any) -> ActiveQuerySet:
    from phoihop.agreements.models import Agreement

    if not getattr(user, "is_authenticated", False):
        return Agreement.objects.none()
    return Agreement.objects.filter(agreements_filter(user))


def visible_agreement_ids(user: Any) -> QuerySet[Any]:
    """The ids of the agreements ``user`` sees, as a subquery for ``agreement_id__in``: read from
    the parties alone, without the agreement table that ``visible_agreements(...).values("pk")``
    joins in for nothing (thousands of index probes for a province's leader)."""
    from phoihop.agreements.models import Agreement, Party

    if not getattr(user, "is_authenticated", False):
        return Agreement.objects.none().values("pk")
    s = scope(user)
    if s.is_system_admin:
        return Agreement.objects.values("pk")
    return Party.objects.filter(organization_id__in=s.visible_orgs().values("pk")).values("agreement_id")


def can_view_agreement(user: Any, agreement: Any) -> bool:
    return visible_agreements(user).filter(pk=agreement.pk).exists()


def can_edit_agreement(user: Any, agreement: Any) -> bool:
    s = scope(user)
    if s.is_system_admin:
        return True
    lead_orgs = [p.organization_id for p in agreement.parties.all() if p.role == "lead"]
    return any(s.can_write_for(org) for org in lead_orgs)


def can_create_agreement(user: Any) -> bool:
    s = scope(user)
    return s.is_system_admin or bool(s.writer_org_ids)


def lead_organizations_for(user: Any) -> QuerySet[Organization]:
    """The organisations a user may name as lead party of a new agreement."""
    s = scope(user)
    if s.is_system_admin:
        return Organization.objects.active()
    return Organization.objects.active().filter(pk__in=s.writer_org_ids)


def get_agreement_for_user(user: Any, pk: int, *, for_edit: bool = False) -> Any:
    from phoihop.agreements.models import Agreement

    agreement = (
        visible_agreements(user)
        .select_related("parent", "renews", "created_by")
        .prefetch_related("parties__organization")
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404
    if for_edit and not can_edit_agreement(user, agreement):
        raise PermissionDenied
    assert isinstance(agreement, Agreement)
    return agreement


# --- events -----------------------------------------------------------------------------------


def events_filter(user: Any) -> Q:
    s = scope(user)
    if s.is_system_admin:
        return Q()
    from phoihop.events.models import Event

    via_agreement = Event.agreements.through.objects.filter(
        agreement_id__in=visible_agreement_ids(user)
    ).values("event_id")
    via_org = Event.organizations.through.objects.filter(
        organization_id__in=s.visible_orgs().values("pk")
    ).values("event_id")
    return Q(host_id__in=s.visible_orgs().values("pk")) | Q(pk__in=via_agreement) | Q(pk__in=via_org)


def visible_events(user: Any) -> ActiveQuerySet:
    from phoihop.events.models import Event

    if not getattr(user, "is_authenticated", False):
        return Event.objects.none()
    return Event.objects.filter(events_filter(user))


def can_edit_event(user: Any, event: Any) -> bool:
    return scope(user).can_write_for(event.host_id)


def can_create_event(user: Any) -> bool:
    return can_create_agreement(user)


def get_event_for_user(user: Any, pk: int, *, for_edit: bool = False) -> Any:
    event = visible_events(user).select_related("host").filter(pk=pk).first()
    if event is None:
        raise Http404
    if for_edit and not can_edit_event(user, event):
        raise PermissionDenied
    return event


# --- organisations and people ----------------------------------------------------------------


def can_manage_registry(user: Any) -> bool:
    return scope(user).is_system_admin


def get_organization_for_user(user: Any, pk: int, *, for_edit: bool = False) -> Organization:
    org = Organization.objects.select_related("parent").filter(pk=pk).first()
    if org is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if for_edit and not can_manage_registry(user):
        raise PermissionDenied
    return org


def people_filter(user: Any) -> Q:
    s = scope(user)
    if s.is_system_admin:
        return Q()
    from phoihop.agreements.models import Party
    from phoihop.events.models import Attendee

    signed = Party.objects.filter(agreement_id__in=visible_agreement_ids(user)).values("signatory_id")
    attended = Attendee.objects.filter(event__in=visible_events(user)).values("person_id")
    return (
        Q(organization_id__in=s.visible_orgs().values("pk")) | Q(pk__in=signed) | Q(pk__in=attended)
    )


def visible_people(user: Any) -> ActiveQuerySet:
    from phoihop.orgs.models import Person

    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    return Person.objects.filter(people_filter(user))


def can_edit_person(user: Any, person: Any) -> bool:
    return scope(user).can_write_for(person.organization_id)


def can_create_person(user: Any) -> bool:
    return can_create_agreement(user)


def get_person_for_user(user: Any, pk: int, *, for_edit: bool = False) -> Any:
    person = visible_people(user).select_related("organization").filter(pk=pk).first()
    if person is None:
        raise Http404
    if for_edit and not can_edit_person(user, person):
        raise PermissionDenied
    return person


# --- annual plans and tasks -------------------------------------------------------------------


def visible_plans(user: Any) -> ActiveQuerySet:
    """Plans are seen by whoever sees their agreement."""
    from phoihop.plans.models import AnnualPlan

    if not getattr(user, "is_authenticated", False):
        return AnnualPlan.objects.none()
    if scope(user).is_system_admin:
        return AnnualPlan.objects.all()
    return AnnualPlan.objects.filter(agreement_id__in=visible_agreement_ids(user))


def visible_tasks(user: Any) -> ActiveQuerySet:
    from phoihop.plans.models import Task

    if not getattr(user, "is_authenticated", False):
        return Task.objects.none()
    if scope(user).is_system_admin:
        return Task.objects.all()
    return Task.objects.filter(plan__agreement_id__in=visible_agreement_ids(user))


def can_edit_plan(user: Any, plan: Any) -> bool:
    """Officers of the lead party edit the agreement's plans, tasks and indicators."""
    return can_edit_agreement(user, plan.agreement)


def get_plan_for_user(user: Any, pk: int, *, for_edit: bool = False) -> Any:
    plan = (
        visible_plans(user)
        .select_related("agreement")
        .prefetch_related("agreement__parties")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    if for_edit and not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def get_task_for_user(user: Any, pk: int, *, for_edit: bool = False) -> Any:
    task = (
        visible_tasks(user)
        .select_related("plan__agreement", "content_area", "lead_organization", "responsible_officer")
        .prefetch_related("plan__agreement__parties")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    if for_edit and not can_edit_plan(user, task.plan):
        raise PermissionDenied
    return task


# --- activities -------------------------------------------------------------------------------


def activities_filter(user: Any) -> Q:
    """Submitted and approved work is seen by whoever sees the agreement; drafts and returned
    records only by the organising parties (and the bodies above them)."""
    s = scope(user)
    if s.is_system_admin:
        return Q()
    from django.db.models import Exists, OuterRef
    from django.db.models.lookups import In

    from phoihop.activities.models import Activity

    # Asked row by row of drafts and returned records only (a few per page). The condition on
    # the outer status keeps PostgreSQL from turning it into a hash of every organiser link of
    # a province's activities, built before the first row.
    mine = Exists(
        Activity.organizations.through.objects.filter(
            s.visible_orgs_q(field="organization__path"),
            In(OuterRef("status"), list(Activity.EDITABLE)),
            activity_id=OuterRef("pk"),
        )
    )
    shared = Q(status__in=Activity.SHARED)
    # The agreement copied onto the activity, so an index serves visibility and the list order.
    return Q(agreement_id__in=visible_agreement_ids(user)) & (shared | Q(mine))


def visible_activities(user: Any) -> ActiveQuerySet:
    from phoihop.activities.models import Activity

    if not getattr(user, "is_authenticated", False):
        return Activity.objects.none()
    return Activity.objects.filter(activities_filter(user))


def can_write_activity(user: Any, activity: Any) -> bool:
    """Officers (and above) of one of the organising parties write the activity."""
    return any(scope(user).can_write_for(org.pk) for org in activity.organizations.all())


def approver_org_ids(user: Any) -> set[int]:
    """The organisations whose submissions this user approves: those they lead (or administer)."""
    s = scope(user)
    return {
        org
        for org, role in s.roles.items()
        if ROLE_RANK[Membership.Role(role)] >= ROLE_RANK[Membership.Role.LEADER]
    }


def can_approve_activity(user: Any, activity: Any) -> bool:
    """A leader of one of the organising organisations: approving is the organisation's own act,
    so neither a superior body nor a system administrator does it for them."""
    mine = approver_org_ids(user)
    return any(org.pk in mine for org in activity.organizations.all())


def get_activity_for_user(user: Any, pk: int, *, for_edit: bool = False) -> Any:
    activity = (
        visible_activities(user)
        .select_related("task__plan__agreement")
        .prefetch_related("organizations")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    if for_edit and not can_write_activity(user, activity):
        raise PermissionDenied
    return activity
