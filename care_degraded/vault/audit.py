"""The hash-chained audit log.

Each row's hash covers the previous row's hash and the row's own fields, so any
edited, removed, inserted or reordered row breaks the chain from that row on. The
head (last sequence number and hash) is kept in ``meta`` so that cutting rows off
the end is detected too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from care_degraded.domain.clock import iso, utcnow
from care_degraded.domain.errors import DamagedData
from care_degraded.vault.connection import Connection

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    device: str
    action: str
    object: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    rows: int
    first_bad: int | None = None
    reason: str = ""

    def to_json(self) -> dict[str, object]:
        return {"ok": self.ok, "rows": self.rows, "first_bad_seq": self.first_bad,
                "reason": self.reason}


def row_hash(prev_hash: str, seq: int, at: str, actor: str, device: str,
             action: str, obj: str) -> str:
    body = json.dumps([prev_hash, seq, at, actor, device, action, obj],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class AuditLog:
    """Appends and verifies audit rows on one connection."""

    def __init__(self, conn: Connection, actor: Callable[[], str], device: str,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self._conn = conn
        self._actor = actor
        self._device = device
        self._clock = clock

    def append(self, action: str, obj: str = "", actor: str | None = None,
               at: datetime | None = None) -> AuditEntry:
        """Add a row. Call inside the transaction of the change it records."""
        seq, prev = self._next_link()
        when = iso(at or self._clock())
        who = actor if actor is not None else self._actor()
        digest = row_hash(prev, seq, when, who, self._device, action, obj)
        self._conn.execute(
            "INSERT INTO audit (seq, at, actor, device, action, object, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, when, who, self._device, action, obj, prev, digest),
        )
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (f"{seq}:{digest}",),
        )
        return AuditEntry(seq, when, who, self._device, action, obj, prev, digest)

    def _next_link(self) -> tuple[int, str]:
        """The seq and previous hash of the next row.

        The chain continues from the head kept in ``meta``, not from whatever row
        is last in the table: rows cut off the end, or slipped in after the head,
        then stay visible as a break instead of being sealed over by the next
        login's row.
        """
        last = self._conn.execute(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        last_seq = int(last[0]) if last else 0
        head = self._conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        if head is None:
            if last is not None:
                # every append writes the head: rows without one had it deleted, and
                # continuing from the last row would seal over a cut tail
                raise DamagedData("the audit log's head is missing: the log was tampered with")
            return 1, GENESIS
        head_seq, _, head_hash = str(head[0]).partition(":")
        return max(int(head_seq), last_seq) + 1, head_hash

    def head_code(self) -> str:
        """A short code for the log's head (row number and 8 hex digits of its hash).

        Printed on every page: a history rewritten after the print no longer leads
        to the head written on paper (see README, what the chain proves)."""
        head = self._conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        if head is None:
            return "0-00000000"
        seq, _, digest = str(head[0]).partition(":")
        return f"{seq}-{digest[:8].upper()}"

    def entries(self, limit: int | None = None) -> list[AuditEntry]:
        sql = ("SELECT seq, at, actor, device, action, object, prev_hash, hash"
               " FROM audit ORDER BY seq")
        if limit is not None:
            sql += f" DESC LIMIT {int(limit)}"
        rows = [AuditEntry(*r) for r in self._conn.execute(sql)]
        return sorted(rows, key=lambda e: e.seq)

    def verify(self) -> AuditReport:
        """Walk the chain; name the first row that does not hold."""
        prev = GENESIS
        expected_seq = 1
        count = 0
        # rowid order is the physical insertion order: a row moved to another
        # place (reordered) shows there even if its seq was rewritten.
        cur = self._conn.execute(
            "SELECT seq, at, actor, device, action, object, prev_hash, hash"
            " FROM audit ORDER BY rowid")
        last_seq, last_hash = 0, GENESIS
        seen: dict[str, int] = {GENESIS: 0}  # hash -> seq of the rows walked so far
        for seq, at, actor, device, action, obj, prev_hash, digest in cur:
            count += 1
            if seq != expected_seq:
                return AuditReport(False, count, expected_seq,
                                   f"row {expected_seq} missing or out of order")
            if prev_hash != prev:
                earlier = seen.get(prev_hash)
                if earlier is not None and earlier < seq - 1:
                    # this row follows an earlier one: the rows between were slipped in
                    return AuditReport(False, count, earlier + 1,
                                       f"row {earlier + 1} was inserted (row {seq} "
                                       f"follows row {earlier})")
                return AuditReport(False, count, seq, f"row {seq} does not follow row {seq - 1}")
            if row_hash(prev, seq, at, actor, device, action, obj) != digest:
                return AuditReport(False, count, seq, f"row {seq} was modified")
            prev = digest
            seen.setdefault(str(digest), int(seq))
            expected_seq += 1
            last_seq, last_hash = seq, digest
        head = self._conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        if head is None and count:
            # every append writes the head: a log without one had it deleted
            return AuditReport(False, count, last_seq, "the log's head row is missing")
        if head is not None and head[0] != f"{last_seq}:{last_hash}":
            head_seq = int(str(head[0]).split(":", 1)[0])
            bad = last_seq + 1 if head_seq > last_seq else last_seq
            return AuditReport(False, count, bad, f"log ends at row {last_seq}, "
                               f"its head says row {head_seq}")
        return AuditReport(True, count)
