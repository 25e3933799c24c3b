"""Numbers as a person reads them: the language's decimal separator, nothing rounded.

One function for the screen and the paper, so that a dose never reads "3.75 mg" on one
and "3,75 mg" on the other. French writes a decimal comma, English a decimal point. The
digits are kept exactly as stored: a value typed "0.50" stays "0,50".
"""

from __future__ import annotations

import re
from decimal import Decimal

#: the decimal separator of each interface language
SEPARATORS = {"fr": ",", "en": "."}
# A lone decimal separator between digits: not one inside a version, a date or a time
# ("v1.2.3", "02.12.2026", "12:30.5" are left as written).
_DECIMAL = re.compile(r"(?<![\d.,:/])(\d+)[.,](\d+)(?![\d.,:])")


def separator(lang: str) -> str:
    """The decimal separator of ``lang`` (French when the language is unknown)."""
    return SEPARATORS.get(lang[:2].lower(), SEPARATORS["fr"])


def decimal_text(value: object, lang: str = "fr") -> str:
    """``value`` written with ``lang``'s decimal separator.

    Numbers are written in full (no exponent, no rounding: ``3.75`` -> "3,75" in French);
    text such as a prescription's dose ("3.75 mg PO", "0,5-1 g") gets the separator
    changed wherever it stands alone between two digits (a version "v1.2.3" or a date
    "02.12.2026" is left as written). Anything else is ``str(value)``."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
    elif isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, int):
        return str(value)
    else:
        text = str(value)
    sep = separator(lang)
    return _DECIMAL.sub(lambda m: f"{m.group(1)}{sep}{m.group(2)}", text)
