"""Text that must survive paper: numbers kept with their unit, French decimals, no cut words.

A dose such as "1 g/200 mg" must never print as "1 / g/200 mg", a time never as
"02:0 / 0", a name never as "EXUPÉR / Y". Words break only at spaces and at the
hyphens already in them; a word wider than its cell shrinks the font instead.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from care_degraded.printing.styles import esc

NBSP = "\u00a0"
_DECIMAL = re.compile(r"(?<![\d.,:/])(\d+)\.(\d+)(?![\d.:])")
# A number followed by a unit (or "h", "%", "/24 h"): the space between becomes unbreakable.
_NUMBER_UNIT = re.compile(r"(\d)\s+(?=[^\W\d_]|%|°|µ|/)")
_UNIT_NUMBER = re.compile(r"(/)\s+(?=\d)")
_BREAK = re.compile(r"[\s]+|(?<=-)")


def fr_decimal(value: str | float | int | Decimal | None) -> str:
    """"2.5" -> "2,5"; a value is never rounded (its digits are kept as written)."""
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        text = format(Decimal(str(value)), "f") if isinstance(value, float) else format(value, "f")
    else:
        text = str(value)
    return _DECIMAL.sub(r"\1,\2", text)


def keep_units(text: str) -> str:
    """Decimals in French and a non-breaking space between every number and its unit."""
    text = fr_decimal(text)
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
         smallest: float = 5.5) -> Paragraph:
    """A Paragraph for a cell ``width`` wide: breaks only between words or after a hyphen,
    numbers stay with their units, and the font shrinks until the widest word fits."""
    body = text if markup else esc(keep_units(text))
    size = style.fontSize
    room = width - 4
    while size > smallest and longest_word(body, style.fontName, size) > room:
        size -= 0.5
    fitted = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size,
                            leading=size * style.leading / style.fontSize,
                            splitLongWords=0, embeddedHyphenation=1, hyphenationLang="")
    return Paragraph(body, fitted)
