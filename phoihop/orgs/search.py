"""How the global search finds and shows organisations and people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from phoihop.core.selectors import Searchable
from phoihop.orgs import access
from phoihop.orgs.models import Organization, Person

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


def _organizations(user: AnyUser) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.active().select_related("parent")


def _people(user: AnyUser) -> QuerySet[Person]:
    return access.visible_people(user).active().select_related("organization")


ORGANIZATIONS = Searchable(
    key="organizations",
    title=gettext_lazy("Cơ quan, đơn vị"),
    records=_organizations,
    label="name",
    template="orgs/search.html#organization",
    list_url="orgs:list",
)

PEOPLE = Searchable(
    key="people",
    title=gettext_lazy("Cán bộ"),
    records=_people,
    label="full_name",
    template="orgs/search.html#person",
    list_url="orgs:person_list",
)
