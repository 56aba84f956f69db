"""The agreement as official documents name it: its type code, its parties as issuers and
signers, how a later document cites it, and the dates its number may carry.

The agreement's own document prints the targets and the years of its annual plans, so it is
made in ``plans.documents``; what it shares with the plans' and the reviews' documents is here.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from phoihop.agreements.models import Agreement, Party
from phoihop.documents.drafting import issued_numbers_for, join_names, lower_first
from phoihop.documents.official import Issuer, Signer, signer_for
from phoihop.orgs.models import Organization
from phoihop.vn.dates import format_period, format_short
from phoihop.vn.text import fold

AGREEMENT_TYPES: dict[str, str] = {
    Agreement.Kind.REGULATION: "QC",
    Agreement.Kind.PROGRAM: "CTr",
    Agreement.Kind.PLAN: "KH",
}


def agreement_doc_type(agreement: Any) -> str:
    """The type code of the agreement's number ("CTr", "QC", "KH")."""
    return AGREEMENT_TYPES.get(agreement.kind, "CTr")


def load_parties(agreement: Agreement) -> list[Party]:
    """The parties with their bodies and signatories, lead first (one query)."""
    parties = list(
        agreement.parties.select_related("organization__parent", "signatory").order_by(
            "order", "id"
        )
    )
    parties.sort(key=lambda p: (p.role != Party.Role.LEAD, p.order, p.pk))
    return parties


def ordered_parties(agreement: Any) -> list[Any]:
    """The agreement's parties, lead first: the lead numbers joint documents in its series."""
    return sorted(agreement.parties.all(), key=lambda p: (p.role != "lead", p.order, p.pk))


def party_issuers(parties: Sequence[Party]) -> list[Issuer]:
    return [Issuer.from_organization(p.organization, name=p.name_as_signed) for p in parties]


def party_signer(party: Party) -> Signer:
    name = party.signatory_name or (party.signatory.full_name if party.signatory else "")
    military = party.organization.kind in (Organization.Kind.MILITARY, Organization.Kind.POLICE)
    return signer_for(
        party.organization.kind,
        position=party.signatory_position,
        name=name,
        rank=party.signatory_rank if military else "",
        body_name=party.name_as_signed,
    )


def party_recipients(parties: Sequence[Party]) -> list[str]:
    """The parties' superior bodies (to report to), then the parties' own copies."""
    own = {p.organization_id for p in parties}
    out: list[str] = []
    for party in parties:
        parent = party.organization.parent
        if parent is not None and parent.pk not in own:
            line = f"{parent.name} (để báo cáo)"
            if line not in out:
                out.append(line)
    if len(parties) > 1:
        out.extend(p.name_as_signed for p in parties)
    return out


def agreement_summary(agreement: Agreement, names: Sequence[str]) -> str:
    """What follows the type name: "công tác … giữa A và B giai đoạn 2022-2025"."""
    kind = agreement.get_kind_display()
    title = agreement.title.strip()
    if fold(title).startswith(fold(kind)):
        title = title[len(kind) :].strip(" ,:-")
    if len(names) > 1 and "giua" not in fold(title).split():
        title = f"{title} giữa {join_names(names)}".strip()
    title = f"{title} {period_words(agreement, title)}".strip()
    return title


def period_words(agreement: Agreement, title: str = "") -> str:
    """ "giai đoạn 2022-2025", or "năm 2024" for one year; nothing when the title says it."""
    start, end = agreement.period_start, agreement.period_end
    if not (start and end) or str(start) in title:
        return ""
    if start == end:
        return f"năm {start}"
    return f"giai đoạn {format_period(start, end, document=True)}"


def agreement_citation(agreement: Agreement, *, parties: bool = True) -> str:
    """How a later document cites the agreement: "Chương trình phối hợp số 03/CTr-BCHQS-BTGQU
    ngày 15/9/2022 giữa … giai đoạn 2022 - 2025" (its number from the register once issued)."""
    kind = agreement.get_kind_display()
    symbol = agreement.number_symbol.strip()
    if not symbol:
        issued = issued_numbers_for(agreement)
        symbol = issued[0].symbol if issued else ""
    names = [p.name_as_signed for p in agreement.parties.all()]
    signed = f"ngày {format_short(agreement.signed_on)}" if agreement.signed_on else ""
    if symbol:
        # The number and date identify it: then only who signed it and its period.
        parts = [kind, f"số {symbol}", signed]
        if len(names) > 1 and parties:
            parts.append(f"giữa {join_names(names)}")
        parts.append(period_words(agreement))
    else:
        summary = agreement_summary(agreement, names if parties else [])
        # A title that does not open with its kind ("Chương trình …" for a plan) is cited as it is.
        named = fold(agreement.title.strip()).startswith(fold(kind))
        parts = [kind, lower_first(summary)] if named else [summary]
        parts.append(f"ký {signed}" if signed else "")
    return " ".join(p for p in parts if p)


def agreement_ref(agreement: Agreement) -> str:
    """The agreement named in a document that implements it: "Chương trình phối hợp số …"."""
    kind = agreement.get_kind_display()
    if agreement.number_symbol:
        return f"{kind} số {agreement.number_symbol}"
    return f"{kind} {lower_first(agreement_summary(agreement, []))}"


def agreement_name(agreement: Any) -> str:
    """The agreement in a message about dates: its number, else its title."""
    kind = str(agreement.get_kind_display())
    if agreement.number_symbol:
        return _("%(kind)s số %(symbol)s") % {"kind": kind, "symbol": agreement.number_symbol}
    return f"{kind} “{agreement.title}”"


def agreement_date_errors(agreement: Agreement, issued_on: datetime.date) -> list[str]:
    """An agreement is issued once its parties have signed it."""
    signed = [
        d for d in (agreement.signed_on, *(p.signed_on for p in agreement.parties.all())) if d
    ]
    if signed and issued_on < max(signed):
        return [
            _(
                "Ngày ban hành %(date)s trước ngày ký %(signed)s: văn bản phối hợp được ban hành khi các bên đã ký."
            )
            % {"date": format_short(issued_on), "signed": format_short(max(signed))}
        ]
    return []
