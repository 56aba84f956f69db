"""Reads of agreements: access-scoped lists with filters and sorting, and a record's history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from phoihop.agreements import access
from phoihop.agreements.models import Agreement, ContentArea, Party
from phoihop.audit.personal_data import KeptNames
from phoihop.core import history
from phoihop.core.db import vi
from phoihop.core.selectors import filter_by_query
from phoihop.core.widgets import autocomplete_results
from phoihop.orgs import access as org_access
from phoihop.orgs.models import Organization, Person
from phoihop.orgs.panels import Panel

if TYPE_CHECKING:
    from phoihop.attachments.models import Attachment
    from phoihop.core.access import AnyUser

SORTS: dict[str, tuple[str | Combinable, str]] = {
    "signed": (F("signed_on").desc(nulls_last=True), "-id"),
    "-signed": (F("signed_on").asc(nulls_last=True), "id"),
    "title": (vi("title"), "id"),
    "period": (F("period_start").desc(nulls_last=True), "-id"),
    "updated": ("-updated_at", "-id"),
}


def agreement_list(*, user: AnyUser, filters: Mapping[str, object]) -> QuerySet[Agreement]:
    """Agreements the user may see, filtered by status, kind, party, year and text."""
    qs = access.visible_agreements(user)
    qs = qs.filter(archived_at__isnull=False) if filters.get("archived") else qs.active()
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    party = filters.get("party")
    if isinstance(party, Organization | int) and party:  # the filter form's choice, or its key
        qs = qs.filter(pk__in=Party.objects.filter(organization=party).values("agreement_id"))
    year = filters.get("year")
    if isinstance(year, int | str) and year:
        year = int(year)
        # In force during the year: the period covers it (or, without a period, signed that year).
        qs = qs.filter(
            Q(period_start__lte=year, period_end__gte=year)
            | Q(period_start=year, period_end__isnull=True)
            | Q(period_start__isnull=True, signed_on__year=year)
        )
    period_start, period_end = filters.get("period_start"), filters.get("period_end")
    if isinstance(period_start, int) and period_start:  # the period filter's years
        qs = qs.filter(period_start=period_start)
    if isinstance(period_end, int) and period_end:
        qs = qs.filter(period_end=period_end)
    qs = filter_by_query(qs, str(filters.get("q") or ""))
    order = SORTS.get(str(filters.get("sort") or "signed"), SORTS["signed"])
    # A subquery rather than a join and GROUP BY: the paginator's COUNT(*) then leaves it out.
    area_count = (
        ContentArea.objects.filter(agreement=OuterRef("pk")).order_by().values("agreement").annotate(n=Count("pk")).values("n")
    )
    rows: QuerySet[Agreement] = (
        qs.annotate(content_area_count=Coalesce(Subquery(area_count), 0))
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organization").order_by("order", "id"))
        )
        .order_by(*order)
    )
    return rows


def agreement_parts(*, agreement: Agreement) -> tuple[list[Party], list[ContentArea]]:
    """The agreement's parties (with organisation and signatory) and its numbered content areas
    (with the parties responsible), in their order."""
    parties = list(
        agreement.parties.select_related("organization", "signatory").order_by("order", "id")
    )
    areas = list(
        agreement.content_areas.prefetch_related("responsible").order_by("number", "id")
    )
    return parties, areas


@dataclass(frozen=True)
class AgreementDetail:
    """What an agreement's page shows."""

    agreement: Agreement
    can_renew: bool
    # A renewal is due that this user may not draft: the page names who may.
    renewal_contacts: RenewalContacts | None
    parties: list[Party]
    content_areas: list[ContentArea]
    children: list[Agreement]
    renewed_by: list[Agreement]
    attachments: list[Attachment]
    can_edit: bool
    history: list[history.Entry]


def agreement_detail(*, user: AnyUser, pk: int) -> AgreementDetail:
    agreement = access.get_agreement_for_user(user, pk)
    parties, areas = agreement_parts(agreement=agreement)
    children = list(access.visible_agreements(user).filter(parent=agreement).active())
    renewed_by = list(access.visible_agreements(user).filter(renews=agreement))
    from phoihop.attachments.selectors import attachments_of

    can_edit = access.can_edit_agreement(user, agreement)
    from phoihop.agreements.services import can_renew, may_renew

    renewable = can_renew(agreement)
    user_renews = renewable and (can_edit or may_renew(user, agreement))
    return AgreementDetail(
        agreement=agreement,
        can_renew=user_renews,
        renewal_contacts=renewal_contacts(agreement=agreement) if renewable and not user_renews else None,
        parties=parties,
        content_areas=areas,
        children=children,
        renewed_by=renewed_by,
        attachments=attachments_of(agreement),
        can_edit=can_edit,
        history=agreement_history(agreement),
    )


# --- panels on the registry's pages (registered in apps.py) ---------------------------------


def organization_agreements_panel(*, user: AnyUser, organization: Organization) -> Panel:
    """The agreements an organisation is a party to that the user sees, newest first (50)."""
    agreements = (
        access.visible_agreements(user)
        .active()
        .filter(pk__in=Party.objects.filter(organization=organization).values("agreement_id"))
        .prefetch_related(Prefetch("parties", queryset=Party.objects.select_related("organization")))
        .order_by("-signed_on", "-id")
    )
    return Panel("agreements/organization_panel.html", {"agreements": list(agreements[:50])})


