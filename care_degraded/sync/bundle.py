"""The bundle format, version 1 (docs/bundle-format.md): writing and verifying.

Outer: an age file (X25519) to the hub and to IT's recovery key. Inner::

    b"care-degraded-bundle/1\n"
    header      canonical JSON, one line: device_id, enrolment_id, public_key, manifest_bytes
    b"\n"
    manifest    canonical JSON (manifest_bytes long)
    signature   64 bytes, Ed25519 over MANIFEST_CONTEXT + manifest, by the device key
    body        canonical JSON {"forms": [...], "patients": [...], "revisions": [...]}

Everything is checked before it is parsed: the header is small and bounded, the
manifest is parsed only once its signature holds, the body only once its SHA-256
matches the signed manifest.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from care_degraded.domain.errors import DamagedData, InvalidInput, Refused
from care_degraded.sync.canonical import b64, canonical, sha256_hex, unb64
from care_degraded.vault.revisions import signing_bytes

FORMAT = "care-degraded-bundle"
VERSION = 1
MAGIC = b"care-degraded-bundle/1\n"
MANIFEST_CONTEXT = b"care-degraded-bundle/1 manifest\n"
SIGNATURE_BYTES = 64
MAX_HEADER_BYTES = 4096
#: a bundle larger than this is refused before it is decrypted
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
SUFFIX = ".cdb.age"

_REVISION_FIELDS = ("seq", "uuid", "record_id", "kind", "patient_ref", "author", "device",
                    "created_at", "supersedes", "status", "payload", "signature")
_MANIFEST_FIELDS = ("format", "version", "bundle_id", "hub_id", "enrolment_id", "device_id",
                    "vault_id", "ward", "exercise", "sequence", "created_at",
                    "previous_bundle_id", "revisions", "checkpoint", "predecessors",
                    "enrolment_proof", "body_sha256", "body_bytes")


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return b64(pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def load_public_key(text: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(unb64(text))
    except (ValueError, TypeError):
        raise InvalidInput("not an Ed25519 public key") from None


def revision_hash(revision: dict[str, Any]) -> str:
    return sha256_hex(canonical(revision))


@dataclass(frozen=True)
class BundleContent:
    """What the ward puts in a bundle (revisions exactly as stored)."""

    hub_id: str
    enrolment_id: str
    enrolment_proof: str
    device_id: str
    vault_id: str
    ward: str
    exercise: bool
    sequence: int
    created_at: str
    previous_bundle_id: str | None
    revisions: Sequence[dict[str, Any]]
    patients: Sequence[dict[str, Any]]
    forms: Sequence[dict[str, Any]]
    checkpoint: dict[str, Any]
    predecessors: dict[str, str]  # device id -> public key (earlier devices of this vault)


def write_bundle(content: BundleContent, key: Ed25519PrivateKey,
                 recipients: Sequence[str], bundle_id: str | None = None) -> tuple[str, bytes]:
    """The encrypted bundle and its id."""
    bundle_id = bundle_id or str(uuidlib.uuid4())
    encoded = [canonical(r) for r in content.revisions]
    body = b"".join([b'{"forms":', canonical(list(content.forms)), b',"patients":',
                     canonical(list(content.patients)), b',"revisions":[',
                     b",".join(encoded), b"]}"])
    manifest = {
        "format": FORMAT, "version": VERSION, "bundle_id": bundle_id,
        "hub_id": content.hub_id, "enrolment_id": content.enrolment_id,
        "enrolment_proof": content.enrolment_proof, "device_id": content.device_id,
        "vault_id": content.vault_id, "ward": content.ward, "exercise": content.exercise,
        "sequence": content.sequence, "created_at": content.created_at,
        "previous_bundle_id": content.previous_bundle_id,
        "revisions": [{"uuid": r["uuid"], "record_id": r["record_id"],
                       "sha256": sha256_hex(e)} for r, e in zip(content.revisions, encoded,
                                                                strict=True)],
        "checkpoint": content.checkpoint,
        "predecessors": [{"device": d, "public_key": k}
                         for d, k in sorted(content.predecessors.items())],
        "body_sha256": sha256_hex(body), "body_bytes": len(body),
    }
    manifest_bytes = canonical(manifest)
    signature = key.sign(MANIFEST_CONTEXT + manifest_bytes)
    header = canonical({"device_id": content.device_id, "enrolment_id": content.enrolment_id,
                        "public_key": public_key_b64(key),
                        "manifest_bytes": len(manifest_bytes)})
    inner = b"".join([MAGIC, header, b"\n", manifest_bytes, signature, body])
    return bundle_id, encrypt(inner, recipients)


def encrypt(inner: bytes, recipients: Sequence[str]) -> bytes:
    try:
        parsed = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    except Exception as exc:  # pyrage raises its own types
        raise InvalidInput("not an age X25519 recipient") from exc
    return bytes(pyrage.encrypt(inner, parsed))


# -- reading ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sealed:
    """A decrypted bundle whose manifest signature is not checked yet."""

    header: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    body: bytes

    @property
    def device_id(self) -> str:
        return str(self.header["device_id"])

    @property
    def enrolment_id(self) -> str:
        return str(self.header["enrolment_id"])

    @property
    def public_key(self) -> str:
        return str(self.header["public_key"])


@dataclass(frozen=True)
class Opened:
    manifest: dict[str, Any]
    revisions: list[dict[str, Any]]
    patients: list[dict[str, Any]]
    forms: list[dict[str, Any]]
    hashes: dict[str, str]  # uuid -> sha256


def decrypt(data: bytes, identities: Sequence[Any], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if len(data) > max_bytes:
        raise InvalidInput(f"bundle larger than the limit ({max_bytes} bytes)")
    if not data.startswith(b"age-encryption.org/v1\n"):
        raise InvalidInput("not an age file (not a care-degraded bundle)")
    try:
        return bytes(pyrage.decrypt(data, list(identities)))
    except Exception:
        raise DamagedData("bundle cannot be decrypted: damaged, cut short, or addressed to "
                          "another hub") from None


def split(inner: bytes) -> Sealed:
    """The four parts of a decrypted bundle; only the small header is parsed."""
    if not inner.startswith(MAGIC):
        if inner.startswith(b"care-degraded-bundle/"):
            raise Refused("bundle written by a newer version of care-degraded")
        raise InvalidInput("not a care-degraded bundle (unknown inner format)")
    end = inner.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER_BYTES)
    if end < 0:
        raise InvalidInput("bundle header missing or too long")
    try:
        header = json.loads(inner[len(MAGIC):end])
        size = int(header["manifest_bytes"])
        for name in ("device_id", "enrolment_id", "public_key"):
            if not isinstance(header[name], str):
                raise TypeError(name)
    except (ValueError, KeyError, TypeError):
        raise InvalidInput("bundle header unreadable") from None
    if canonical(header) != inner[len(MAGIC):end]:
        # the header is not signed: only its one canonical spelling is accepted
        raise DamagedData("bundle header altered (not in its canonical form)")
    start = end + 1
    if size <= 0 or start + size + SIGNATURE_BYTES > len(inner):
        raise DamagedData("bundle cut short (manifest or signature missing)")
    manifest = inner[start:start + size]
    signature = inner[start + size:start + size + SIGNATURE_BYTES]
    return Sealed(header, manifest, signature, inner[start + size + SIGNATURE_BYTES:])


def verify_manifest(sealed: Sealed, key: Ed25519PublicKey) -> dict[str, Any]:
    """Check the device's signature, then parse the manifest."""
    try:
        key.verify(sealed.signature, MANIFEST_CONTEXT + sealed.manifest_bytes)
    except InvalidSignature:
        raise DamagedData("manifest signature does not verify with the device key") from None
    try:
        manifest = json.loads(sealed.manifest_bytes)
    except ValueError:
        raise InvalidInput("manifest unreadable") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InvalidInput("manifest: not a care-degraded bundle manifest")
    missing = [f for f in _MANIFEST_FIELDS if f not in manifest]
    if missing:
        raise InvalidInput(f"manifest: missing {', '.join(missing)}")
    if not isinstance(manifest["version"], int) or manifest["version"] > VERSION:
        raise Refused("bundle written by a newer version of care-degraded")
    if manifest["device_id"] != sealed.device_id or \
            manifest["enrolment_id"] != sealed.enrolment_id:
        raise DamagedData("manifest and bundle header name different devices")
    if not isinstance(manifest["sequence"], int) or manifest["sequence"] < 1:
        raise InvalidInput("manifest: the sequence number is not a positive integer")
    if not isinstance(manifest["revisions"], list) or not isinstance(manifest["exercise"], bool):
        raise InvalidInput("manifest: malformed fields")
    return manifest


