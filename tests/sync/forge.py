"""Taking a valid bundle apart and putting it back together, as an attacker would."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from care_degraded.sync.bundle import (
    MAGIC,
    MANIFEST_CONTEXT,
    BundleContent,
    Sealed,
    encrypt,
    public_key_b64,
    split,
    write_bundle,
)
from care_degraded.sync.canonical import canonical, sha256_hex

__all__ = ["canonical"]
from care_degraded.sync.outbox import enrolment_of, make_bundle
from care_degraded.vault import Vault
from tests.conftest import NURSE
from tests.sync.kit import open_hub


def hub_identity(hub_dir: Path) -> tuple[Any, str]:
    with open_hub(hub_dir) as store:
        return store.identity, store.recipient


def bundle_from(vault_path: Path, records: int = 3) -> bytes:
    """A genuine bundle of the enrolled ward (its outbox, ``records`` more revisions first)."""
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        with v.transaction():
            for n in range(records):
                v.revisions.append("obs-test", None, {"n": n})
        with v.transaction():
            return make_bundle(v).data


def opened(data: bytes, hub_dir: Path) -> Sealed:
    identity, _ = hub_identity(hub_dir)
    return split(bytes(pyrage.decrypt(data, [identity])))


def reseal(sealed: Sealed, recipient: str, *, manifest: dict[str, Any] | None = None,
           body: bytes | None = None, key: Ed25519PrivateKey | None = None,
           signature: bytes | None = None) -> bytes:
    """Reassemble (optionally with another manifest, body or signing key) and encrypt."""
    manifest_bytes = canonical(manifest) if manifest is not None else sealed.manifest_bytes
    body = sealed.body if body is None else body
    header = dict(sealed.header, manifest_bytes=len(manifest_bytes))
    if key is not None:
        header["public_key"] = public_key_b64(key)
        signature = key.sign(MANIFEST_CONTEXT + manifest_bytes)
    sig = signature if signature is not None else sealed.signature
    inner = b"".join([MAGIC, canonical(header), b"\n", manifest_bytes, sig, body])
    return encrypt(inner, [recipient])


def altered_revision(sealed: Sealed, device_key: Ed25519PrivateKey, recipient: str) -> bytes:
    """Change one revision's payload, fix every hash and re-sign the manifest."""
    body = json.loads(sealed.body)
    body["revisions"][0]["payload"] = body["revisions"][0]["payload"].replace("0", "9")
    manifest = json.loads(sealed.manifest_bytes)
    new_hash = sha256_hex(canonical(body["revisions"][0]))
    manifest["revisions"][0]["sha256"] = new_hash
    raw = canonical(body)
    manifest["body_sha256"], manifest["body_bytes"] = sha256_hex(raw), len(raw)
    return reseal(sealed, recipient, manifest=manifest, body=raw, key=device_key)


def forged_content(vault_path: Path, **changes: Any) -> bytes:
    """A bundle signed by the ward's real key but with fields of the attacker's choosing."""
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        enrolment = enrolment_of(v)
        assert enrolment is not None
        from care_degraded.sync.enrolment import enrolment_proof

        key = v.signing_key()
        content = BundleContent(
            hub_id=enrolment.hub_id, enrolment_id=enrolment.enrolment_id,
            enrolment_proof=enrolment_proof(enrolment.secret, v.device.id,
                                            public_key_b64(key), v.vault_id),
            device_id=v.device.id, vault_id=v.vault_id, ward=v.ward, exercise=False,
            sequence=1, created_at="2026-12-02T00:00:00+00:00", previous_bundle_id=None,
            revisions=[], patients=[], forms=[],
            checkpoint={"audit_head": "1:" + "0" * 64, "revision_count": 0}, predecessors={})
        recipients = changes.pop("recipients", [enrolment.hub_recipient])
        content = replace(content, **changes)
        return write_bundle(content, key, recipients)[1]
