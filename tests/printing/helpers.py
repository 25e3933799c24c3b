"""Shared helpers for the printing tests: text extraction, page images, QR decoding."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from care_degraded.printing.document import PageContext
from care_degraded.printing.identity import PatientLabel

KEY = bytes(range(32))


def context(key: bytes = KEY) -> PageContext:
    return PageContext(ward="Médecine B — Saint-Éloi", census="recensement de 14:05, il y a 2 h 10",
                       printed_at=datetime(2026, 11, 29, 3, 0, tzinfo=UTC),
                       printed_by="Inès Durand-Test (ide)", qr_key=key, device_prefix="AB12")


def label(name: str = "DUPONT-ÉLÉONORE (née MARTIN) Cœlestine", provisional: bool = False,
          pid: str = "11111111-2222-3333-4444-555555555555") -> PatientLabel:
    return PatientLabel(pid, name, "01/02/1950", "F", "" if provisional else "9001234",
                        "N° provisoire" if provisional else "IPP", "ch. 12, lit 2",
                        "Pénicilline (œdème, grave)", provisional)


def pages_text(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() or "" for page in reader.pages]


def all_text(pdf: bytes) -> str:
    return "\n".join(pages_text(pdf))


def squash(text: str) -> str:
    """Text with whitespace removed, so wrapped words still match."""
    return "".join(text.split())


def decode_qr(pdf_path: Path, page: int, workdir: Path) -> list[str]:
    """QR payloads found by zbar on one page rendered at 150 dpi."""
    if not shutil.which("pdftoppm") or not shutil.which("zbarimg"):
        pytest.skip("pdftoppm/zbarimg not installed (make system)")
    stem = workdir / f"p{page}"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf_path), str(stem)], check=True)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(stem) + ".png"],
                         capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line.strip()]


def words(pdf: bytes, page: int) -> list[dict[str, object]]:
    """Words of one page (1-based) with their boxes, in PDF points from the top-left."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return list(doc.pages[page - 1].extract_words(keep_blank_chars=False))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def render_page(pdf: bytes, page: int, workdir: Path, dpi: int = 72):  # type: ignore[no-untyped-def]
    """The page as a PIL image at ``dpi`` (72: one pixel per PDF point)."""
    from PIL import Image

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm not installed (make system)")
    src = workdir / "page.pdf"
    src.write_bytes(pdf)
    stem = workdir / f"r{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(src), str(stem)], check=True)
    return Image.open(str(stem) + ".png").convert("RGB")
