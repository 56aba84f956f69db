"""Panels that the apps above the registry serve on its pages.

An organisation's page lists the agreements it is a party to, and a person's page what he
signed and attended. Those records belong to apps above the registry, so each of them
registers, in its ``AppConfig.ready``, a function that reads its panel for the page: the
user's visible records only, bounded, with what the panel's template draws. The registry's
pages include each panel's template with the panel as ``panel``, in the order the apps are
installed. The queries run while the page is read, as the page's own would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from phoihop.orgs.models import Organization, Person

if TYPE_CHECKING:
    from phoihop.core.access import AnyUser


@dataclass(frozen=True)
class Panel:
    """One app's part of a registry page: its template and what the template reads
    (``panel.data``)."""

    template: str
    data: Mapping[str, object] = field(default_factory=dict)


class OrganizationPanelSource(Protocol):
    def __call__(self, *, user: AnyUser, organization: Organization) -> Panel: ...


class PersonPanelSource(Protocol):
    def __call__(self, *, user: AnyUser, person: Person) -> Panel: ...


_organization_panels: list[OrganizationPanelSource] = []
_person_panels: list[PersonPanelSource] = []


def register_organization_panel(source: OrganizationPanelSource) -> None:
    """Show ``source(user=..., organization=...)`` on an organisation's page."""
    if source not in _organization_panels:
        _organization_panels.append(source)


def register_person_panel(source: PersonPanelSource) -> None:
    """Show ``source(user=..., person=...)`` on a person's page."""
    if source not in _person_panels:
        _person_panels.append(source)


def organization_panels(*, user: AnyUser, organization: Organization) -> list[Panel]:
    return [source(user=user, organization=organization) for source in _organization_panels]


def person_panels(*, user: AnyUser, person: Person) -> list[Panel]:
    return [source(user=user, person=person) for source in _person_panels]
