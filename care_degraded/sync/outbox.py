"""The ward's side of sync: enrolment, the outbox, bundles, USB export, receipts.

A revision leaves the outbox only when a receipt signed by the hub names it.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from care_degraded.domain.clock import iso
from care_degraded.domain.errors import Refused
from care_degraded.sync.bundle import SUFFIX, BundleContent, public_key_b64, write_bundle
from care_degraded.sync.enrolment import Enrolment, enrolment_proof
from care_degraded.sync.receipts import verify_receipt
from care_degraded.vault import Vault
from care_degraded.vault.atomic import write_atomic
from care_degraded.vault.sync_state import SyncState

#: vault meta key: "1" on a training (exercise) vault, whose bundles only an exercise hub takes
EXERCISE_META = "exercise"


def is_exercise(vault: Vault) -> bool:
    return vault.meta(EXERCISE_META) == "1"


def enrolment_of(vault: Vault) -> Enrolment | None:
    data = SyncState(vault.conn).enrolment()
    return None if data is None else Enrolment.from_json(data)


def require_enrolment(vault: Vault) -> Enrolment:
    enrolment = enrolment_of(vault)
    if enrolment is None:
        raise Refused("this machine is not enrolled with a hub: run `care-degraded enroll`")
    return enrolment


def enroll(vault: Vault, enrolment: Enrolment, replace: bool = False) -> None:
    """Store the enrolment inside the vault (a manager or IT does it)."""
    vault.require_manager()
    if enrolment.exercise != is_exercise(vault):
        raise Refused("an exercise enrolment cannot be used on a production vault"
                      if enrolment.exercise else
                      "a production enrolment cannot be used on an exercise vault")
    if enrolment.ward.strip().casefold() != vault.ward.strip().casefold():
        raise Refused(f"this enrolment file is for the ward '{enrolment.ward}', "
                      f"this vault is '{vault.ward}'")
    with vault.transaction():
        state = SyncState(vault.conn)
        current = state.enrolment()
        if current is not None and not replace and \
                current.get("enrolment_id") != enrolment.enrolment_id:
            raise Refused("this machine is already enrolled with a hub (use --replace)")
        state.set_enrolment(enrolment.to_json())
        vault.audit.append("sync.enroll", f"{enrolment.hub_id}:{enrolment.enrolment_id}")


def status(vault: Vault) -> dict[str, Any]:
    state = SyncState(vault.conn)
    enrolment = enrolment_of(vault)
    last = state.last_bundle(vault.device.id)
    return {
        "enrolled": enrolment is not None,
        "pending": state.pending_count(),
        "last_receipt_at": state.last_receipt_at(),
        "last_sequence": last.sequence if last else 0,
        "last_acknowledged_sequence": state.last_acknowledged_sequence(vault.device.id),
        "device": vault.device.id,
        "ward": vault.ward,
        "hub_id": enrolment.hub_id if enrolment else None,
        "hub_url": enrolment.hub_url if enrolment else None,
        "exercise": is_exercise(vault),
    }


@dataclass(frozen=True)
class MadeBundle:
    bundle_id: str
    sequence: int
    revisions: int
    data: bytes
    file_name: str


def file_name(ward: str, device: str, sequence: int) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", ward).strip("_") or "ward"
    return f"{safe}-{device}-{sequence:06d}{SUFFIX}"


def make_bundle(vault: Vault, full: bool = False, keep: bool = False) -> MadeBundle:
    """Build the next bundle and record it. Call inside a vault transaction.

    Incremental by default: every revision not yet named in a receipt. ``keep``
    stores the encrypted bytes so that a push cut short sends the same bundle again.
    """
    enrolment = require_enrolment(vault)
    state = SyncState(vault.conn)
    device = vault.device.id
    last = state.last_bundle(device)
    sequence = (last.sequence if last else 0) + 1
    revisions = list(state.stored_revisions(pending_only=not full))
    key = vault.signing_key()
    public_key = public_key_b64(key)
    predecessors = {d: public_key_b64(Ed25519PrivateKey.from_private_bytes(k))
                    for d, k in state.device_keys() if d != device}
    content = BundleContent(
        hub_id=enrolment.hub_id, enrolment_id=enrolment.enrolment_id,
        enrolment_proof=enrolment_proof(enrolment.secret, device, public_key, vault.vault_id),
        device_id=device, vault_id=vault.vault_id, ward=vault.ward,
        exercise=is_exercise(vault), sequence=sequence, created_at=iso(vault.clock()),
        previous_bundle_id=last.bundle_id if last else None, revisions=revisions,
        patients=state.patients(str(r["patient_ref"]) for r in revisions if r["patient_ref"]),
        forms=state.form_definitions(),
        checkpoint={"audit_head": state.audit_head(), "revision_count": state.revision_count()},
        predecessors=predecessors)
    bundle_id, data = write_bundle(content, key, [enrolment.hub_recipient,
                                                  enrolment.recovery_recipient])
    state.record_bundle(device, sequence, bundle_id, content.previous_bundle_id,
                        content.created_at, len(revisions), data if keep else None)
    vault.audit.append("sync.bundle", f"{bundle_id}:{sequence}:{len(revisions)}")
    return MadeBundle(bundle_id, sequence, len(revisions), data,
                      file_name(vault.ward, device, sequence))


def export(vault: Vault, folder: Path, full: bool = False) -> dict[str, Any]:
    """Write the next bundle into ``folder`` atomically (a USB stick, a shared folder).

    The file appears under its final name only once complete and synced; the bundle
    is recorded in the same vault transaction, so a crash before the rename leaves
    neither a file nor a used sequence number.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(2, "no such folder", str(folder))
    _remove_stale_temporaries(folder)
    with vault.transaction():
        made = make_bundle(vault, full=full)
        target = folder / made.file_name
        write_atomic(target, made.data, mode=0o600)
    return {"file": str(target), "bundle_id": made.bundle_id, "sequence": made.sequence,
            "revisions": made.revisions, "bytes": len(made.data),
            "pending": SyncState(vault.conn).pending_count()}


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files an interrupted export left (never under a bundle's final name)."""
    for path in folder.glob(f".*{SUFFIX}.*.tmp"):
        with contextlib.suppress(OSError):
            os.unlink(path)


def apply_receipt(vault: Vault, data: bytes) -> dict[str, Any]:
    """Verify a hub receipt, then take the revisions it names out of the outbox."""
    enrolment = require_enrolment(vault)
    receipt = verify_receipt(data, enrolment.receipt_key, enrolment.hub_id)
    state = SyncState(vault.conn)
    devices = {d for d, _ in state.device_keys()}
    if receipt.get("device_id") not in devices:
        raise Refused("this receipt is for another ward machine")
    bundle_id = str(receipt.get("bundle_id"))
    if state.bundle(bundle_id) is None:
        raise Refused("this receipt names a bundle this machine did not write")
    states = {str(u): "accepted" for u in receipt["accepted"]}
    states.update({str(u): "held" for u in receipt["held"]})
    states.update({str(u): "conflict" for u in receipt["conflicts"]})
    with vault.transaction():
        added = state.acknowledge(bundle_id, states, str(receipt.get("received_at")))
        vault.audit.append("sync.receipt", f"{bundle_id}:{added}")
    return {"bundle_id": bundle_id, "sequence": receipt.get("sequence"),
            "acknowledged": added, "conflicts": len(receipt["conflicts"]),
            "pending": state.pending_count()}
