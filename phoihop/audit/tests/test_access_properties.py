"""Property-based: for random organisation trees, memberships and agreements, what a user sees
is exactly what the rules say.

The expected sets are computed here, independently of the apps' access modules, from the rules
in its docstring: a user sees an agreement when one of its parties is one of the user's
organisations or an organisation below one of them in the tree; system administrators (staff,
superusers) see everything. (A membership of an archived organisation counts for nothing: the
organisation no longer acts.) The walk here goes up the tree from each party, where the access
module walks down from the user's organisations.

And for the audit log: organisation admins read the events about the organisations they
administer and about those organisations' members; staff read all; nobody else reads any.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phoihop.orgs.models import Membership, Organization

ROLES = [r.value for r in Membership.Role]
MAX_DEPTH = 4  # the root is depth 1


@st.composite
def worlds(draw: Any) -> dict[str, Any]:
    n_orgs = draw(st.integers(1, 9))
    parents: list[int | None] = []
    depth: list[int] = []
    for i in range(n_orgs):
        allowed = [j for j in range(i) if depth[j] < MAX_DEPTH]
        parent = draw(st.one_of(st.none(), st.sampled_from(allowed))) if allowed else None
        parents.append(parent)
        depth.append(1 if parent is None else depth[parent] + 1)
    archived = [draw(st.booleans()) if draw(st.integers(0, 5)) == 0 else False for _ in range(n_orgs)]
    org_index = st.integers(0, n_orgs - 1)
    users = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "staff": st.sampled_from(["none", "none", "none", "staff", "superuser"]),
                    "roles": st.dictionaries(org_index, st.sampled_from(ROLES), max_size=3),
                }
            ),
            min_size=1,
            max_size=4,
        )
    )
    agreements = draw(
        st.lists(st.lists(org_index, min_size=1, max_size=3, unique=True), min_size=0, max_size=6)
    )
    events = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "org": st.one_of(st.none(), org_index),
                    "actor": st.one_of(st.none(), st.integers(0, len(users) - 1)),
                    "subject": st.one_of(st.none(), st.integers(0, len(users) - 1)),
                }
            ),
            max_size=6,
        )
    )
    return {"parents": parents, "archived": archived, "users": users, "agreements": agreements, "events": events}


def build(world: dict[str, Any]) -> tuple[list[Organization], list[Any], list[Any]]:
    from phoihop.agreements.models import Agreement, Party

    orgs: list[Organization] = []
    for i, parent in enumerate(world["parents"]):
        orgs.append(
            Organization.objects.create(
                name=f"Đơn vị {i}",
                kind=Organization.Kind.OTHER,
                level=Organization.Level.UNIT,
                parent=orgs[parent] if parent is not None else None,
                archived_at=timezone.now() if world["archived"][i] else None,
            )
        )
    User = get_user_model()
    users = []
    for k, spec in enumerate(world["users"]):
        user = User.objects.create_user(
            username=f"u{k}",
            is_staff=spec["staff"] == "staff",
            is_superuser=spec["staff"] == "superuser",
        )
        for org, role in spec["roles"].items():
            Membership.objects.create(user=user, organization=orgs[org], role=role)
        users.append(user)
    agreements = []
    for a, party_orgs in enumerate(world["agreements"]):
        agreement = Agreement.objects.create(kind=Agreement.Kind.PROGRAM, title=f"Chương trình {a}")
        for order, org in enumerate(party_orgs):
            Party.objects.create(
                agreement=agreement,
                organization=orgs[org],
                role=Party.Role.LEAD if order == 0 else Party.Role.COOPERATING,
                name_as_signed=orgs[org].name,
                order=order,
            )
        agreements.append(agreement)
    return orgs, users, agreements


def ancestors_or_self(index: int, parents: list[int | None]) -> set[int]:
    found = set()
    current: int | None = index
    while current is not None:
        found.add(current)
        current = parents[current]
    return found


def expected_agreements(world: dict[str, Any], k: int) -> set[int]:
    spec = world["users"][k]
    if spec["staff"] != "none":
        return set(range(len(world["agreements"])))
    mine = {org for org in spec["roles"] if not world["archived"][org]}
    return {
        a
        for a, party_orgs in enumerate(world["agreements"])
        if any(ancestors_or_self(org, world["parents"]) & mine for org in party_orgs)
    }


def expected_events(world: dict[str, Any], k: int) -> set[int] | None:
    """The indices of the events user k reads in the log; None when refused outright."""
    spec = world["users"][k]
    if spec["staff"] != "none":
        return set(range(len(world["events"])))
    administered = {org for org, role in spec["roles"].items() if role == "admin" and not world["archived"][org]}
    if not administered:
        return None
    members = {j for j, other in enumerate(world["users"]) if set(other["roles"]) & administered}
    return {
        e
        for e, event in enumerate(world["events"])
        if event["org"] in administered or event["actor"] in members or event["subject"] in members
    }


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    database=None,  # no example database written into the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(world=worlds())
def test_a_user_sees_exactly_the_agreements_the_rules_give(world: dict[str, Any]) -> None:
    from phoihop.agreements.access import can_view_agreement, visible_agreements

    with transaction.atomic():
        _orgs, users, agreements = build(world)
        pk_of = {a.pk: i for i, a in enumerate(agreements)}
        for k, user in enumerate(users):
            fresh = get_user_model().objects.get(pk=user.pk)
            seen = {pk_of[pk] for pk in visible_agreements(fresh).values_list("pk", flat=True)}
            assert seen == expected_agreements(world, k), (k, world)
            for i, agreement in enumerate(agreements):
                assert can_view_agreement(fresh, agreement) == (i in expected_agreements(world, k))
        transaction.set_rollback(True)


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    database=None,  # no example database written into the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(world=worlds())
def test_a_user_reads_exactly_the_audit_events_the_rules_give(world: dict[str, Any]) -> None:
    from phoihop.audit.access import can_view_audit_log, visible_audit_events
    from phoihop.audit.services import record

    with transaction.atomic():
        orgs, users, _agreements = build(world)
        created = [
            record(
                "export",
                organization=orgs[e["org"]] if e["org"] is not None else None,
                actor=users[e["actor"]] if e["actor"] is not None else None,
                subject_user=users[e["subject"]] if e["subject"] is not None else None,
            )
            for e in world["events"]
        ]
        index = {event.pk: i for i, event in enumerate(created)}
        for k, user in enumerate(users):
            fresh = get_user_model().objects.get(pk=user.pk)
            expected = expected_events(world, k)
            assert can_view_audit_log(fresh) == (expected is not None), (k, world)
            seen = {index[pk] for pk in visible_audit_events(fresh).filter(pk__in=index).values_list("pk", flat=True)}
            assert seen == (expected or set()), (k, world)
        transaction.set_rollback(True)
