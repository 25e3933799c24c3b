"""Authenticated QR codes on paper.

Every printed page carries a QR code naming the form (url and version), the
patient (internal id) and a sheet serial. At back-entry, scanning it opens the
right patient and form; a code typed or printed by someone else is refused,
because it carries a MAC keyed from the vault (``vault.mac_key("print-qr")``).

Payload text (ASCII only, so every scanner returns it byte for byte)::

    CD1|<form url>|<form version>|<patient id>|<sheet serial>|<tag>

Fields are percent-encoded; a form url under our canonical base is written
``*id`` (``*`` is never left bare by the encoding, so this is unambiguous) to keep
the code small: every page gets one, and a smaller code is faster to draw and
easier to scan. ``tag`` is HMAC-SHA256 over everything before the last ``|``,
truncated to 16 bytes, base64url without padding.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import itertools
from dataclasses import dataclass
from urllib.parse import quote, unquote

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

from care_degraded.domain.errors import DamagedData

PREFIX = "CD1"
MAC_PURPOSE = "print-qr"
TAG_BYTES = 16
_SAFE = ":/.-_~"
#: Where our own Questionnaires live (see forms/); shortened to ``*`` in codes.
CANONICAL_BASE = "https://care-degraded.example/fhir/Questionnaire/"


@dataclass(frozen=True)
class SheetClaims:
    """What a printed QR code says: form, patient and sheet."""

    form_url: str
    form_version: str
    patient_id: str  # "" for a sheet not tied to a patient (blank admission form...)
    serial: str

    def fields(self) -> tuple[str, str, str, str]:
        return (self.form_url, self.form_version, self.patient_id, self.serial)


def _tag(key: bytes, body: str) -> str:
    digest = hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()[:TAG_BYTES]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def encode(claims: SheetClaims, key: bytes) -> str:
    """The text to put in the QR code."""
    fields = [quote(f, safe=_SAFE) for f in claims.fields()]
    if claims.form_url.startswith(CANONICAL_BASE):
        fields[0] = "*" + quote(claims.form_url[len(CANONICAL_BASE):], safe=_SAFE)
    body = "|".join([PREFIX, *fields])
    return f"{body}|{_tag(key, body)}"


def verify(payload: str, key: bytes) -> SheetClaims:
    """The claims of a scanned payload; DamagedData (exit 4) if forged or altered."""
    text = payload.strip()
    body, sep, tag = text.rpartition("|")
    parts = body.split("|")
    if not sep or len(parts) != 5 or parts[0] != PREFIX:
        raise DamagedData("not a care_degraded sheet code")
    try:
        expected = _tag(key, body)
    except UnicodeEncodeError:
        raise DamagedData("not a care_degraded sheet code") from None
    if not hmac.compare_digest(expected, tag):
        raise DamagedData("the sheet code does not verify: forged, altered or from another vault")
    url, version, patient, serial = (unquote(p) for p in parts[1:])
    if parts[1].startswith("*"):
        url = CANONICAL_BASE + unquote(parts[1][1:])
    return SheetClaims(url, version, patient, serial)


#: Mask pattern used for every code. Choosing the "best" of the eight masks, as
#: reportlab's widget does, costs eight full encodings in pure Python (~70 ms a
#: page); any mask gives a valid code, and zbar reads ours at 150 dpi.
MASK = 2
BORDER = 2  # quiet zone, in modules

# reportlab rebuilds the Reed-Solomon generator polynomial for every block of every
# code (two thirds of the encoding time). It depends only on the block's length and
# is never mutated (``mod`` builds new polynomials), so it is cached once.
if not hasattr(qrencoder.QRUtil.getErrorCorrectPolynomial, "cache_info"):
    qrencoder.QRUtil.getErrorCorrectPolynomial = staticmethod(
        functools.lru_cache(maxsize=64)(qrencoder.QRUtil.getErrorCorrectPolynomial))


def matrix(payload: str) -> list[list[bool]]:
    """The QR module matrix of ``payload`` (error correction level M)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QR8bitByte(payload))
    code.version = code.calculate_version()
    code.makeImpl(False, MASK)
    return [[bool(m) for m in row] for row in code.modules]


def draw(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR code with its lower-left corner at (x, y), ``size`` points wide."""
    modules = matrix(payload)
    count = len(modules)
    box = size / (count + 2 * BORDER)
    # One filled path in module units (integers): a few hundred "re" operators
    # written directly, instead of thousands of float-formatted shapes.
    ops = []
    for r, row in enumerate(modules):
        c = 0
        for dark, run in itertools.groupby(row):
            n = len(list(run))
            if dark:
                ops.append(f"{c + BORDER} {count - r - 1 + BORDER} {n} 1 re")
            c += n
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(box, box)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()
