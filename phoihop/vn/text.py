"""Normalisation and search keys for Vietnamese text.

Store and compare NFC text only. Tone placement is normalised only in keys
(``fold``, ``exact_key``); display text keeps the user's spelling.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "clean",
    "clean_name",
    "exact_key",
    "fold",
    "nfc",
    "normalize_dashes",
    "normalize_tone_placement",
]

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_INVISIBLE = str.maketrans({"\u200b": None, "\ufeff": None})
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_TONE_MARKS = re.compile("[\u0300-\u036f]+")

# Canonical direction: tone on the first vowel of a final "oa", "oe", "uy"
# ("hòa", "khỏe", "Ủy"), as in "CỘNG HÒA" and "ỦY BAN" in the text of
# Decree 30. Only word-final clusters move: "hoàng", "kế hoạch" and
# "Huỳnh" have one spelling only. After "q" the "u" belongs to the
# consonant, so "quý" is left alone.
_NOT_LETTER_NEXT = r"(?![^\W\d_])"
_OA_OE = re.compile("([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])" + _NOT_LETTER_NEXT)
_UY = re.compile("(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])" + _NOT_LETTER_NEXT)


# The combining marks of the Basic Multilingual Plane, looked up as a set: search ranks hundreds
# of titles a request, and asking unicodedata for each word's first letter twice was a quarter
# of a province leader's search.
_BMP_MARKS = frozenset(chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)).startswith("M"))


def _is_mark(ch: str) -> bool:
    return ch in _BMP_MARKS or (ch > "\uffff" and unicodedata.category(ch).startswith("M"))


def nfc(s: str) -> str:
    """NFC-normalise and drop combining marks that have no base letter."""
    s = unicodedata.normalize("NFC", s)
    # Only a mark that starts the text or follows a space can be an orphan: look there first,
    # so the usual text (every word starting with a letter) is not walked character by character.
    if not any(_is_mark(word[0]) for word in s.split()):
        return s
    out: list[str] = []
    for ch in s:
        if _is_mark(ch) and (not out or out[-1].isspace()):
            continue
        out.append(ch)
    return "".join(out)


def normalize_dashes(s: str) -> str:
    """Replace U+2010–U+2015 and U+2212 with "-"."""
    return s.translate(_DASHES)


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    decomposed = unicodedata.normalize("NFD", second)
    base, tone = decomposed[0], decomposed[1:]
    return unicodedata.normalize("NFC", first + tone) + base


def normalize_tone_placement(s: str) -> str:
    """Map "hoà", "Uỷ", "thuý" to "hòa", "Ủy", "thúy" (NFC output)."""
    return _place_tones(nfc(s))


def _place_tones(s: str) -> str:
    """``normalize_tone_placement`` of text already NFC with no orphan marks (``clean``'s)."""
    s = _OA_OE.sub(_move_tone, s)
    return _UY.sub(_move_tone, s)


def clean(s: str) -> str:
    """Normalise one-line user input: NFC, plain dashes, single spaces."""
    s = nfc(s.translate(_INVISIBLE))
    return " ".join(normalize_dashes(s).split())


def clean_name(s: str) -> str:
    """A stored name: NFC, no invisible characters, one space between words, none at the ends.

    Unlike ``clean`` it keeps the dashes as typed ("2022–2025" stays an en dash)."""
    return " ".join(nfc(s.translate(_INVISIBLE)).split())


def fold(s: str) -> str:
    """Search key without case, tones or letter marks: "Đà Nẵng" -> "da nang"."""
    s = unicodedata.normalize("NFD", _place_tones(clean(s)))
    s = _TONE_MARKS.sub("", s).translate(_D_STROKE).casefold()
    return " ".join(unicodedata.normalize("NFC", s).split())


def exact_key(s: str) -> str:
    """Case-insensitive key that keeps diacritics, for ranking exact matches."""
    return unicodedata.normalize("NFC", _place_tones(clean(s)).lower())
