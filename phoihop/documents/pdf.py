"""PDF from Word: LibreOffice headless in a private profile."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path


class LibreOfficeMissing(RuntimeError):
    """LibreOffice (``soffice``) is not installed, so no PDF can be made."""


class ConversionError(RuntimeError):
    """LibreOffice ran but produced no PDF."""


def soffice_path() -> str | None:
    """The LibreOffice executable: ``$PHOIHOP_SOFFICE``, else ``soffice`` / ``libreoffice`` on PATH."""
    configured = os.environ.get("PHOIHOP_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_bytes: bytes, *, timeout: float = 180) -> bytes:
    """Convert a ``.docx`` to PDF with ``soffice --headless`` in a private temporary directory."""
    return to_pdfs([docx_bytes], timeout=timeout)[0]


def to_pdfs(documents: Sequence[bytes], *, timeout: float = 180) -> list[bytes]:
    """Convert several ``.docx`` files to PDF in one LibreOffice run (starting LibreOffice with a
    fresh profile costs more than converting a document), in the order given."""
    exe = soffice_path()
    if exe is None:
        raise LibreOfficeMissing(
            "LibreOffice is not installed (no soffice on PATH): install libreoffice-writer-nogui "
            "or set PHOIHOP_SOFFICE to convert documents to PDF."
        )
    with tempfile.TemporaryDirectory(prefix="phoihop-pdf-") as tmp:
        work = Path(tmp)
        sources = [work / f"document-{i}.docx" for i in range(len(documents))]
        for source, content in zip(sources, documents, strict=True):
            source.write_bytes(content)
        # A private profile lets several conversions run at once.
        profile = (work / "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(work), *map(str, sources)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice did not finish within {timeout:.0f} s.") from exc
        results = [source.with_suffix(".pdf") for source in sources]
        if proc.returncode != 0 or not all(result.exists() for result in results):
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()
            raise ConversionError(f"LibreOffice could not convert the document: {detail}")
        return [result.read_bytes() for result in results]
