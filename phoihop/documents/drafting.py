"""What every generated document shares, whatever its kind: the place in the date line, the
record's text turned into sentences, the numbered sections, and the number from the register.

The generators of each kind live with their records (``agreements.documents``,
``plans.documents``, ``reviews.documents``) and build on these and on ``official``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType

from phoihop.documents.models import IssuedNumber
from phoihop.documents.official import Block, Heading, roman
from phoihop.orgs.models import Organization
from phoihop.vn.symbols import SymbolError, parse_symbol
from phoihop.vn.text import fold

# Generic words before a place name; kept when the name is a number ("Quận 4", "Phường 1") or a
# person ("Thành phố Hồ Chí Minh"), as Decree 30 asks.
_PLACE_PREFIXES = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "quận",
    "huyện",
    "tỉnh",
    "xã",
)
_PEOPLE_PLACES = {"ho chi minh"}


def place_name(org: Organization | None) -> str:
    """The place in the date line: the administrative unit where the body sits."""
    seen = 0
    while org is not None and seen < 10:
        raw = org.commune_name or (
            org.locality_text.split(",")[0].strip() if org.locality_text else ""
        )
        raw = raw or org.province_name
        if raw:
            return _short_place(raw)
        org, seen = org.parent, seen + 1
    return ""


def _short_place(raw: str) -> str:
    raw = re.sub(r"^TP\.?\s+", "Thành phố ", raw.strip())
    lowered = raw.lower()
    for prefix in _PLACE_PREFIXES:
        if lowered.startswith(prefix + " "):
            rest = raw[len(prefix) :].strip()
            if rest[:1].isdigit() or fold(rest) in _PEOPLE_PLACES:
                return raw[:1].upper() + raw[1:]
            return rest
    return raw


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", ":", ";", "!", "?")) else text + "."


# A line of a record's text that is a note about the record ("Ghi chú dữ liệu mẫu: …",
# "Ghi chú: …", "Dữ liệu mẫu minh họa: …"), not text of the document.
_RECORD_NOTE = re.compile(r"^(ghi chu\b|du lieu mau\b)")


def is_record_note(line: str) -> bool:
    return bool(_RECORD_NOTE.match(fold(re.sub(r"^[-+•*(\[]\s*", "", line.strip()))))


def document_lines(text: str) -> list[str]:
    """The lines of a record's text that belong in a document: record notes left out."""
    return [line for line in (text or "").splitlines() if line.strip() and not is_record_note(line)]


def paragraphs(text: str) -> list[str]:
    out = []
    for line in document_lines(text):
        line = re.sub(r"^[-+•*]\s*", "", line.strip())
        if line:
            out.append(sentence(line))
    return out


def join_names(names: Sequence[str]) -> str:
    """ "A", "A và B", "A, B và C"."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def lower_first(text: str) -> str:
    """Lower-case the first word unless it opens a proper name ("Ban Tuyên giáo …")."""
    words = text.split()
    if not words or (len(words) > 1 and words[1][:1].isupper()) or words[0].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def title_in_form(text: str, form: str) -> str:
    """Trích yếu: starts lower case in the Party form, upper case in the state form."""
    return lower_first(text) if form == "party" else upper_first(text)


def number_from(text: str) -> int | None:
    """The number of a typed "số, ký hiệu" ("03/CTr-…" gives 3), or None when it does not parse."""
    try:
        return parse_symbol(text).number
    except SymbolError:
        return None


def issued_numbers_for(record: Any) -> list[IssuedNumber]:
    """The record's live entries in the register, the latest first."""
    ct = ContentType.objects.get_for_model(record)
    return list(
        IssuedNumber.objects.filter(content_type=ct, object_id=record.pk, voided=False).order_by(
            "-created_at", "-id"
        )
    )


@dataclass
class Section:
    title: str
    intro: list[Block] = field(default_factory=list)
    items: list[tuple[str, list[Block]]] = field(default_factory=list)


def program_blocks(sections: Sequence[Section]) -> list[Block]:
    """ "I. TITLE" / "1. Titled item" (programmes, plans)."""
    blocks: list[Block] = []
    for i, section in enumerate(sections, start=1):
        blocks.append(Heading(f"{roman(i)}. {section.title.upper()}", level=1))
        blocks.extend(section.intro)
        for j, (title, body) in enumerate(section.items, start=1):
            blocks.append(Heading(f"{j}. {title}", level=2))
            blocks.extend(body)
    return blocks


def regulation_blocks(sections: Sequence[Section]) -> list[Block]:
    """ "Chương I / TITLE" and "Điều N. Title" numbered through the whole regulation."""
    blocks: list[Block] = []
    article = 0
    for i, section in enumerate(sections, start=1):
        blocks.append(Heading(f"Chương {roman(i)}\n{section.title.upper()}", level=0))
        blocks.extend(section.intro)
        for title, body in section.items:
            article += 1
            blocks.append(Heading(f"Điều {article}. {title}", level=2))
            blocks.extend(body)
    return blocks
