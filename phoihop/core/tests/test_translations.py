"""The English catalogue: complete, compiled, used by the pages, and in step with the sources.

Vietnamese is the source language (the msgids); English is the second language. These tests
read the catalogue with a small parser instead of gettext tools, so they run where gettext is
not installed.
"""

from __future__ import annotations

import ast
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

APP_DIR = Path(__file__).resolve().parents[2]
LOCALE_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

# Template text reaches gettext with "%" doubled, and Django undoes it after translating.
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[#0\- +]*\d*(?:\.\d+)?[sdifgr]|%[sd]")
# Letters that only Vietnamese uses: an English string containing one was left untranslated.
VIETNAMESE = re.compile("[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")
CONTEXT_SEPARATOR = "\x04"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return (
            f"{self.msgctxt}{CONTEXT_SEPARATOR}{self.msgid}"
            if self.msgctxt is not None
            else self.msgid
        )


def unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header first; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None  # the keyword the next continuation line extends

    def finish() -> None:
        nonlocal entry
        if entry is not None and entry.msgstr:  # flags alone belong to an obsolete entry
            entries.append(entry)
        entry = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                entry = entry or Entry()
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(.*)", line)
        if match:
            keyword, index, rest = match.group(1), match.group(2), match.group(3)
            if keyword in ("msgctxt", "msgid") and entry is not None and entry.msgstr:
                finish()
            entry = entry or Entry()
            target = (keyword, int(index or 0))
            append(entry, target, unquote(rest), start=True)
        else:
            assert entry is not None and target is not None, f"stray line in {path.name}: {raw!r}"
            append(entry, target, unquote(line), start=False)
    finish()
    return entries


def append(entry: Entry, target: tuple[str, int], text: str, *, start: bool) -> None:
    keyword, index = target
    if keyword == "msgstr":
        entry.msgstr[index] = ("" if start else entry.msgstr[index]) + text
    else:
        current = getattr(entry, keyword)
        setattr(entry, keyword, text if start else (current or "") + text)


def read_mo(path: Path) -> dict[str, str]:
    """The messages of a compiled .mo file, keyed as gettext keys them (context\\x04msgid)."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    assert struct.unpack(order + "I", data[:4])[0] == 0x950412DE, "not a .mo file"
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    catalog = {}
    for i in range(count):
        olen, ooff = struct.unpack(order + "2I", data[originals + 8 * i : originals + 8 * i + 8])
        tlen, toff = struct.unpack(
            order + "2I", data[translations + 8 * i : translations + 8 * i + 8]
        )
        catalog[data[ooff : ooff + olen].decode()] = data[toff : toff + tlen].decode()
    return catalog


def mo_form(entry: Entry) -> tuple[str, str]:
    """The key and value msgfmt writes for an entry."""
    key = entry.key if entry.msgid_plural is None else f"{entry.key}\x00{entry.msgid_plural}"
    value = "\x00".join(entry.msgstr[i] for i in sorted(entry.msgstr))
    return key, value


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    return parse_po(PO_FILE)


@pytest.fixture(scope="module")
def messages(catalogue: list[Entry]) -> list[Entry]:
    assert catalogue[0].msgid == "", "the catalogue starts with its header"
    return catalogue[1:]


def header_fields(entry: Entry) -> dict[str, str]:
    lines = [line.split(":", 1) for line in entry.msgstr[0].splitlines() if ":" in line]
    return {name.strip(): value.strip() for name, value in lines}


def test_it_has_a_finished_english_header(catalogue):
    header = catalogue[0]
    fields = header_fields(header)
    assert "fuzzy" not in header.flags
    assert fields["Language"] == "en"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_it_translates_every_message(messages):
    assert len(messages) > 300
    untranslated = [e.msgid for e in messages if not e.msgstr or not all(e.msgstr.values())]
    fuzzy = [e.msgid for e in messages if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_it_gives_plural_messages_both_english_forms(messages):
    plurals = [e for e in messages if e.msgid_plural is not None]
    assert plurals, "the lists count their rows with plural messages"
    for entry in plurals:
        assert sorted(entry.msgstr) == [0, 1], entry.msgid
        assert entry.msgstr[0] != entry.msgstr[1], f"one form for both numbers: {entry.msgid}"


def test_it_keeps_the_placeholders_of_every_message(messages):
    wrong = []
    for entry in messages:
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        for index, text in entry.msgstr.items():
            source = sources[min(index, len(sources) - 1)]
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_it_leaves_no_vietnamese_in_the_english_text(messages):
    left = [(e.msgid, s) for e in messages for s in e.msgstr.values() if VIETNAMESE.search(s)]
    assert left == []


def test_it_ships_a_compiled_catalogue_in_step_with_the_po(catalogue, messages):
    compiled = read_mo(MO_FILE)
    compiled_header = header_fields(Entry(msgstr={0: compiled.pop("")}))
    assert compiled_header["Plural-Forms"] == header_fields(catalogue[0])["Plural-Forms"]
    # msgfmt leaves out what is fuzzy or untranslated; the tests above reject both anyway.
    done = [e for e in messages if "fuzzy" not in e.flags and e.msgstr and all(e.msgstr.values())]
    expected = dict(mo_form(e) for e in done)
    stale = {k: (v, compiled.get(k)) for k, v in expected.items() if compiled.get(k) != v}
    extra = sorted(set(compiled) - set(expected))
    assert stale == {}, "django.mo is older than django.po: run compilemessages"
    assert extra == [], "django.mo has messages django.po no longer has: run compilemessages"


def test_it_serves_the_compiled_catalogue_through_django():
    with translation.override("en"):
        assert translation.gettext("Chương trình phối hợp") == "Coordination program"
        assert (
            translation.ngettext("%(counter)s văn bản", "%(counter)s văn bản", 2)
            == "%(counter)s documents"
        )
    with translation.override("vi"):
        assert translation.gettext("Chương trình phối hợp") == "Chương trình phối hợp"


@pytest.fixture
def english(login, users):
    """A signed-in officer who chose English in the navbar."""
    client = login(users["alice"])
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("core:home")}
    )
    assert response.status_code == 302
    yield client
    translation.activate(settings.LANGUAGE_CODE)


def test_it_shows_the_home_page_in_english_once_chosen(english, agreement):
    page = english.get(reverse("core:home")).content.decode()
    assert '<html lang="en"' in page  # the tag also carries the scripts' texts
    assert "Documents in force" in page
    assert "Coordination program" in page  # the kind of the agreement, a model choice
    assert "Coordination documents" in page  # the navbar
    assert "Văn bản đang có hiệu lực" not in page
    assert "Văn bản phối hợp" not in page
    assert "Officer" in page  # alice's role in her unit


def test_it_shows_the_agreement_list_in_english_once_chosen(english, agreement):
    page = english.get(reverse("agreements:list")).content.decode()
    assert '<h1 class="h3 mb-0">Coordination documents</h1>' in page
    assert "Number and symbol" in page
    assert "1 document<" in page
    assert "2 areas of coordination" in page
    assert "In force" in page
    assert "Văn bản phối hợp" not in page
    assert "Số, ký hiệu" not in page
    assert agreement.title in page  # what users typed stays as typed


def test_it_goes_back_to_vietnamese_when_chosen_again(english):
    english.post(reverse("set_language"), {"language": "vi", "next": "/"})
    page = english.get(reverse("core:home")).content.decode()
    assert "Văn bản đang có hiệu lực" in page
    assert "Documents in force" not in page


# What makemessages would extract, found without gettext: literal msgids in the sources.
# name: (index of the context argument or None, indexes of the message arguments...)
GETTEXT_FUNCTIONS: dict[str, tuple[int | None, *tuple[int, ...]]] = {
    "_": (None, 0),
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
TEMPLATE_STRING = r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
TEMPLATE_TRANSLATE = re.compile(
    r"{%\s*trans(?:late)?\s+"
    + TEMPLATE_STRING
    + r"(?:[^%]*?\scontext\s+"
    + TEMPLATE_STRING
    + r")?[^%]*%}"
)
TEMPLATE_UNDERSCORE = re.compile(r"(?<![\w.])_\(\s*" + TEMPLATE_STRING + r"\s*\)")


def source_files(*suffixes: str) -> list[Path]:
    return sorted(
        path
        for suffix in suffixes
        for path in APP_DIR.rglob(f"*{suffix}")
        if "tests" not in path.relative_to(APP_DIR).parts and "locale" not in path.parts
    )


def _string_value(node: ast.expr) -> str:
    assert isinstance(node, ast.Constant) and isinstance(node.value, str)
    return node.value


def python_msgids(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name not in GETTEXT_FUNCTIONS:
            continue
        context_at, *message_at = GETTEXT_FUNCTIONS[name]
        args = node.args
        literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args]
        needed = [i for i in (context_at, *message_at) if i is not None]
        if not args or not all(i < len(args) and literal[i] for i in needed):
            continue  # a variable, not a message: nothing for makemessages either
        context = _string_value(args[context_at]) if context_at is not None else None
        for i in message_at:
            text = _string_value(args[i])
            found.add(f"{context}{CONTEXT_SEPARATOR}{text}" if context is not None else text)
    return found


def template_msgids(path: Path) -> set[str]:
    def literal(quoted: str) -> str:
        return ast.literal_eval(quoted).replace("%", "%%")  # as Django's template gettext does

    text = path.read_text(encoding="utf-8")
    found = set()
    for match in TEMPLATE_TRANSLATE.finditer(text):
        message = literal(match.group(1))
        if match.group(2):
            found.add(f"{ast.literal_eval(match.group(2))}{CONTEXT_SEPARATOR}{message}")
        else:
            found.add(message)
    for match in TEMPLATE_UNDERSCORE.finditer(text):
        found.add(literal(match.group(1)))
    return found


def test_it_finds_the_messages_of_the_sources():
    base = APP_DIR / "templates" / "base.html"
    assert {"Văn bản phối hợp", "Mở menu", "Đăng xuất"} <= template_msgids(base)
    history = APP_DIR / "core" / "history.py"
    assert {"có", "không", "history action\x04Tạo mới"} <= python_msgids(history)


def test_it_has_every_message_the_sources_use(catalogue):
    known = {e.key for e in catalogue} | {e.msgid_plural for e in catalogue if e.msgid_plural}
    missing = set()
    for path in source_files(".py"):
        missing |= {(str(path.relative_to(APP_DIR)), m) for m in python_msgids(path) - known}
    for path in source_files(".html", ".txt"):
        missing |= {(str(path.relative_to(APP_DIR)), m) for m in template_msgids(path) - known}
    assert sorted(missing) == [], "run makemessages -l en and translate the new messages"