def person_signed_panel(*, user: AnyUser, person: Person) -> Panel:
    """The parties a person signed for, in the agreements the user sees, newest first."""
    signed = list(
        Party.objects.filter(signatory=person, agreement__in=access.visible_agreements(user))
        .select_related("agreement", "organization")
        .order_by("-signed_on")
    )
    return Panel("agreements/person_panel.html", {"signed": signed})


def person_names_as_signed(person: Person) -> KeptNames:
    """The person's name on each party he signed for, as signed (kept when he is anonymised)."""
    parties = Party.objects.filter(signatory=person).select_related("agreement").order_by("pk")
    return KeptNames(
        rows=[(p.signatory_name or "—", p.agreement.title) for p in parties],
        none_text=_("Cán bộ này chưa ký văn bản nào."),
    )


def agreement_history(agreement: Agreement) -> list[history.Entry]:
    return history.merged(
        history.entries(Agreement.history.filter(id=agreement.pk), Agreement, lambda r: r.title),
        history.entries(
            Party.history.filter(agreement_id=agreement.pk), Party, lambda r: r.name_as_signed
        ),
        history.entries(
            ContentArea.history.filter(agreement_id=agreement.pk),
            ContentArea,
            lambda r: f"{r.number}. {r.title}",
        ),
    )


def agreement_choice_label(agreement: Agreement) -> str:
    """How an agreement reads in a choice list: its number and symbol, then its title."""
    title = agreement.title if len(agreement.title) <= 120 else agreement.title[:119] + "…"
    return f"{agreement.number_symbol} · {title}" if agreement.number_symbol else title


def agreement_autocomplete(*, user: AnyUser, query: str) -> tuple[list[Agreement], bool]:
    """At most 20 active agreements the user may see whose folded title, number and symbol or
    bases hold every word of ``query``, newest signed first; and whether there were more."""
    qs = filter_by_query(access.visible_agreements(user).active(), query[:200])
    newest_signed = (F("signed_on").desc(nulls_last=True), "-id")
    return autocomplete_results(qs.only("pk", "title", "number_symbol").order_by(*newest_signed))


def linkable_agreements(*, user: AnyUser) -> QuerySet[Agreement]:
    """Agreements that a new one may name as parent program or as the one it renews."""
    return access.visible_agreements(user).active().order_by(vi("title"))


def year_choices(*, user: AnyUser) -> list[int]:
    """Every year from the earliest period start to the latest period end the user sees (one
    aggregate query, whatever the number of agreements)."""
    bounds = (
        access.visible_agreements(user).active().exclude(period_start__isnull=True)
        .aggregate(first=Min("period_start"), last_start=Max("period_start"), last_end=Max("period_end"))
    )
    if bounds["first"] is None:
        return []
    last = max(bounds["last_start"], bounds["last_end"] or 0)
    return list(range(last, bounds["first"] - 1, -1))


def period_choices(*, user: AnyUser) -> list[tuple[str, str]]:
    """The periods of the agreements a user sees, as ("2022-2025", "2022–2025") pairs."""
    from phoihop.vn.dates import format_period

    pairs = (
        access.visible_agreements(user).active().exclude(period_start__isnull=True)
        .exclude(period_end__isnull=True).values_list("period_start", "period_end").distinct()
    )
    return [
        (f"{a}-{b}", format_period(a, b))
        for a, b in sorted(set(pairs), reverse=True)
        if a is not None and b is not None  # excluded above
    ]


def parse_period_filter(value: str | None) -> tuple[int, int] | None:
    try:
        start, end = (int(part) for part in (value or "").split("-"))
    except ValueError:
        return None
    return (start, end) if start <= end else None


# The most people a page names as those who may draft a renewal (each is checked by the rules).
RENEWAL_CONTACTS_SHOWN = 6


@dataclass
class RenewalContacts:
    """Who may draft an agreement's renewal: today's lead bodies, and their officers, leaders and
    administrators whom the access rules let renew it (a system administrator always may)."""

    lead_bodies: list[Organization]
    people: list[tuple[str, Organization, str]]  # (full name, body, role)


def renewal_contacts(*, agreement: Agreement) -> RenewalContacts:
    from phoihop.agreements.services import may_renew, renewal_lead_bodies
    from phoihop.orgs.models import Membership
    from phoihop.vn.names import person_name

    leads = renewal_lead_bodies(agreement)
    memberships = (
        Membership.objects.filter(
            organization__in=leads, role__in=Membership.WRITERS, user__is_active=True
        )
        .select_related("user", "organization")
        .order_by("organization_id", "-role", "user_id")[: RENEWAL_CONTACTS_SHOWN * 2]
    )
    people: list[tuple[str, Organization, str]] = []
    for m in memberships:
        # The two rules agreement_renew applies: may renew the old one, writes for the new lead.
        if (
            len(people) < RENEWAL_CONTACTS_SHOWN
            and may_renew(m.user, agreement, lead_bodies=leads)
            and org_access.scope(m.user).can_write_for(m.organization_id)
        ):
            people.append((person_name(m.user), m.organization, str(m.get_role_display())))
    return RenewalContacts(lead_bodies=leads, people=people)
