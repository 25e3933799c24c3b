"""The one query layer over care records: every reader gets typed ``Record``s from here.

The rules are applied once, here:

* a record counts by its latest revision only (an amendment replaces what it
  supersedes);
* a record whose latest revision is entered-in-error counts for nothing (no
  latest handover, no latest vitals, no dose given) and is only shown, marked, in
  the patient's timeline and history;
* "latest" is by clinical (effective) time, in the ward's zone, never by the
  order of saving nor by comparing stored strings.

One query per concern, never one per patient: the board reads a whole ward in a
few queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from care_degraded.domain.clinical_time import try_parse_clinical
from care_degraded.domain.errors import NotFound
from care_degraded.domain.record import (
    HANDOVER_FORM_HINTS,
    RECORD_KIND,
    Record,
    RecordKind,
    kind_of,
)
from care_degraded.domain.revision import Revision
from care_degraded.vault.connection import Connection
from care_degraded.vault.revisions import _COLUMNS, _revision

#: meta key the sync outbox will write once bundles exist (see :func:`pending_sync`)

_URL = "lower(json_extract(payload, '$.form_url'))"
_FORM_FILTERS: dict[RecordKind, tuple[str, tuple[str, ...]]] = {
    RecordKind.VITALS: (f"{_URL} LIKE ?", ("%vital-signs",)),
    RecordKind.MEDICATION: (f"{_URL} LIKE ?", ("%medication-administration",)),
    RecordKind.HANDOVER: ("(" + " OR ".join(f"{_URL} LIKE ?" for _ in HANDOVER_FORM_HINTS)
                          + ")", tuple(f"%{h}%" for h in HANDOVER_FORM_HINTS)),
}


class RecordQueries:
    """Care records read as ``Record``s (see the module docstring for the rules)."""

    def __init__(self, conn: Connection, zone: Callable[[], dt.tzinfo]) -> None:
        self._conn = conn
        self._zone = zone

    # -- one record --------------------------------------------------------------------
    def get(self, uuid: str) -> Record:
        """The latest revision of the care record holding revision ``uuid``."""
        return self.history(uuid)[-1]

    def history(self, uuid: str) -> list[Record]:
        """Every revision of the care record holding revision ``uuid``, oldest first."""
        row = self._conn.execute("SELECT record_id, kind FROM revisions WHERE uuid = ?",
                                 (uuid,)).fetchone()
        if row is None or row[1] != RECORD_KIND:
            raise NotFound("no such care record")
        revs = [_revision(r) for r in self._conn.execute(
            f"SELECT {_COLUMNS} FROM revisions WHERE record_id = ? ORDER BY seq", (row[0],))]
        chain = tuple(r.uuid for r in revs)
        zone = self._zone()
        return [Record.from_revision(r, zone, chain) for r in revs]

    # -- a patient's records -------------------------------------------------------------
    def records_for(self, patient_id: str, kinds: Iterable[RecordKind] | None = None,
                    since: dt.datetime | None = None,
                    include_voided: bool = False) -> list[Record]:
        """The patient's records (latest revision of each), newest clinical time first.

        ``kinds`` None: every care record; ``since``: clinical time at or after it.
        Records marked entered-in-error are left out unless ``include_voided`` (the
        chart's timeline shows them, marked).
        """
        records = self._latest(patient_id, kinds, include_voided)
        if since is not None:
            cutoff = since.astimezone(dt.UTC)
            records = [r for r in records if r.effective_at.astimezone(dt.UTC) >= cutoff]
        return sorted(records, key=_newest_first, reverse=True)

    def latest_handover(self, patient_id: str) -> Record | None:
        """The patient's newest valid handover (SBAR or transmissions ciblées)."""
        return self.latest_handovers([patient_id]).get(patient_id)

    def latest_vitals(self, patient_id: str) -> Record | None:
        """The patient's newest valid vital signs record."""
        return self.latest_vitals_by_patient([patient_id]).get(patient_id)

    def administrations(self, patient_id: str, since: dt.datetime) -> list[Record]:
        """The patient's valid medication records planned (or, unplanned, given) since ``since``."""
        return self.administrations_since(since, [patient_id]).get(patient_id, [])

    # -- the whole ward at once ---------------------------------------------------------------
    def latest_handovers(self, patient_ids: Sequence[str] | None = None) -> dict[str, Record]:
        """patient id -> newest valid handover, for the ward (or ``patient_ids``)."""
        return self._newest(RecordKind.HANDOVER, patient_ids)

    def latest_vitals_by_patient(self, patient_ids: Sequence[str] | None = None
                                 ) -> dict[str, Record]:
        """patient id -> newest valid vital signs record."""
        return self._newest(RecordKind.VITALS, patient_ids)

    def administrations_since(self, since: dt.datetime,
                              patient_ids: Sequence[str] | None = None
                              ) -> dict[str, list[Record]]:
        """patient id -> valid medication records whose dose time is at or after ``since``.

        The dose time is the planned time the nurse confirmed on the form (pre-filled
        from the schedule), else the record's clinical time. Records saved more than a
        day before ``since`` are not read (a dose is recorded after it is given, back-
        entered hours later at most).
        """
        where, params = _form_filter(RecordKind.MEDICATION)
        cutoff = (since - dt.timedelta(days=1)).astimezone(dt.UTC).isoformat()
        rows = self._latest_rows(f"{where} AND created_at >= ?", (*params, cutoff),
                                 patient_ids, include_voided=False)
        zone = self._zone()
        found: dict[str, list[Record]] = {}
        for record in (Record.from_revision(_revision(r), zone) for r in rows):
            if record.kind is not RecordKind.MEDICATION or record.patient_ref is None:
                continue
            when = record.medication().planned or record.effective_at
            if when.astimezone(dt.UTC) >= since.astimezone(dt.UTC):
                found.setdefault(record.patient_ref, []).append(record)
        for records in found.values():
            records.sort(key=_newest_first)
        return found

    def all_latest(self) -> list[Record]:
        """The latest revision of every care record on the ward, newest saved first."""
        zone = self._zone()
        return [Record.from_revision(_revision(r), zone)
                for r in self._latest_rows("1", (), None, include_voided=True)]

    # -- helpers -----------------------------------------------------------------------------
    def _latest(self, patient_id: str, kinds: Iterable[RecordKind] | None,
                include_voided: bool) -> list[Record]:
        wanted = set(kinds) if kinds is not None else None
        where: str = "1"
        params: tuple[str, ...] = ()
        if wanted is not None and len(wanted) == 1 and RecordKind.CARE not in wanted:
            where, params = _form_filter(next(iter(wanted)))
        rows = self._latest_rows(where, params, [patient_id], include_voided)
        chains = self._chains({str(r[2]) for r in rows})
        zone = self._zone()
        records = [Record.from_revision(_revision(r), zone, chains.get(str(r[2]), ()))
                   for r in rows]
        return [r for r in records if wanted is None or r.kind in wanted]

    def _newest(self, kind: RecordKind, patient_ids: Sequence[str] | None) -> dict[str, Record]:
        """patient -> newest valid record of ``kind`` by clinical time (one payload each)."""
        zone = self._zone()
        # One pass of SQLite's JSON functions per row; the kind is told in Python
        # (kind_of), as for every other reader.
        rows = self._conn.execute(
            "SELECT patient_ref, json_extract(payload, '$.effective_at'), created_at, seq,"
            " json_extract(payload, '$.form_url')"
            f" FROM revisions WHERE {_latest_clause(patient_ids, False)}",
            _latest_params(patient_ids)).fetchall()
        best: dict[str, tuple[dt.datetime, int]] = {}
        for patient_ref, effective, created, seq, url in rows:
            if kind_of(str(url or "")) is not kind:
                continue
            when = try_parse_clinical(effective, zone) or try_parse_clinical(created, zone)
            if when is None:
                continue
            when = when.astimezone(dt.UTC)  # same-zone comparisons ignore the offset
            current = best.get(str(patient_ref))
            if current is None or (when, seq) > current:
                best[str(patient_ref)] = (when, int(seq))
        if not best:
            return {}
        seqs = [seq for _when, seq in best.values()]
        marks = ",".join("?" for _ in seqs)
        full = self._conn.execute(f"SELECT {_COLUMNS} FROM revisions WHERE seq IN ({marks})",
                                  seqs).fetchall()
        chains = self._chains({str(r[2]) for r in full})
        out = {}
        for row in full:
            record = Record.from_revision(_revision(row), zone, chains.get(str(row[2]), ()))
            if record.patient_ref is not None and record.kind is kind:
                out[record.patient_ref] = record
        return out

    def _latest_rows(self, where: str, params: tuple[Any, ...],
                     patient_ids: Sequence[str] | None, include_voided: bool) -> list[Any]:
        return self._conn.execute(
            f"SELECT {_COLUMNS} FROM revisions"
            f" WHERE {_latest_clause(patient_ids, include_voided)} AND {where} ORDER BY seq DESC",
            (*_latest_params(patient_ids), *params)).fetchall()

    def _chains(self, record_ids: set[str]) -> dict[str, tuple[str, ...]]:
        chains: dict[str, list[str]] = {}
        ids = sorted(record_ids)
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            marks = ",".join("?" for _ in part)
            for record_id, uuid in self._conn.execute(
                    f"SELECT record_id, uuid FROM revisions WHERE record_id IN ({marks})"
                    " ORDER BY seq", part):
                chains.setdefault(str(record_id), []).append(str(uuid))
        return {k: tuple(v) for k, v in chains.items()}


def pending_sync(conn: Connection, after_seq: int | None = None) -> list[Revision]:
    """Every revision not yet named in a verified hub receipt, oldest first.

    A revision leaves the outbox only when a receipt names it (``sync_acks``, see
    vault.sync_state and sync.outbox).
    """
    cols = ", ".join(f"r.{c.strip()}" for c in _COLUMNS.split(","))
    return [_revision(r) for r in conn.execute(
        f"SELECT {cols} FROM revisions r LEFT JOIN sync_acks a ON a.uuid = r.uuid"
        " WHERE a.uuid IS NULL AND r.seq > ? ORDER BY r.seq", (after_seq or 0,))]


def pending_sync_count(conn: Connection) -> int:
    """How many revisions :func:`pending_sync` would return (without reading them)."""
    row = conn.execute("SELECT count(*) FROM revisions r LEFT JOIN sync_acks a"
                       " ON a.uuid = r.uuid WHERE a.uuid IS NULL").fetchone()
    return int(row[0])


def _newest_first(record: Record) -> tuple[dt.datetime, dt.datetime, int]:
    """Sort key by clinical time, then time saved, in UTC (one zone compares wall clocks)."""
    return (record.effective_at.astimezone(dt.UTC), record.recorded_at.astimezone(dt.UTC),
            record.seq)


def _form_filter(kind: RecordKind) -> tuple[str, tuple[str, ...]]:
    return _FORM_FILTERS.get(kind, ("1", ()))


def _latest_clause(patient_ids: Sequence[str] | None, include_voided: bool) -> str:
    """Latest revision of each care record (of these patients), valid ones only."""
    scope = ""
    if patient_ids is not None:
        scope = f" AND patient_ref IN ({','.join('?' for _ in patient_ids)})"
    clause = (f"kind = '{RECORD_KIND}' AND patient_ref IS NOT NULL{scope}"
              f" AND seq IN (SELECT max(seq) FROM revisions WHERE kind = '{RECORD_KIND}'"
              f"{scope} GROUP BY record_id)")
    if not include_voided:
        clause += " AND status != 'entered-in-error'"
    return clause


def _latest_params(patient_ids: Sequence[str] | None) -> tuple[str, ...]:
    return () if patient_ids is None else (*patient_ids, *patient_ids)