KeyFor = Callable[[str], Ed25519PublicKey | None]


def open_body(sealed: Sealed, manifest: dict[str, Any], key_for: KeyFor) -> Opened:
    """Check the body against the manifest, then every revision's hash and signature."""
    if len(sealed.body) != manifest["body_bytes"] or \
            sha256_hex(sealed.body) != manifest["body_sha256"]:
        raise DamagedData("bundle content does not match its signed manifest")
    try:
        body = json.loads(sealed.body)
        revisions = body["revisions"]
        patients = body["patients"]
        forms = body["forms"]
        listed = {str(e["uuid"]): str(e["sha256"]) for e in manifest["revisions"]}
    except (ValueError, KeyError, TypeError):
        raise InvalidInput("bundle content unreadable") from None
    if not (isinstance(revisions, list) and isinstance(patients, list)
            and isinstance(forms, list)):
        raise InvalidInput("bundle content malformed")
    if len(listed) != len(manifest["revisions"]) or len(revisions) != len(listed):
        raise DamagedData("bundle revisions do not match the manifest")
    hashes: dict[str, str] = {}
    for rev in revisions:
        if not isinstance(rev, dict) or set(rev) != set(_REVISION_FIELDS):
            raise InvalidInput("a revision in the bundle lacks stored columns")
        uuid = str(rev["uuid"])
        digest = revision_hash(rev)
        if listed.get(uuid) != digest:
            raise DamagedData(f"revision {uuid} does not match its hash in the manifest")
        if not rev["signature"]:
            raise DamagedData(f"revision {uuid} has no signature")
        key = key_for(str(rev["device"]))
        if key is None:
            raise Refused(f"revision {uuid} comes from a device the hub cannot verify")
        try:
            key.verify(unb64(str(rev["signature"])), signing_bytes(
                uuid, rev["record_id"], rev["kind"], rev["patient_ref"], rev["author"],
                rev["device"], rev["created_at"], rev["supersedes"], rev["status"],
                rev["payload"]))
        except (InvalidSignature, ValueError, TypeError):
            raise DamagedData(f"revision {uuid} fails its signature") from None
        hashes[uuid] = digest
    if len(hashes) != len(listed):
        raise DamagedData("bundle revisions do not match the manifest")
    return Opened(manifest, revisions, patients, forms, hashes)
