"""Read a generated .docx back: runs with their formatting, the header table, rules, fields."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn


def load(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def cell_paragraphs(table: Any) -> Iterator[Any]:
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs


def all_paragraphs(doc: Any) -> Iterator[Any]:
    yield from doc.paragraphs
    for table in doc.tables:
        yield from cell_paragraphs(table)


def find(paragraphs: Any, text: str) -> Any:
    """The first paragraph whose text is ``text`` exactly."""
    for p in paragraphs:
        if p.text == text:
            return p
    raise AssertionError(f"no paragraph {text!r} in {[p.text for p in paragraphs]}")


def style(p: Any) -> tuple[float, bool, bool]:
    """(size in pt, bold, italic) shared by all runs of a paragraph."""
    runs = [r for r in p.runs if r.text]
    assert runs, f"empty paragraph {p.text!r}"
    sizes = {r.font.size.pt for r in runs}
    bolds = {bool(r.font.bold) for r in runs}
    italics = {bool(r.font.italic) for r in runs}
    assert len(sizes) == len(bolds) == len(italics) == 1, p.text
    return sizes.pop(), bolds.pop(), italics.pop()


def has_bottom_rule(p: Any) -> bool:
    pPr = p._p.pPr
    if pPr is None:
        return False
    bdr = pPr.find(qn("w:pBdr"))
    return bdr is not None and bdr.find(qn("w:bottom")) is not None and bdr.find(qn("w:bottom")).get(qn("w:val")) == "single"


def borders(table: Any) -> dict[str, str]:
    el = table._tbl.tblPr.find(qn("w:tblBorders"))
    if el is None:
        return {}
    return {child.tag.split("}")[1]: child.get(qn("w:val")) for child in el}


def field_codes(part: Any) -> list[str]:
    return [el.text.strip() for el in part._element.iter(qn("w:instrText")) if el.text]


def following(paragraphs: list[Any], p: Any) -> Any:
    for i, x in enumerate(paragraphs):
        if x._p is p._p:
            return paragraphs[i + 1]
    raise AssertionError(f"{p.text!r} not found")
