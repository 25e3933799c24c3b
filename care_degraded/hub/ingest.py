"""Receiving a bundle: verify everything before parsing, then one transaction.

Order: size cap, decrypt, the small header, the device (enrolled, not revoked, its
bound key), the manifest signature, hub id and exercise flag, the body's hash, each
revision's hash and signature. Only then is anything written, all in one
transaction: a refused bundle writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from care_degraded.domain.clock import iso, utcnow
from care_degraded.domain.errors import InvalidInput, Refused
from care_degraded.hub.store import HubStore
from care_degraded.sync.bundle import (
    DEFAULT_MAX_BYTES,
    Opened,
    decrypt,
    load_public_key,
    open_body,
    split,
    verify_manifest,
)
from care_degraded.sync.canonical import canonical, sha256_hex
from care_degraded.sync.enrolment import check_proof
from care_degraded.sync.receipts import sign_receipt

_CHUNK = 500


@dataclass
class Outcome:
    """What happened to one bundle."""

    bundle_id: str
    device: str
    sequence: int
    status: str  # accepted | duplicate
    accepted: int = 0
    held: int = 0
    conflicts: int = 0
    gaps: list[int] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    receipt: bytes = b""

    def to_json(self) -> dict[str, Any]:
        return {"bundle_id": self.bundle_id, "device": self.device, "sequence": self.sequence,
                "status": self.status, "accepted": self.accepted, "held": self.held,
                "conflicts": self.conflicts, "gaps": self.gaps, "alerts": self.alerts}


def ingest(store: HubStore, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Verify and store one bundle; a refusal raises a typed error and writes nothing."""
    sealed = split(decrypt(data, [store.identity], max_bytes))
    conn = store.conn
    device_row = conn.execute(
        "SELECT enrolment_id, public_key, revoked_at FROM devices WHERE id = ?",
        (sealed.device_id,)).fetchone()
    binding = device_row is None
    if device_row is not None:
        enrolment_id, bound_key, revoked = device_row
        if revoked is not None:
            raise Refused("bundle from a revoked device")
        if enrolment_id is None:
            raise Refused("bundle from a device that was never enrolled at this hub")
        if enrolment_id != sealed.enrolment_id:
            raise Refused("bundle names another enrolment than the one bound to its device")
        if bound_key != sealed.public_key:
            raise Refused("bundle signed by another key than the one bound to this device")
    else:
        enrolment = conn.execute("SELECT device_id, secret, ward FROM enrolments WHERE id = ?",
                                 (sealed.enrolment_id,)).fetchone()
        if enrolment is None:
            raise Refused("bundle from an unknown device (not enrolled at this hub)")
        if enrolment[0] is not None:
            raise Refused("this enrolment is already bound to another machine")
    key = load_public_key(sealed.public_key)
    manifest = verify_manifest(sealed, key)
    if manifest["hub_id"] != store.hub_id:
        raise Refused("bundle addressed to another hub")
    if manifest["exercise"] != store.exercise:
        raise Refused("exercise bundle refused by a production hub" if manifest["exercise"]
                      else "production bundle refused by an exercise hub")
    if binding and not check_proof(enrolment[1], sealed.device_id, sealed.public_key,
                                   str(manifest["vault_id"]), str(manifest["enrolment_proof"])):
        raise Refused("enrolment proof does not match: not made with this enrolment file")
    vouched = _predecessor_keys(store, manifest, sealed.device_id)

    def key_for(device: str) -> Ed25519PublicKey | None:
        if device == sealed.device_id:
            return key
        return vouched.get(device)

    opened = open_body(sealed, manifest, key_for)
    audit_seq, audit_hash, revision_count = _checkpoint(manifest)
    bundle_id = str(manifest["bundle_id"])
    known = conn.execute("SELECT receipt FROM bundles WHERE id = ?", (bundle_id,)).fetchone()
    if known is not None:
        return Outcome(bundle_id, sealed.device_id, int(manifest["sequence"]), "duplicate",
                       gaps=store.gaps(sealed.device_id), receipt=bytes(known[0]))
    with store.transaction():
        now = iso(utcnow())
        if binding:
            conn.execute(
                "INSERT INTO devices (id, enrolment_id, vault_id, ward, public_key, bound_at)"
                " VALUES (?, ?, ?, ?, ?, ?)", (sealed.device_id, sealed.enrolment_id,
                                               manifest["vault_id"], enrolment[2],
                                               sealed.public_key, now))
            conn.execute("UPDATE enrolments SET device_id = ? WHERE id = ?",
                         (sealed.device_id, sealed.enrolment_id))
            store.journal("device.bind", sealed.device_id)
        for device, public in _unknown_predecessors(store, manifest):
            conn.execute(
                "INSERT INTO devices (id, vault_id, ward, public_key, vouched_by, bound_at)"
                " VALUES (?, ?, ?, ?, ?, ?)", (device, manifest["vault_id"], manifest["ward"],
                                               public, sealed.device_id, now))
        alerts = _history_alerts(store, manifest, audit_seq, audit_hash, revision_count)
        accepted, held, conflicts = _store_revisions(store, opened, bundle_id, now)
        if conflicts:
            alerts.append(f"{len(conflicts)} revision(s) already held arrived with other "
                          "content (kept as conflicts)")
        _store_patients_and_forms(store, opened, sealed.device_id, bundle_id)
        sequence = int(manifest["sequence"])
        receipt = sign_receipt({
            "hub_id": store.hub_id, "bundle_id": bundle_id, "device_id": sealed.device_id,
            "sequence": sequence, "received_at": now, "status": "accepted",
            "accepted": accepted, "held": held, "conflicts": conflicts}, store.receipt_key)
        conn.execute(
            "INSERT INTO bundles (id, device_id, sequence, previous_id, created_at,"
            " received_at, received_by, audit_seq, audit_hash, revision_count, revisions,"
            " accepted, held, conflicts, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?, ?)",
            (bundle_id, sealed.device_id, sequence, manifest["previous_bundle_id"],
             str(manifest["created_at"]), now, store.login, audit_seq, audit_hash,
             revision_count, len(opened.revisions), len(accepted), len(held), len(conflicts),
             receipt))
        for alert in alerts:
            conn.execute("INSERT INTO alerts (device_id, bundle_id, kind, detail, at)"
                         " VALUES (?, ?, 'history', ?, ?)",
                         (sealed.device_id, bundle_id, alert, now))
        gaps = store.gaps(sealed.device_id)
    return Outcome(bundle_id, sealed.device_id, sequence, "accepted", len(accepted), len(held),
                   len(conflicts), gaps, alerts, receipt)


