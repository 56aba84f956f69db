"""A new agreement drafted from the text of its Word or PDF document, for the officer to check.

``agreement_text.extract`` reads the fields from the paragraphs; here the names it read are
matched to the registry on the folded key (``imports.matching``) and the result becomes the
initial data of the agreement form and its parties and content areas, with where each value
came from. A name the registry holds more than once is left for the officer to choose (with the
candidates named), never guessed; a name it does not hold is said so. Nothing is saved here:
the draft page submits to the agreement's own create service.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from phoihop.agreements.models import Party
from phoihop.documents.official import signer_for
from phoihop.imports.agreement_text import Extraction, Signature, Span, extract
from phoihop.imports.matching import NameIndex
from phoihop.orgs.models import Organization
from phoihop.vn.text import fold

# The longest run of header paragraphs joined to find one name (a PDF wraps a long name).
MAX_NAME_LINES = 3


def _expand(text: str) -> str:
    """The abbreviations Decree 30 allows in a header: "TP" for "Thành phố"."""
    return re.sub(r"\bTP\.?\s+", "Thành phố ", text)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(_expand(text))).split())


@dataclass
class Match:
    text: str
    organizations: list[Organization]
    spans: list[Span]


@dataclass
class PartyDraft:
    text: str
    organizations: list[Organization]
    role: str = Party.Role.COOPERATING
    name_as_signed: str = ""
    signature: Signature | None = None
    spans: list[Span] = field(default_factory=list)

    @property
    def organization(self) -> Organization | None:
        return self.organizations[0] if len(self.organizations) == 1 else None

    @property
    def note(self) -> str:
        if not self.organizations:
            return _("Không tìm thấy «%(name)s» trong danh mục cơ quan; chọn cơ quan.") % {
                "name": self.text
            }
        if len(self.organizations) > 1:
            names = "; ".join(_label(o) for o in self.organizations)
            return _(
                "«%(name)s» trùng tên với %(count)s cơ quan: %(names)s. Chọn đúng cơ quan."
            ) % {
                "name": self.text,
                "count": len(self.organizations),
                "names": names,
            }
        return ""

    def keys(self) -> set[str]:
        keys = {_words(self.text), _words(self.name_as_signed)}
        for org in self.organizations:
            keys.add(_words(org.name))
        return {k for k in keys if k}


def _label(org: Organization) -> str:
    parent = org.parent.name if org.parent_id and org.parent else ""
    return f"{org.name} ({parent})" if parent else org.name


@dataclass
class AgreementDraft:
    extraction: Extraction
    parties: list[PartyDraft]
    unassigned: list[Signature]

    @property
    def lines(self) -> list[str]:
        return self.extraction.lines

    # --- the forms' initial data ---------------------------------------------------------

    def agreement_initial(self) -> dict[str, Any]:
        x = self.extraction
        initial: dict[str, Any] = {}
        if x.kind:
            initial["kind"] = x.kind.value
        if x.number_symbol:
            initial["number_symbol"] = x.number_symbol.value
        if x.title:
            initial["title"] = x.title.value[:500]
        if x.signed_on:
            initial["signed_on"] = x.signed_on.value
        if x.period:
            initial["period_start"], initial["period_end"] = x.period.value
        if x.legal_bases:
            initial["legal_bases"] = "\n".join(b.value for b in x.legal_bases)
        return initial

    def party_initial(self) -> list[dict[str, Any]]:
        rows = []
        for party in self.parties:
            org = party.organization
            sig = party.signature
            rows.append(
                {
                    "organization": org.pk if org else None,
                    "role": party.role,
                    "name_as_signed": party.name_as_signed,
                    "signatory_name": sig.name if sig else "",
                    "signatory_rank": sig.rank if sig else "",
                    "signatory_position": sig.position if sig else "",
                }
            )
        return rows

    def area_initial(self) -> list[dict[str, Any]]:
        return [
            {
                "number": area.number,
                "title": area.title[:500],
                "text": area.text,
                "responsible": [o.pk for o in self.responsible(area.responsible)],
            }
            for area in self.extraction.areas
        ]

    def responsible(self, text: str) -> list[Organization]:
        """The parties a "Bên thực hiện" line names, longest names first (so "Quận ủy Quận 10"
        is not found inside "Ban Tuyên giáo Quận ủy Quận 10")."""
        remaining = f" {_words(text)} "
        found: list[tuple[int, Organization]] = []
        keyed = [(k, p) for p in self.parties if p.organization for k in p.keys()]
        for key, party in sorted(keyed, key=lambda kp: -len(kp[0])):
            at = remaining.find(f" {key} ")
            if at >= 0 and party.organization is not None:
                remaining = (
                    remaining[:at] + " " + "#" * len(key) + " " + remaining[at + len(key) + 2 :]
                )
                if all(o.pk != party.organization.pk for _a, o in found):
                    found.append((at, party.organization))
        return [o for _at, o in sorted(found, key=lambda f: f[0])]

    # --- where each value came from ----------------------------------------------------------

    def sources(self) -> dict[str, tuple[int, str]]:
        """The agreement form's fields: (paragraph, label) of the first place each was read."""
        x = self.extraction
        found: dict[str, Any] = {
            "kind": x.kind,
            "number_symbol": x.number_symbol,
            "title": x.title,
            "signed_on": x.signed_on,
            "period_start": x.period,
            "period_end": x.period,
            "legal_bases": x.legal_bases[0] if x.legal_bases else None,
        }
        return {name: (f.spans[0].line, name) for name, f in found.items() if f and f.spans}

    def marks(self) -> list[tuple[Span, str, str]]:
        """Every span read, with the id of the form field it fills and what it is."""
        x = self.extraction
        out: list[tuple[Span, str, str]] = []

        def add(spans: Iterable[Span], target: str, label: str) -> None:
            out.extend((s, target, label) for s in spans)

        if x.kind:
            add(x.kind.spans, "id_kind", _("Loại văn bản"))
        if x.number_symbol:
            add(x.number_symbol.spans, "id_number_symbol", _("Số, ký hiệu"))
        if x.signed_on:
            add(x.signed_on.spans, "id_signed_on", _("Ngày ký"))
        if x.period:
            add(x.period.spans[:1], "id_period_start", _("Giai đoạn"))
        if x.title:
            add(x.title.spans, "id_title", _("Trích yếu"))
        for basis in x.legal_bases:
            add(basis.spans, "id_legal_bases", _("Căn cứ"))
        for i, party in enumerate(self.parties):
            add(party.spans, f"id_parties-{i}-organization", _("Bên tham gia"))
            if party.signature:
                add(party.signature.spans, f"id_parties-{i}-signatory_name", _("Người ký"))
        for i, area in enumerate(x.areas):
            add(area.spans, f"id_areas-{i}-title", _("Nội dung phối hợp"))
        return out

    def source_lines(self) -> list[dict[str, Any]]:
        """The source text for the page: each paragraph in pieces, the pieces read marked with
        the field they fill."""
        by_line: dict[int, list[tuple[Span, str, str]]] = {}
        for span, target, label in self.marks():
            by_line.setdefault(span.line, []).append((span, target, label))
        out = []
        for i, text in enumerate(self.lines):
            pieces: list[dict[str, str]] = []
            at = 0
            for span, target, label in sorted(by_line.get(i, []), key=lambda m: m[0].start):
                if span.start < at or span.end <= span.start:
                    continue  # overlaps a piece already marked
                if span.start > at:
                    pieces.append({"text": text[at : span.start]})
                pieces.append(
                    {"text": text[span.start : span.end], "target": target, "label": label}
                )
                at = span.end
            if at < len(text):
                pieces.append({"text": text[at:]})
            out.append({"index": i, "pieces": pieces, "marked": i in by_line})
        return out


