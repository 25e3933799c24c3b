"""Hub receipts: signed by the hub's key, verified by the ward before anything is acknowledged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from care_degraded.domain.errors import DamagedData, InvalidInput, Refused
from care_degraded.sync.bundle import load_public_key
from care_degraded.sync.canonical import b64, canonical, unb64

FORMAT = "care-degraded-receipt"
VERSION = 1
SUFFIX = ".receipt.json"
CONTEXT = b"care-degraded-receipt/1\n"
#: a receipt names at most a bundle's revisions; anything far larger is not one
MAX_BYTES = 64 * 1024 * 1024


def sign_receipt(body: dict[str, Any], key: Ed25519PrivateKey) -> bytes:
    """The receipt file: ``body`` plus the hub's signature over its canonical form."""
    content = {"format": FORMAT, "version": VERSION, **body}
    signature = key.sign(CONTEXT + canonical(content))
    return canonical({**content, "signature": b64(signature)}) + b"\n"


def verify_receipt(data: bytes, receipt_key: str, hub_id: str) -> dict[str, Any]:
    """The receipt's content once its signature and hub hold; DamagedData otherwise."""
    if len(data) > MAX_BYTES:
        raise InvalidInput("receipt larger than any receipt can be")
    try:
        content = json.loads(data)
        signature = unb64(str(content.pop("signature")))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InvalidInput("not a care-degraded receipt (unreadable)") from None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise InvalidInput("not a care-degraded receipt")
    try:
        load_public_key(receipt_key).verify(signature, CONTEXT + canonical(content))
    except InvalidSignature:
        raise DamagedData("receipt signature does not verify with the hub's key") from None
    if int(content.get("version", 0)) > VERSION:
        raise Refused("receipt written by a newer version of care-degraded")
    if content.get("hub_id") != hub_id:
        raise Refused("receipt from another hub than the one this machine is enrolled with")
    for name in ("accepted", "held", "conflicts"):
        if not isinstance(content.get(name), list):
            raise InvalidInput(f"receipt: {name} missing")
    return content


def read_receipt_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read receipt {path}: {exc.strerror}") from None
