"""PDF from Word: LibreOffice headless in a private profile."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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
    exe = soffice_path()
    if exe is None:
        raise LibreOfficeMissing(
            "LibreOffice is not installed (no soffice on PATH): install libreoffice-writer-nogui "
            "or set PHOIHOP_SOFFICE to convert documents to PDF."
        )
    with tempfile.TemporaryDirectory(prefix="phoihop-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(docx_bytes)
        # A private profile lets several conversions run at once.
        profile = (work / "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)  # noqa: S603
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice did not finish within {timeout:.0f} s.") from exc
        result = work / "document.pdf"
        if proc.returncode != 0 or not result.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()
            raise ConversionError(f"LibreOffice could not convert the document: {detail}")
        return result.read_bytes()