def _registry() -> NameIndex:
    return NameIndex(
        Organization.objects.active()
        .select_related("parent")
        .only("id", "name", "short_name", "parent__name", "parent_id")
        .order_by("pk")
    )


def _lookup(index: NameIndex, text: str) -> list[Organization]:
    found = index.find(text)
    if not found and _expand(text) != text:
        found = index.find(_expand(text))
    return found


def _header_matches(index: NameIndex, x: Extraction) -> list[Match]:
    """The header's names in the registry, a wrapped name's lines joined (longest run first)."""
    items = x.issuers
    out: list[Match] = []
    i = 0
    while i < len(items):
        for n in range(min(MAX_NAME_LINES, len(items) - i), 0, -1):
            run = items[i : i + n]
            # Only paragraphs that follow each other make one name.
            if any(
                b.spans[0].line != a.spans[0].line + 1 for a, b in zip(run, run[1:], strict=False)
            ):
                continue
            text = " ".join(str(f.value) for f in run)
            found = _lookup(index, text)
            if found:
                out.append(Match(text, found, [s for f in run for s in f.spans]))
                i += n
                break
        else:
            i += 1
    return out


def build_draft(paragraphs: Sequence[str]) -> AgreementDraft:
    """The draft of a new agreement from a document's paragraphs (reads the registry)."""
    x = extract(paragraphs)
    index = _registry()
    header = _header_matches(index, x)

    # What the body and the signatures name: the parties, as the header also names their
    # superior bodies ("BỘ TƯ LỆNH TP HỒ CHÍ MINH" above "BAN CHỈ HUY QUÂN SỰ QUẬN 4").
    named: list[tuple[str, list[Organization], list[Span], str, Signature | None]] = []
    for mention in x.mentions:
        named.append(
            (mention.name, _lookup(index, mention.name), mention.spans, mention.role, None)
        )
    for block in x.signatures:
        if block.body:
            named.append((block.body, _lookup(index, block.body), [], "", block))
    named_pks = {o.pk for _t, orgs, *_rest in named for o in orgs}
    named_keys = {_words(t) for t, *_rest in named}

    parties: list[PartyDraft] = []
    for m in header:
        if named and not (
            {o.pk for o in m.organizations} & named_pks or _words(m.text) in named_keys
        ):
            continue
        parties.append(PartyDraft(text=m.text, organizations=m.organizations, spans=m.spans))
    for text, orgs, spans, _role, sig in named:
        if sig is not None and not orgs and parties:
            continue  # a signature naming a body the header does not: left to the officer
        if not any(_same(p, text, orgs) for p in parties):
            parties.append(PartyDraft(text=text, organizations=orgs, spans=list(spans)))

    # Roles, names as signed and signatures from what names each party.
    roles_given = any(role for *_a, role, _s in named)
    unassigned: list[Signature] = []
    for text, orgs, _spans, role, sig in named:
        party = next((p for p in parties if _same(p, text, orgs)), None)
        if party is None:
            if sig is not None:
                unassigned.append(sig)
            continue
        if role:
            party.role = role
        if sig is None and not party.name_as_signed and _words(text) in party.keys():
            party.name_as_signed = text  # as the body writes it, in normal case
        if sig is not None and party.signature is None:
            party.signature = sig
    unassigned.extend(s for s in x.signatures if not s.body)
    if len(parties) == 1 and len(unassigned) == 1 and parties[0].signature is None:
        parties[0].signature = unassigned.pop()  # one issuer, one block: the block is its
    for block in list(unassigned):
        # A block that names no body, signed by the head of one kind of body ("Chỉ huy trưởng",
        # or his deputy): the one party of that kind still without a signature, if only one.
        head = _head_title(block.position)
        fits = [
            p
            for p in parties
            if p.signature is None
            and p.organization is not None
            and fold(signer_for(p.organization.kind).position) == head
        ]
        if head and len(fits) == 1:
            fits[0].signature = block
            unassigned.remove(block)
    if not roles_given and parties:
        parties[0].role = Party.Role.LEAD  # the header names the lead issuer first
    parties.sort(key=lambda p: p.role != Party.Role.LEAD)
    return AgreementDraft(extraction=x, parties=parties, unassigned=unassigned)


