"""Every revision read is checked against its device's signature.

An unlocked vault registers its device's public key here, with the first sequence
number from which revisions must be signed (revisions written before schema 3 have
no signature and are reported as older unsigned; one without a signature after
that point was tampered with). Reading a revision whose signature fails raises
DamagedData, so a "dose x10" edited into the database is never shown as genuine.

What this proves, and what not: an edit made without the device key breaks the
signature. The key sits in the same encrypted database, so someone holding the
database key can re-sign; that is only seen against a checkpoint kept outside the
vault (the audit head printed on paper, the hub's copy of the history).
"""

from __future__ import annotations

import base64
import binascii
import threading
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from care_degraded.domain.errors import DamagedData

META_SIGNED_FROM = "signed_from_seq"


@dataclass
class _DeviceKey:
    key: Ed25519PublicKey
    signed_from: int
    seen: set[tuple[int, str]] = field(default_factory=set)  # (seq, signature) verified


_KEYS: dict[str, _DeviceKey] = {}
_LOCK = threading.Lock()


def register(device: str, key: Ed25519PublicKey, signed_from: int) -> None:
    """Check every revision of ``device`` read from now on in this process."""
    with _LOCK:
        _KEYS[device] = _DeviceKey(key, signed_from)


def check(seq: int, device: str, signature: str | None, message: bytes) -> None:
    """DamagedData unless the revision's signature holds (or it predates signing)."""
    known = _KEYS.get(device)
    if known is None:
        return
    if signature is None:
        if seq >= known.signed_from:
            raise DamagedData(f"revision {seq} has no signature: it was tampered with")
        return
    if (seq, signature) in known.seen:
        return
    try:
        known.key.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, ValueError, binascii.Error):
        raise DamagedData(f"revision {seq} fails its signature: it was tampered with") from None
    known.seen.add((seq, signature))
