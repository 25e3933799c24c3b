"""The append-only record store.

A record is a chain of revisions: the first revision's uuid is the record id, each
later one names the revision it supersedes. Nothing is updated or deleted (the
schema's triggers refuse it); an error is a new revision marked entered-in-error.
"""

from __future__ import annotations

import base64
import json
import uuid as uuidlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from care_degraded.domain.clock import iso, parse_iso, utcnow
from care_degraded.domain.errors import InvalidInput, NotFound
from care_degraded.domain.revision import Revision, RevisionStatus
from care_degraded.vault import signature_check
from care_degraded.vault.audit import AuditLog
from care_degraded.vault.connection import Connection

_COLUMNS = ("seq, uuid, record_id, kind, patient_ref, author, device, created_at,"
            " supersedes, status, payload, signature")

Signer = Callable[[bytes], bytes]


def signing_bytes(uuid: str, record_id: str, kind: str, patient_ref: str | None, author: str,
                  device: str, created_at: str, supersedes: str | None, status: str,
                  payload_json: str) -> bytes:
    """What a revision's signature covers: every column but the sequence number."""
    return json.dumps([uuid, record_id, kind, patient_ref, author, device, created_at,
                       supersedes, status, payload_json],
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class RevisionRepository:
    def __init__(self, conn: Connection, audit: AuditLog, author: Callable[[], str],
                 device: str, clock: Callable[[], datetime] = utcnow,
                 signer: Signer | None = None) -> None:
        self._conn = conn
        self._signer = signer
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
        created_text = iso(created)
        signature = None
        if self._signer is not None:
            signature = base64.b64encode(self._signer(signing_bytes(
                new_uuid, record_id, kind, patient_ref, author, self._device, created_text,
                supersedes, status.value, body))).decode("ascii")
        cur = self._conn.execute(
            f"INSERT INTO revisions ({_COLUMNS.replace('seq, ', '')})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_uuid, record_id, kind, patient_ref, author, self._device, created_text,
             supersedes, status.value, body, signature),
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

    def verify_signatures(self, public_key: Ed25519PublicKey | dict[str, Ed25519PublicKey],
                          signed_from: int | None = None) -> SignatureReport:
        """Check every revision's signature against its device's public key.

        A mapping gives one key per device id (a restored vault has had several).
        From ``signed_from`` on every revision must be signed: one without is tampered.
        """
        keys = public_key if isinstance(public_key, dict) else None
        checked, unsigned, bad = 0, 0, []
        for row in self._conn.execute(
                "SELECT seq, uuid, record_id, kind, patient_ref, author, device, created_at,"
                " supersedes, status, payload, signature FROM revisions ORDER BY seq"):
            seq, *fields, signature = row
            checked += 1
            if signature is None:
                if signed_from is not None and int(seq) >= signed_from:
                    bad.append(str(fields[0]))
                else:
                    unsigned += 1
                continue
            key = keys.get(str(fields[5])) if keys is not None else public_key
            assert not isinstance(key, dict)
            if key is None:
                bad.append(str(fields[0]))
                continue
            try:
                key.verify(base64.b64decode(signature), signing_bytes(*fields))
            except (InvalidSignature, ValueError):
                bad.append(str(fields[0]))
        return SignatureReport(checked, unsigned, tuple(bad))

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM revisions").fetchone()[0])


@dataclass(frozen=True)
class SignatureReport:
    checked: int
    unsigned: int  # written before signatures existed (schema < 3)
    bad: tuple[str, ...]  # uuids whose signature does not verify

    @property
    def ok(self) -> bool:
        return not self.bad


def _revision(row: tuple[Any, ...]) -> Revision:
    """The revision in ``row`` (``_COLUMNS``), its signature checked (see signature_check)."""
    (seq, uuid, record_id, kind, patient_ref, author, device, created, supersedes, status, body,
     signature) = row
    signature_check.check(int(seq), str(device), signature, signing_bytes(
        uuid, record_id, kind, patient_ref, author, device, created, supersedes, status, body))
    return Revision(str(uuid), str(record_id), str(kind), patient_ref, str(author), str(device),
                    parse_iso(str(created)), supersedes, RevisionStatus(status),
                    json.loads(body), int(seq))
