"""The enrolment file IT gives one ward machine, and the proof bound at first bundle."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from care_degraded.domain.errors import InvalidInput, Refused
from care_degraded.sync.canonical import canonical

FORMAT = "care-degraded-enrolment"
VERSION = 1


@dataclass(frozen=True)
class Enrolment:
    enrolment_id: str
    hub_id: str
    hub_url: str | None
    hub_recipient: str  # age X25519 recipient of the hub
    recovery_recipient: str  # IT's recovery key: every bundle opens with it too
    receipt_key: str  # Ed25519 public key (base64) that signs receipts
    tls_fingerprint: str | None  # SHA-256 of the hub certificate (DER), hex
    tls_certificate: str | None  # the certificate itself (PEM), the only one trusted
    ward: str
    secret: str  # one-time enrolment secret (hex)
    exercise: bool
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, **asdict(self)}

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: Any) -> Enrolment:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InvalidInput("not a care-degraded enrolment file")
        if int(data.get("version", 0)) > VERSION:
            raise Refused("enrolment file written by a newer version of care-degraded")
        try:
            return cls(
                enrolment_id=str(data["enrolment_id"]), hub_id=str(data["hub_id"]),
                hub_url=None if data.get("hub_url") is None else str(data["hub_url"]),
                hub_recipient=str(data["hub_recipient"]),
                recovery_recipient=str(data["recovery_recipient"]),
                receipt_key=str(data["receipt_key"]),
                tls_fingerprint=_opt(data.get("tls_fingerprint")),
                tls_certificate=_opt(data.get("tls_certificate")),
                ward=str(data["ward"]), secret=str(data["secret"]),
                exercise=bool(data["exercise"]), created_at=str(data["created_at"]))
        except (KeyError, TypeError, ValueError):
            raise InvalidInput("enrolment file: missing or malformed fields") from None

    @classmethod
    def read(cls, path: Path) -> Enrolment:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise InvalidInput(f"cannot read enrolment file {path}: {exc.strerror}") from None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise InvalidInput("enrolment file unreadable (not JSON)") from None
        return cls.from_json(data)


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def enrolment_proof(secret: str, device_id: str, public_key: str, vault_id: str) -> str:
    """HMAC of the device binding under the one-time secret (shows the file was held)."""
    return hmac.new(bytes.fromhex(secret), canonical([device_id, public_key, vault_id]),
                    hashlib.sha256).hexdigest()


def check_proof(secret: str, device_id: str, public_key: str, vault_id: str,
                proof: str) -> bool:
    return hmac.compare_digest(enrolment_proof(secret, device_id, public_key, vault_id),
                               str(proof))
