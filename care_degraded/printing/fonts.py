"""The embedded font: DejaVu Sans, which covers every French character (é È œ ’ « »).

reportlab's built-in Helvetica has no œ or ’ in its standard encoding, so every
PDF embeds DejaVu. The fonts are shipped in ``resources/fonts`` (for the frozen
ward executable); the system copy installed by the Makefile (``fonts-dejavu-core``)
is the fallback, except in the frozen executable, which prints with the fonts it
carries only (the same sheets on every ward machine; a copy missing them says so).
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from care_degraded.config import is_frozen, resources_dir
from care_degraded.domain.errors import CareError

SANS = "CDSans"
SANS_BOLD = "CDSans-Bold"
SANS_ITALIC = "CDSans-Oblique"
MONO = "CDMono"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    MONO: "DejaVuSansMono.ttf",
}
SYSTEM_DIR = Path("/usr/share/fonts/truetype/dejavu")


class FontsMissing(CareError):
    """The DejaVu fonts are neither shipped nor installed: printing cannot start."""

    exit_code = 1
    code = "fonts_missing"


def font_dirs() -> list[Path]:
    """Where fonts are looked for, first match wins."""
    dirs = []
    override = os.environ.get("CARE_DEGRADED_FONTS")
    if override:
        dirs.append(Path(override))
    dirs.append(resources_dir() / "fonts")
    if not is_frozen():
        dirs.append(SYSTEM_DIR)
    return dirs


def _find(filename: str) -> Path:
    for folder in font_dirs():
        candidate = folder / filename
        if candidate.is_file():
            return candidate
    raise FontsMissing(
        f"font {filename} not found in resources/fonts nor {SYSTEM_DIR}: "
        "install fonts-dejavu-core (make system)")


_registered = False


def register_fonts() -> None:
    """Register the DejaVu family with reportlab once per process."""
    global _registered
    if _registered:
        return
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(_find(filename))))
    # <b> and <i> inside Paragraphs pick the right face.
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD)
    _registered = True
