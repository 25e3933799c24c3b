"""The keyslot file: the database key, wrapped once per user and once for IT.

Like LUKS: the 32-byte database key (DEK) is random and never typed. Each enrolled
user has a slot holding the DEK sealed with AES-256-GCM under a key derived from the
passphrase by Argon2id (parameters stored in the slot). The recovery slot is the DEK
sealed to IT's X25519 public key in the age format, so IT can also open it with the
standard ``age`` tool. A checksum over the file tells accidental damage apart from a
wrong passphrase (which fails only its slot's tag).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from care_degraded.domain.errors import (
    DamagedData,
    InvalidInput,
    Refused,
    UnknownUser,
    WrongPassphrase,
)
from care_degraded.vault.atomic import write_atomic

FORMAT = "care-degraded-keyslots"
FORMAT_VERSION = 1
KEYSLOT_FILE = "keyslots.json"
DEK_BYTES = 32
NONCE_BYTES = 12
WRAPPED_BYTES = DEK_BYTES + 16  # the key and its GCM tag
MAX_FILE = 1 << 20  # a keyslot file is a few kilobytes
#: what a slot may ask of the KDF (the floor is 64 MiB and 3 passes)
KDF_BOUNDS = {"memory_kib": (64 * 1024, 4 * 1024 * 1024), "iterations": (3, 16),
              "lanes": (1, 16)}


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters; the floor is 64 MiB, 3 passes.

    The default, 128 MiB, puts an unlock at about 0.3-0.4 s on a ward PC: slow
    enough to make guessing costly, quick enough for a nurse at 3 a.m.
    """

    memory_kib: int = 131072
    iterations: int = 3
    lanes: int = 4
    salt: bytes = b""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
            "salt": _b64(self.salt),
        }

    @classmethod
    def from_json(cls, data: Any) -> KdfParams:
        """Parameters read from a slot, refused as damage outside sane bounds.

        Checked before the KDF ever runs: 8 KiB of memory, 0 lanes or a million
        passes in a slot would hang or weaken the unlock.
        """
        if not isinstance(data, dict) or data.get("name") != "argon2id":
            raise DamagedData("keyslot file: unknown key derivation")
        values = {}
        for name, (low, high) in KDF_BOUNDS.items():
            value = data.get(name)
            if type(value) is not int or not low <= value <= high:
                raise DamagedData(f"keyslot file is damaged (key derivation {name} out of "
                                  f"bounds {low}..{high})")
            values[name] = value
        salt = _unb64(data.get("salt"))
        if not 16 <= len(salt) <= 64:
            raise DamagedData("keyslot file is damaged (salt of the wrong size)")
        return cls(memory_kib=values["memory_kib"], iterations=values["iterations"],
                   lanes=values["lanes"], salt=salt)

    def derive(self, passphrase: str) -> bytes:
        kdf = Argon2id(
            salt=self.salt,
            length=32,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(passphrase.encode("utf-8"))


@dataclass(frozen=True)
class UserSlot:
    id: str
    kdf: KdfParams
    nonce: bytes
    wrapped: bytes
    #: a short MAC of the derived key: with the right passphrase it matches, so a
    #: slot whose key then fails to unwrap is damaged, not a wrong guess
    check: bytes | None = None

    def to_json(self) -> dict[str, Any]:
        body = {
            "id": self.id,
            "kdf": self.kdf.to_json(),
            "aead": "aes-256-gcm",
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }
        if self.check is not None:
            body["check"] = _b64(self.check)
        return body


@dataclass(frozen=True)
class RecoverySlot:
    recipient: str
    sealed: str  # an ASCII-armoured age file

    def to_json(self) -> dict[str, Any]:
        return {"type": "age-x25519", "recipient": self.recipient, "sealed": self.sealed}


@dataclass(frozen=True)
class KeyslotFile:
    vault_id: str
    ward: str
    schema_version: int
    slots: tuple[UserSlot, ...] = ()
    recovery: RecoverySlot | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    # -- slots ---------------------------------------------------------------
    def slot_id(self, login: str) -> str:
        """Slots are named by a hash so that logins are not readable in the file."""
        return hashlib.sha256(f"{self.vault_id}:{login}".encode()).hexdigest()[:32]

    def has_user(self, login: str) -> bool:
        sid = self.slot_id(login)
        return any(s.id == sid for s in self.slots)

    def with_user(self, login: str, passphrase: str, dek: bytes,
                  params: KdfParams | None = None) -> KeyslotFile:
        """A copy with ``login``'s slot added or replaced (rewrap only, the DEK stays)."""
        base = params or KdfParams()
        kdf = replace(base, salt=os.urandom(16))
        sid = self.slot_id(login)
        nonce = os.urandom(12)
        kek = kdf.derive(passphrase)
        wrapped = AESGCM(kek).encrypt(nonce, dek, self._aad(sid, kdf))
        slot = UserSlot(sid, kdf, nonce, wrapped, _slot_check(kek))
        others = tuple(s for s in self.slots if s.id != sid)
        return replace(self, slots=others + (slot,))

    def without_user(self, login: str) -> KeyslotFile:
        sid = self.slot_id(login)
        return replace(self, slots=tuple(s for s in self.slots if s.id != sid))

    def unwrap(self, login: str, passphrase: str) -> bytes:
        """The DEK, or WrongPassphrase / UnknownUser."""
        sid = self.slot_id(login)
        slot = next((s for s in self.slots if s.id == sid), None)
        if slot is None:
            # Spend the same time as a real slot so that timing does not tell which
            # logins exist.
            KdfParams(salt=hashlib.sha256(sid.encode()).digest()[:16]).derive(passphrase)
            raise UnknownUser("unknown user or wrong passphrase")
        kek = slot.kdf.derive(passphrase)
        right = slot.check is not None and hmac.compare_digest(slot.check, _slot_check(kek))
        if slot.check is not None and not right:
            raise WrongPassphrase("wrong passphrase")
        try:
            dek = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, self._aad(sid, slot.kdf))
        except InvalidTag:
            if right:
                raise DamagedData("keyslot file is damaged (the key does not unwrap)") from None
            raise WrongPassphrase("wrong passphrase") from None
        if len(dek) != DEK_BYTES:
            raise DamagedData("keyslot file: key of the wrong size")
        return dek

    def _aad(self, sid: str, kdf: KdfParams) -> bytes:
        meta = json.dumps(kdf.to_json(), sort_keys=True)
        return f"{FORMAT}/{FORMAT_VERSION}|{self.vault_id}|{sid}|{meta}".encode()

    # -- recovery --------------------------------------------------------------
    def with_recovery(self, recipient: str, dek: bytes) -> KeyslotFile:
        try:
            rcpt = pyrage.x25519.Recipient.from_str(recipient.strip())
        except Exception as exc:  # pyrage raises its own error types
            raise InvalidInput("recovery public key: not an age X25519 recipient") from exc
        body = json.dumps({"vault_id": self.vault_id, "dek_hex": dek.hex()}).encode()
        sealed = pyrage.encrypt(body, [rcpt], armored=True).decode("ascii")
        return replace(self, recovery=RecoverySlot(recipient.strip(), sealed))

    def open_recovery(self, identity_text: str) -> bytes:
        if self.recovery is None:
            raise DamagedData("keyslot file has no recovery slot")
        identities = []
        for line in identity_text.splitlines():
            line = line.strip()
            if line.startswith("AGE-SECRET-KEY-"):
                try:
                    identities.append(pyrage.x25519.Identity.from_str(line))
                except Exception as exc:
                    raise InvalidInput("recovery key file: not an age identity") from exc
        if not identities:
            raise InvalidInput("recovery key file: no AGE-SECRET-KEY line")
        try:
            body = pyrage.decrypt(self.recovery.sealed.encode("ascii"), identities)
        except Exception:
            raise WrongPassphrase("recovery key does not open this vault") from None
        try:
            data = json.loads(body)
            dek = bytes.fromhex(data["dek_hex"])
        except (ValueError, KeyError, TypeError):
            raise DamagedData("recovery slot: unreadable content") from None
        if data.get("vault_id") != self.vault_id or len(dek) != DEK_BYTES:
            raise DamagedData("recovery slot belongs to another vault")
        return dek

    # -- file ------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        body: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "ward": self.ward,
            "schema_version": self.schema_version,
            "slots": [s.to_json() for s in self.slots],
            "recovery": self.recovery.to_json() if self.recovery else None,
            **({"extra": self.extra} if self.extra else {}),
        }
        body["checksum"] = _checksum(body)
        return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode("utf-8")

    def save(self, folder: Path) -> None:
        write_atomic(Path(folder) / KEYSLOT_FILE, self.to_bytes())

    @classmethod
    def load(cls, folder: Path) -> KeyslotFile:
        path = Path(folder) / KEYSLOT_FILE
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise DamagedData(f"keyslot file missing: {path}") from None
        return cls.from_bytes(raw)

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyslotFile:
        if len(raw) > MAX_FILE:
            raise DamagedData("keyslot file is damaged (far too large)")
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise DamagedData("keyslot file is damaged (not readable)") from None
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise DamagedData("keyslot file is damaged (unknown format)")
        if body.get("checksum") != _checksum({k: v for k, v in body.items() if k != "checksum"}):
            raise DamagedData("keyslot file is damaged (checksum mismatch)")
        version = body.get("version")
        if type(version) is not int or version < 1:
            raise DamagedData("keyslot file is damaged (bad version)")
        if version > FORMAT_VERSION:
            raise Refused("keyslot file written by a newer version of care-degraded")
        try:
            if not isinstance(body["slots"], list):
                raise TypeError("slots")
            slots = tuple(_slot(s) for s in body["slots"])
            rec = body.get("recovery")
            recovery = RecoverySlot(str(rec["recipient"]), str(rec["sealed"])) if rec else None
            return cls(
                vault_id=str(body["vault_id"]),
                ward=str(body["ward"]),
                schema_version=int(body["schema_version"]),
                slots=slots,
                recovery=recovery,
                extra=dict(body.get("extra") or {}),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise DamagedData("keyslot file is damaged (missing fields)") from None


def _slot(data: Any) -> UserSlot:
    if not isinstance(data, dict):
        raise TypeError("slot")
    check = data.get("check")
    slot = UserSlot(id=str(data["id"]), kdf=KdfParams.from_json(data["kdf"]),
                    nonce=_unb64(data["nonce"]), wrapped=_unb64(data["wrapped"]),
                    check=None if check is None else _unb64(check))
    if len(slot.nonce) != NONCE_BYTES or len(slot.wrapped) != WRAPPED_BYTES or (
            slot.check is not None and len(slot.check) != 16):
        raise DamagedData("keyslot file is damaged (a slot has fields of the wrong size)")
    return slot


def _slot_check(kek: bytes) -> bytes:
    return hmac.new(kek, b"care-degraded/slot-check", hashlib.sha256).digest()[:16]


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise DamagedData("keyslot file is damaged (bad encoding)")
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        raise DamagedData("keyslot file is damaged (bad encoding)") from None
