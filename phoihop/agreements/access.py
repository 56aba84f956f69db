"""Who sees and changes agreements.

- a user sees an agreement when one of its parties is one of their organisations or an
  organisation below one of them in the tree (a superior body sees its subordinates' work);
- officers (and leaders, admins) of the lead party edit the agreement;
- any officer (or above) may start a new one, naming one of their own organisations as lead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from phoihop.agreements.models import Agreement, Party
from phoihop.orgs.access import scope
from phoihop.orgs.models import Organization

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser
    from phoihop.core.models import ActiveQuerySet


def agreements_filter(user: AnyUser) -> Q:
    s = scope(user)
    if s.is_system_admin:
        return Q()
    party_of_mine = Party.objects.filter(organization_id__in=s.visible_orgs().values("pk")).values(
        "agreement_id"
    )
    return Q(pk__in=party_of_mine)


def visible_agreements(user: AnyUser) -> ActiveQuerySet[Agreement]:
    if not getattr(user, "is_authenticated", False):
        return Agreement.objects.none()
    return Agreement.objects.filter(agreements_filter(user))


def visible_agreement_ids(user: AnyUser) -> QuerySet[Agreement | Party, Mapping[str, object]]:
    """The ids of the agreements ``user`` sees, as a subquery for ``agreement_id__in``: read from
    the parties alone, without the agreement table that ``visible_agreements(...).values("pk")``
    joins in for nothing (thousands of index probes for a province's leader)."""
    if not getattr(user, "is_authenticated", False):
        return Agreement.objects.none().values("pk")
    s = scope(user)
    if s.is_system_admin:
        return Agreement.objects.values("pk")
    return Party.objects.filter(organization_id__in=s.visible_orgs().values("pk")).values(
        "agreement_id"
    )


def visible_signatory_ids(user: AnyUser) -> QuerySet[Party, Mapping[str, object]]:
    """The people who signed an agreement ``user`` sees, as a subquery of person ids: he sees
    them too, wherever they work (registered with the registry's people rule in apps.py)."""
    return Party.objects.filter(agreement_id__in=visible_agreement_ids(user)).values("signatory_id")


def can_view_agreement(user: AnyUser, agreement: Agreement) -> bool:
    return visible_agreements(user).filter(pk=agreement.pk).exists()


def can_edit_agreement(user: AnyUser, agreement: Agreement) -> bool:
    s = scope(user)
    if s.is_system_admin:
        return True
    lead_orgs = [p.organization_id for p in agreement.parties.all() if p.role == "lead"]
    return any(s.can_write_for(org) for org in lead_orgs)


def can_create_agreement(user: AnyUser) -> bool:
    s = scope(user)
    return s.is_system_admin or bool(s.writer_org_ids)


def lead_organizations_for(user: AnyUser) -> QuerySet[Organization]:
    """The organisations a user may name as lead party of a new agreement."""
    s = scope(user)
    if s.is_system_admin:
        return Organization.objects.active()
    return Organization.objects.active().filter(pk__in=s.writer_org_ids)


def get_agreement_for_user(user: AnyUser, pk: int, *, for_edit: bool = False) -> Agreement:
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
    return agreement