def _predecessor_keys(store: HubStore, manifest: dict[str, Any],
                      sender: str) -> dict[str, Ed25519PublicKey]:
    """Keys of the vault's earlier devices: the bound one when known, else as vouched."""
    keys: dict[str, Ed25519PublicKey] = {}
    try:
        listed = {str(p["device"]): str(p["public_key"]) for p in manifest["predecessors"]}
    except (KeyError, TypeError):
        raise InvalidInput("manifest: predecessors malformed") from None
    for device, public in listed.items():
        if device == sender:
            continue
        row = store.conn.execute("SELECT public_key FROM devices WHERE id = ?",
                                 (device,)).fetchone()
        keys[device] = load_public_key(str(row[0]) if row else public)
    return keys


def _unknown_predecessors(store: HubStore, manifest: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for p in manifest["predecessors"]:
        if store.conn.execute("SELECT 1 FROM devices WHERE id = ?",
                              (str(p["device"]),)).fetchone() is None:
            out.append((str(p["device"]), str(p["public_key"])))
    return out


def _checkpoint(manifest: dict[str, Any]) -> tuple[int, str, int]:
    try:
        head = str(manifest["checkpoint"]["audit_head"])
        seq_text, _, digest = head.partition(":")
        return int(seq_text or 0), digest, int(manifest["checkpoint"]["revision_count"])
    except (KeyError, TypeError, ValueError):
        raise InvalidInput("manifest: checkpoint malformed") from None


def _history_alerts(store: HubStore, manifest: dict[str, Any], audit_seq: int,
                    audit_hash: str, count: int) -> list[str]:
    """Signs that the ward's history changed after a checkpoint the hub holds."""
    conn, device, sequence = store.conn, str(manifest["device_id"]), int(manifest["sequence"])
    alerts = []
    if conn.execute("SELECT 1 FROM bundles WHERE device_id = ? AND sequence = ?",
                    (device, sequence)).fetchone():
        alerts.append(f"sequence {sequence} was already received in another bundle: the "
                      "ward's history went back (vault copied or rolled back)")
    backwards = conn.execute(
        "SELECT count(*) FROM bundles WHERE device_id = ? AND ("
        " (sequence < ? AND (audit_seq > ? OR revision_count > ?)) OR"
        " (sequence > ? AND (audit_seq < ? OR revision_count < ?)))",
        (device, sequence, audit_seq, count, sequence, audit_seq, count)).fetchone()[0]
    if backwards:
        alerts.append("the ward's audit log or revision count went backwards since an "
                      "earlier bundle")
    if conn.execute("SELECT 1 FROM bundles WHERE device_id = ? AND audit_seq = ?"
                    " AND audit_hash != ?", (device, audit_seq, audit_hash)).fetchone():
        alerts.append(f"audit head at row {audit_seq} differs from an earlier bundle's")
    previous = conn.execute("SELECT id FROM bundles WHERE device_id = ? AND sequence = ?",
                            (device, sequence - 1)).fetchone()
    if previous is not None and previous[0] != manifest["previous_bundle_id"]:
        alerts.append(f"bundle {sequence} does not follow the bundle {sequence - 1} held")
    return alerts


def _store_revisions(store: HubStore, opened: Opened, bundle_id: str,
                     now: str) -> tuple[list[str], list[str], list[str]]:
    conn = store.conn
    accepted: list[str] = []
    held: list[str] = []
    conflicts: list[str] = []
    rows = []
    clashes = []
    revs = opened.revisions
    for start in range(0, len(revs), _CHUNK):
        chunk = revs[start:start + _CHUNK]
        uuids = [str(r["uuid"]) for r in chunk]
        existing = dict(conn.execute(
            f"SELECT uuid, sha256 FROM received_revisions WHERE uuid IN ({', '.join('?' * len(uuids))})",
            uuids).fetchall())
        for rev, uuid in zip(chunk, uuids, strict=True):
            digest = opened.hashes[uuid]
            have = existing.get(uuid)
            if have is None:
                accepted.append(uuid)
                rows.append((uuid, rev["record_id"], rev["kind"], rev["patient_ref"],
                             rev["author"], rev["device"], rev["created_at"], rev["supersedes"],
                             rev["status"], rev["payload"], rev["signature"], int(rev["seq"]),
                             digest, bundle_id))
            elif have == digest:
                held.append(uuid)
            else:  # the same uuid with other content: kept for IT, never overwritten
                conflicts.append(uuid)
                clashes.append((uuid, digest, canonical(rev).decode("utf-8"), bundle_id, now))
    conn.executemany(
        "INSERT INTO received_revisions (uuid, record_id, kind, patient_ref, author, device, created_at,"
        " supersedes, status, payload, signature, ward_seq, sha256, bundle_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany(
        "INSERT OR IGNORE INTO conflicts (uuid, sha256, revision, bundle_id, received_at)"
        " VALUES (?, ?, ?, ?, ?)", clashes)
    return accepted, held, conflicts


def _store_patients_and_forms(store: HubStore, opened: Opened, device: str,
                              bundle_id: str) -> None:
    try:
        patients = [(str(p["id"]), sha256_hex(canonical(p)), device,
                     canonical(p).decode("utf-8"), bundle_id) for p in opened.patients]
        forms = [(str(f["url"]), str(f["version"]), str(f["sha256"]), str(f["definition"]))
                 for f in opened.forms]
    except (KeyError, TypeError):
        raise InvalidInput("bundle patients or forms malformed") from None
    store.conn.executemany(
        "INSERT OR IGNORE INTO patients (id, sha256, device_id, body, bundle_id)"
        " VALUES (?, ?, ?, ?, ?)", patients)
    store.conn.executemany(
        "INSERT OR IGNORE INTO forms (url, version, sha256, definition) VALUES (?, ?, ?, ?)",
        forms)
