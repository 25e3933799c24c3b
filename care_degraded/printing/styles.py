"""Paragraph styles and measures shared by every renderer."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from care_degraded.printing.fonts import MONO, SANS, SANS_BOLD, register_fonts

register_fonts()

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 12 * mm
HEADER_HEIGHT = 31 * mm
FOOTER_HEIGHT = 26 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN

#: Rows of free text (handovers, notes) taller than what is left of a page split inside
#: the row, each part at least this tall; shorter rows move whole to the next page.
SPLIT_IN_ROW = 40

GRID = colors.Color(0.35, 0.35, 0.35)
SHADE = colors.Color(0.86, 0.86, 0.86)
LIGHT = colors.Color(0.94, 0.94, 0.94)
BAND = colors.Color(0.72, 0.0, 0.0)
PROVISIONAL = colors.Color(0.85, 0.3, 0.0)

BODY = ParagraphStyle("body", fontName=SANS, fontSize=9, leading=11.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9)
HINT = ParagraphStyle("hint", parent=SMALL, textColor=colors.Color(0.3, 0.3, 0.3))
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8.5, leading=10)
CELL_BOLD = ParagraphStyle("cell-bold", parent=CELL, fontName=SANS_BOLD)
CELL_CENTER = ParagraphStyle("cell-center", parent=CELL, alignment=TA_CENTER)
TITLE = ParagraphStyle("title", parent=BODY, fontName=SANS_BOLD, fontSize=14, leading=17,
                       spaceAfter=4)
H2 = ParagraphStyle("h2", parent=BODY, fontName=SANS_BOLD, fontSize=11, leading=14,
                    spaceBefore=6, spaceAfter=3)
H3 = ParagraphStyle("h3", parent=BODY, fontName=SANS_BOLD, fontSize=9.5, leading=12,
                    spaceBefore=4, spaceAfter=2)
MONO_SMALL = ParagraphStyle("mono", parent=SMALL, fontName=MONO)


def esc(text: object) -> str:
    """Text safe inside a reportlab Paragraph (which parses a little XML)."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))

#: Landscape pages (MAR, flowsheet over a period): one grid across the long side.
LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT = PAGE_HEIGHT, PAGE_WIDTH
LANDSCAPE_FRAME_WIDTH = LANDSCAPE_WIDTH - 2 * MARGIN
LANDSCAPE_FRAME_HEIGHT = LANDSCAPE_HEIGHT - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT
SEVERE = colors.Color(0.65, 0.0, 0.0)
ASK = colors.Color(0.85, 0.45, 0.0)
