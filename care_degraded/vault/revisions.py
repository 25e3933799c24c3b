"""The append-only record store.

A record is a chain of revisions: the first revision's uuid is the record id, each
later one names the revision it supersedes. Nothing is updated or deleted (the
schema's triggers refuse it); an error is a new revision marked entered-in-error.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from care_degraded.domain.clock import iso, parse_iso, utcnow
from care_degraded.domain.errors import InvalidInput, NotFound
from care_degraded.domain.revision import Revision, RevisionStatus
from care_degraded.vault.audit import AuditLog
from care_degraded.vault.connection import Connection

_COLUMNS = ("seq, uuid, record_id, kind, patient_ref, author, device, created_at,"
            " supersedes, status, payload")


class RevisionRepository:
    def __init__(self, conn: Connection, audit: AuditLog, author: Callable[[], str],
                 device: str, clock: Callable[[], datetime] = utcnow) -> None:
        self._conn = conn
        self._audit = audit
        self._author = author
        self._device = device
        self._clock = clock

    def append(self, kind: str, patient_ref: str | None, payload: dict[str, Any],
               supersedes: str | None = None,
               status: RevisionStatus | str = RevisionStatus.FINAL,
               uuid: str | None = None) -> Revision:
        """Write one revision and its audit row. Call inside a transaction."""
        status = RevisionStatus(status)
        record_id: str
        new_uuid = uuid or str(uuidlib.uuid4())
        if supersedes is not None:
            previous = self.get(supersedes)
            if self.latest(previous.record_id).uuid != supersedes:
                raise InvalidInput("that revision was already superseded")
            if previous.kind != kind:
                raise InvalidInput("a revision cannot change the record's kind")
            record_id = previous.record_id
        else:
            record_id = new_uuid
        created = self._clock()
        author = self._author()
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        cur = self._conn.execute(
            f"INSERT INTO revisions ({_COLUMNS.replace('seq, ', '')})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid, record_id, kind, patient_ref, author, self._device, iso(created),
             supersedes, status.value, body),
        )
        self._audit.append("record.write", f"{kind}:{new_uuid}", at=created)
        return Revision(new_uuid, record_id, kind, patient_ref, author, self._device, created,
                        supersedes, status, payload, int(cur.lastrowid or 0))

    def get(self, uuid: str) -> Revision:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM revisions WHERE uuid = ?",
                                 (uuid,)).fetchone()
        if row is None:
            raise NotFound("no such revision")
        return _revision(row)

    def history(self, record_id: str) -> list[Revision]:
        """Every revision of a record, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM revisions WHERE record_id = ? ORDER BY seq", (record_id,))
        found = [_revision(r) for r in rows]
        if not found:
            raise NotFound("no such record")
        return found

    def latest(self, record_id: str) -> Revision:
        return self.history(record_id)[-1]

    def for_patient(self, patient_ref: str, kind: str | None = None,
                    latest_only: bool = True) -> list[Revision]:
        """A patient's records, newest first (by default only each record's latest revision)."""
        sql = f"SELECT {_COLUMNS} FROM revisions WHERE patient_ref = ?"
        params: list[Any] = [patient_ref]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        if latest_only:
            sql += (" AND seq IN (SELECT max(seq) FROM revisions WHERE patient_ref = ?"
                    " GROUP BY record_id)")
            params.append(patient_ref)
        sql += " ORDER BY seq DESC"
        return [_revision(r) for r in self._conn.execute(sql, params)]

    def by_kind(self, kind: str, latest_only: bool = True) -> list[Revision]:
        sql = f"SELECT {_COLUMNS} FROM revisions WHERE kind = ?"
        params: list[Any] = [kind]
        if latest_only:
            sql += " AND seq IN (SELECT max(seq) FROM revisions WHERE kind = ? GROUP BY record_id)"
            params.append(kind)
        return [_revision(r) for r in self._conn.execute(sql + " ORDER BY seq DESC", params)]

    def iter_all(self, after_seq: int = 0) -> Iterator[Revision]:
        for row in self._conn.execute(
                f"SELECT {_COLUMNS} FROM revisions WHERE seq > ? ORDER BY seq", (after_seq,)):
            yield _revision(row)

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM revisions").fetchone()[0])


def _revision(row: tuple[Any, ...]) -> Revision:
    seq, uuid, record_id, kind, patient_ref, author, device, created, supersedes, status, body = row
    return Revision(str(uuid), str(record_id), str(kind), patient_ref, str(author), str(device),
                    parse_iso(str(created)), supersedes, RevisionStatus(status),
                    json.loads(body), int(seq))
