"""Text that must survive paper: numbers kept with their unit, French decimals, no cut words.

A dose such as "1 g/200 mg" must never print as "1 / g/200 mg", a time never as
"02:0 / 0", a name never as "EXUPÉR / Y". Words break only at spaces and at the
hyphens already in them; a word wider than its cell shrinks the font instead.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from care_degraded.domain.numbers import decimal_text
from care_degraded.printing.styles import esc

NBSP = "\u00a0"
# A number followed by a unit (or "h", "%", "/24 h"): the space between becomes unbreakable.
# Only a number standing alone: "mot0001 suite" is a word, not a quantity.
_NUMBER_UNIT = re.compile(r"\b(\d+)\s+(?=[^\W\d_]|%|°|µ|/)")
_UNIT_NUMBER = re.compile(r"(/)\s+(?=\d)")
# "5 000 UI": the space that groups thousands never ends a line either.
_THOUSANDS = re.compile(r"(?<![\d,.:])(\d{1,3})[ \u202f](?=\d{3}(?!\d))")
_BREAK = re.compile(r"[\s]+|(?<=-)")


def keep_units(text: str) -> str:
    """Decimals in French and a non-breaking space between every number and its unit
    (and inside a number grouped by thousands)."""
    text = decimal_text(text, "fr")
    while True:
        grouped = _THOUSANDS.sub(lambda m: m.group(1) + NBSP, text)
        if grouped == text:
            break
        text = grouped
    text = _NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP, text)
    return _UNIT_NUMBER.sub(lambda m: m.group(1) + NBSP, text)


def is_number(text: str) -> bool:
    try:
        Decimal(text.replace(",", "."))
    except InvalidOperation:
        return False
    return True


def longest_word(text: str, font: str, size: float) -> float:
    """Width of the widest piece of ``text`` that may not be broken."""
    plain = re.sub(r"<[^>]+>", "", text).replace("&amp;", "&").replace("&lt;", "<") \
        .replace("&gt;", ">")
    return max((stringWidth(w, font, size) for w in _BREAK.split(plain) if w), default=0.0)


def cell(text: str, style: ParagraphStyle, width: float, markup: bool = False,
         smallest: float = 5.5, padding: float = 12) -> Paragraph:
    """A Paragraph for a cell ``width`` wide (``padding``: the table's left plus right
    padding, reportlab's 6 + 6 unless the table sets less): breaks only between words or
    after a hyphen, numbers stay with their units, and the font shrinks until the widest
    word fits. A word too wide even at ``smallest`` is broken inside rather than drawn
    over the next cell: every character stays on the page."""
    body = text if markup else esc(keep_units(text))
    size = style.fontSize
    room = width - padding
    while size > smallest and longest_word(body, style.fontName, size) > room:
        size -= 0.5
    too_wide = longest_word(body, style.fontName, size) > room
    fitted = ParagraphStyle(f"{style.name}-{size}-{int(too_wide)}", parent=style,
                            fontSize=size, leading=size * style.leading / style.fontSize,
                            splitLongWords=int(too_wide), embeddedHyphenation=1,
                            hyphenationLang="")
    return CellParagraph(body, fitted)


class CellParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph that breaks the same way however often it is wrapped.

    reportlab 4 replaces ``frags`` by its split words on the first ``wrap``; when that
    wrap broke a word after its hyphen ("sous-" / "cutanée"), a second wrap at the
    same width (a table measures, then draws) glues the pieces back without the hyphen:
    "souscutanée". Every wrap here starts again from the parsed fragments.
    """

    def __init__(self, text: str, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        self._parsed: list[Any] = list(self.frags)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.frags = list(self._parsed)
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]