def _head_title(position: str) -> str:
    key = fold(position)
    return key[4:] if key.startswith("pho ") else key


def _same(party: PartyDraft, text: str, orgs: Sequence[Organization]) -> bool:
    if orgs and {o.pk for o in orgs} & {o.pk for o in party.organizations}:
        return len(orgs) == 1 or _words(text) in party.keys()
    return _words(text) in party.keys()


# --- the upload and the draft between its two pages ------------------------------------------

SALT = "imports.agreement-draft"
# How long a draft page may wait for its confirmation.
DRAFT_MAX_AGE = 24 * 60 * 60


def _check_upload(upload: Any) -> str:
    """The upload rules of attachments (size limit, type judged by content): a .docx or a PDF."""
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from phoihop.attachments.checks import sniff
    from phoihop.imports.document_text import DOCX, PDF

    if not upload.size:
        raise ValidationError(_("Tệp rỗng."))
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (tối đa %(mb)s MB).")
            % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    stream = upload.file
    mime = sniff(stream)  # a ValidationError for what is not a document at all
    if mime not in (DOCX, PDF):
        raise ValidationError(
            _(
                "Chỉ nhận văn bản Word (.docx) hoặc PDF. Tệp .doc cũ: mở bằng Word và lưu thành .docx."
            )
        )
    return mime


def draft_from_upload(*, actor: Any, upload: Any) -> tuple[AgreementDraft, list[str]]:
    """Read an uploaded agreement into a draft (and its paragraphs, which the draft page keeps).
    Those who may create agreements only; nothing is saved."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from phoihop.agreements.access import can_create_agreement
    from phoihop.imports.document_text import DocumentError, paragraphs

    if not can_create_agreement(actor):
        raise PermissionDenied
    mime = _check_upload(upload)
    try:
        found = paragraphs(upload.file, mime)
    except DocumentError as exc:
        message = _(exc.message) % exc.params if exc.params else _(exc.message)
        raise ValidationError(message) from None
    finally:
        upload.seek(0)
    return build_draft(found), found


def sign_source(*, actor: Any, paragraphs: Sequence[str], name: str) -> str:
    """The source text carried by the draft page (signed: the page shows only what was read)."""
    from django.core import signing

    return signing.dumps(
        {"u": actor.pk, "p": list(paragraphs), "n": name}, salt=SALT, compress=True
    )


def unsign_source(*, actor: Any, token: str) -> tuple[list[str], str] | None:
    """The paragraphs and file name of a draft page, or None when the token is not this
    user's, was changed, or is older than a day."""
    from django.core import signing

    try:
        data = signing.loads(token, salt=SALT, max_age=DRAFT_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != actor.pk:
        return None
    return [str(p) for p in data.get("p", [])], str(data.get("n", ""))
