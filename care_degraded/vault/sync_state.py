"""The ward's side of sync inside the vault: outbox, bundles sent, receipts applied.

SQL on the revisions table stays here (in vault/): the sync package asks these
functions and never reads the tables itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from care_degraded.vault.connection import Connection

ENROLMENT_KEY = "sync.enrolment"
LAST_RECEIPT_KEY = "sync.last_receipt_at"

#: every stored column of a revision, in the order they are sent
REVISION_COLUMNS = ("seq", "uuid", "record_id", "kind", "patient_ref", "author", "device",
                    "created_at", "supersedes", "status", "payload", "signature")
_PATIENT_SKIP = frozenset({"search_terms", "search_phonetic"})


@dataclass(frozen=True)
class SentBundle:
    device: str
    sequence: int
    bundle_id: str
    previous_id: str | None
    created_at: str
    revisions: int
    acknowledged_at: str | None
    data: bytes | None


class SyncState:
    """Reads and writes the sync tables of one vault connection."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    # -- outbox ----------------------------------------------------------------------
    def pending_count(self) -> int:
        row = self._conn.execute(
            "SELECT count(*) FROM revisions r LEFT JOIN sync_acks a ON a.uuid = r.uuid"
            " WHERE a.uuid IS NULL").fetchone()
        return int(row[0])

    def stored_revisions(self, pending_only: bool = True) -> Iterator[dict[str, Any]]:
        """Revisions exactly as stored (every column), oldest first."""
        cols = ", ".join(f"r.{c}" for c in REVISION_COLUMNS)
        sql = f"SELECT {cols} FROM revisions r"
        if pending_only:
            sql += " LEFT JOIN sync_acks a ON a.uuid = r.uuid WHERE a.uuid IS NULL"
        for row in self._conn.execute(sql + " ORDER BY r.seq"):
            yield dict(zip(REVISION_COLUMNS, row, strict=True))

    def revision_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM revisions").fetchone()[0])

    def patients(self, refs: Iterable[str]) -> list[dict[str, Any]]:
        """The patients named by revisions: ward-made ones in full, census ones by IPP/INS."""
        wanted = sorted({r for r in refs if r})
        cols = [str(r[1]) for r in self._conn.execute("PRAGMA table_info(patients)")]
        keep = [c for c in cols if c not in _PATIENT_SKIP]
        found: list[dict[str, Any]] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self._conn.execute(
                    f"SELECT {', '.join(keep)} FROM patients WHERE id IN ({marks})", chunk):
                data = dict(zip(keep, row, strict=True))
                if data.get("origin") == "census":
                    data = {"id": data["id"], "origin": "census", "ipp": data.get("ipp"),
                            "ins": data.get("ins"), "ins_system": data.get("ins_system")}
                found.append(data)
        return found

    def form_definitions(self) -> list[dict[str, Any]]:
        return [{"url": u, "version": v, "sha256": s, "definition": d}
                for u, v, s, d in self._conn.execute(
                    "SELECT url, version, sha256, definition FROM form_definitions"
                    " ORDER BY url, version")]

    def audit_head(self) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        return "" if row is None else str(row[0])

    def device_keys(self) -> list[tuple[str, bytes]]:
        """(device id, raw Ed25519 private key) of every device this vault has had."""
        return [(str(i), bytes(k)) for i, k in self._conn.execute(
            "SELECT id, signing_key FROM device ORDER BY created_at, id")]

    # -- enrolment -------------------------------------------------------------------------
    def enrolment(self) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?",
                                 (ENROLMENT_KEY,)).fetchone()
        if row is None:
            return None
        value: dict[str, Any] = json.loads(row[0])
        return value

    def set_enrolment(self, data: dict[str, Any] | None) -> None:
        if data is None:
            self._conn.execute("DELETE FROM meta WHERE key = ?", (ENROLMENT_KEY,))
            return
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (ENROLMENT_KEY, json.dumps(data, sort_keys=True)))

    def last_receipt_at(self) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?",
                                 (LAST_RECEIPT_KEY,)).fetchone()
        return None if row is None else str(row[0])

    # -- bundles ----------------------------------------------------------------------------
    def last_bundle(self, device: str) -> SentBundle | None:
        row = self._conn.execute(
            "SELECT device, sequence, bundle_id, previous_id, created_at, revisions,"
            " acknowledged_at, data FROM sync_bundles WHERE device = ?"
            " ORDER BY sequence DESC LIMIT 1", (device,)).fetchone()
        return None if row is None else _bundle(row)

    def bundle(self, bundle_id: str) -> SentBundle | None:
        row = self._conn.execute(
            "SELECT device, sequence, bundle_id, previous_id, created_at, revisions,"
            " acknowledged_at, data FROM sync_bundles WHERE bundle_id = ?",
            (bundle_id,)).fetchone()
        return None if row is None else _bundle(row)

    def unacknowledged_with_data(self, device: str) -> list[SentBundle]:
        rows = self._conn.execute(
            "SELECT device, sequence, bundle_id, previous_id, created_at, revisions,"
            " acknowledged_at, data FROM sync_bundles WHERE device = ?"
            " AND acknowledged_at IS NULL AND data IS NOT NULL ORDER BY sequence", (device,))
        return [_bundle(r) for r in rows]

    def last_acknowledged_sequence(self, device: str) -> int:
        row = self._conn.execute(
            "SELECT max(sequence) FROM sync_bundles WHERE device = ?"
            " AND acknowledged_at IS NOT NULL", (device,)).fetchone()
        return int(row[0] or 0)

    def record_bundle(self, device: str, sequence: int, bundle_id: str,
                      previous_id: str | None, created_at: str, revisions: int,
                      data: bytes | None) -> None:
        self._conn.execute(
            "INSERT INTO sync_bundles (device, sequence, bundle_id, previous_id, created_at,"
            " revisions, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (device, sequence, bundle_id, previous_id, created_at, revisions, data))

    def acknowledge(self, bundle_id: str, states: dict[str, str], at: str) -> int:
        """Mark the bundle acknowledged and every named revision of this vault; returns count."""
        self._conn.execute(
            "UPDATE sync_bundles SET acknowledged_at = coalesce(acknowledged_at, ?), data = NULL"
            " WHERE bundle_id = ?", (at, bundle_id))
        before = self._conn.total_changes
        self._conn.executemany(
            "INSERT OR IGNORE INTO sync_acks (uuid, bundle_id, state, acknowledged_at)"
            " SELECT uuid, ?, ?, ? FROM revisions WHERE uuid = ?",
            [(bundle_id, state, at, uuid) for uuid, state in states.items()])
        added = self._conn.total_changes - before
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (LAST_RECEIPT_KEY, at))
        return added


def _bundle(row: tuple[Any, ...]) -> SentBundle:
    device, sequence, bundle_id, previous_id, created_at, revisions, acked, data = row
    return SentBundle(str(device), int(sequence), str(bundle_id),
                      None if previous_id is None else str(previous_id), str(created_at),
                      int(revisions), None if acked is None else str(acked),
                      None if data is None else bytes(data))
