"""The ward's patients and census snapshots, stored in the encrypted vault.

Patients are never deleted: one who is no longer in the census is marked
``left``. Active prescriptions live in their own table so that the MAR can point
at one (``patient_id`` + ``rx_key``) across snapshots; a prescription that
disappears from the census is kept, inactive.

Search goes through two columns of folded and phonetic name parts (see
domain.names), inside the encrypted database: nothing about a name is ever
written outside it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from care_degraded.domain.clock import iso
from care_degraded.domain.errors import NotFound
from care_degraded.domain.names import (
    name_tokens,
    phonetic_key,
    phonetic_keys,
    search_terms,
)
from care_degraded.domain.patient import (
    Allergy,
    AllergyStatus,
    CensusEntry,
    Identity,
    IdentityStatus,
    Location,
    Patient,
    Prescription,
    PresenceStatus,
    Sex,
)
from care_degraded.vault.connection import Connection

_PATIENT_COLUMNS = (
    "id", "origin", "ipp", "ins", "ins_system", "provisional_number", "identity_status",
    "birth_name", "used_name", "given_names", "used_given_name", "birth_date", "sex",
    "birthplace_code", "birthplace", "unit", "room", "bed", "admitted_at", "attending",
    "allergy_status", "allergies", "presence", "left_at", "census_hash",
    "first_snapshot_id", "last_snapshot_id", "created_at", "updated_at",
    "search_terms", "search_phonetic",
)
_SELECT = ("SELECT id, ipp, ins, ins_system, provisional_number, identity_status, birth_name,"
           " used_name, given_names, used_given_name, birth_date, sex, birthplace_code,"
           " birthplace, unit, room, bed, admitted_at, attending, allergy_status, allergies,"
           " presence, left_at, updated_at FROM patients")
_LIGHT = "SELECT id, presence, birth_name, used_name FROM patients"
_ORDER = " ORDER BY presence DESC, unit, length(room), room, bed, birth_name"
_LOCATION_WORDS = frozenset({"ch", "chambre", "room", "lit", "bed", "box"})


def _dumps(value: Any) -> str:
    return _ENCODER.encode(value)


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):  # birth dates in change digests
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# One encoder for every row: building one per call costs a fifth of the time.
# Dataclass fields come in a fixed order, so keys need no sorting for stable digests;
# ASCII escapes are the encoder's fastest path (the text is inside the encrypted DB).
_ENCODER = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), default=_json_default)


def _record(value: Any) -> dict[str, Any]:
    """A frozen dataclass's fields as a dict (JSON writes its tuples as lists).

    Not ``dataclasses.asdict``: it deep-copies every value, and on 5,000 patients
    that alone took longer than the whole import may.
    """
    return dict(value.__dict__)


@dataclasses.dataclass(frozen=True)
class CensusRow:
    """One census patient made ready for storage: change digest and prescription JSON."""

    digest: str
    prescriptions: list[str]


def census_row(entry: CensusEntry) -> CensusRow:
    """Serialise a census entry once: the digest (change detection) and the rows."""
    rx_rows = [_dumps(_record(rx)) for rx in entry.prescriptions]
    head = _dumps([_record(entry.identity), _record(entry.location), entry.allergy_status,
                   [_record(a) for a in entry.allergies], entry.admitted_at, entry.attending])
    body = "\n".join([head, *rx_rows]).encode("utf-8")
    return CensusRow(hashlib.sha256(body, usedforsecurity=False).hexdigest(), rx_rows)


def entry_hash(entry: CensusEntry) -> str:
    """A digest of everything the census says about one patient (change detection)."""
    return census_row(entry).digest


def _search_columns(identity: Identity) -> tuple[str, str]:
    names = [identity.birth_name, identity.used_name or "", identity.used_given_name or "",
             *identity.given_names]
    terms = " ".join(sorted(search_terms(names)))
    phon = " ".join(sorted(phonetic_keys(names)))
    return f" {terms} ", f" {phon} "


class PatientRepository:
    """Patients, their allergies and active prescriptions."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    # -- census import -------------------------------------------------------------------
    def census_index(self) -> dict[str, tuple[str, str | None, str]]:
        """Census patients by key ("ipp:..." or "ins:..."): (id, census hash, presence)."""
        index: dict[str, tuple[str, str | None, str]] = {}
        for pid, ipp, ins, digest, presence in self._conn.execute(
                "SELECT id, ipp, ins, census_hash, presence FROM patients"
                " WHERE origin = 'census'"):
            key = f"ipp:{ipp}" if ipp else f"ins:{ins}"
            index[key] = (str(pid), digest, str(presence))
        return index

    def insert_census(self, entry: CensusEntry, snapshot_id: int, now: dt.datetime,
                      prepared: CensusRow | None = None) -> str:
        """Add a patient the census lists for the first time; returns its id."""
        return self.insert_census_many([(entry, prepared or census_row(entry))],
                                       snapshot_id, now)[0]

    def insert_census_many(self, items: Sequence[tuple[CensusEntry, CensusRow]],
                           snapshot_id: int, now: dt.datetime) -> list[str]:
        """Add many new census patients in two statements (a first import of a big
        census spends its time here, not in per-row round trips)."""
        ids: list[str] = []
        rows: list[list[Any]] = []
        rx_rows: list[tuple[str, str, int, str, str]] = []
        stamp = iso(now)
        for entry, prepared in items:
            pid = str(uuid.uuid4())
            ids.append(pid)
            row = self._row(pid, "census", entry, now, prepared.digest, snapshot_id)
            rows.append([row[c] for c in _PATIENT_COLUMNS])
            rx_rows += [(pid, rx.key, n, data, stamp) for n, (rx, data)
                        in enumerate(zip(entry.prescriptions, prepared.prescriptions,
                                         strict=True))]
        self._conn.executemany(
            f"INSERT INTO patients ({', '.join(_PATIENT_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(_PATIENT_COLUMNS))})", rows)
        self._conn.executemany(
            "INSERT INTO prescriptions (patient_id, rx_key, position, active, data, updated_at)"
            " VALUES (?, ?, ?, 1, ?, ?)", rx_rows)
        return ids

    def update_census(self, pid: str, entry: CensusEntry, snapshot_id: int, now: dt.datetime,
                      prepared: CensusRow | None = None) -> None:
        """Overwrite the census view of a patient (present again if they had left)."""
        prepared = prepared or census_row(entry)
        row = self._row(pid, "census", entry, now, prepared.digest, snapshot_id)
        columns = [c for c in _PATIENT_COLUMNS
                   if c not in ("id", "origin", "first_snapshot_id", "created_at")]
        self._conn.execute(
            f"UPDATE patients SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            [row[c] for c in columns] + [pid])
        self._write_prescriptions(pid, entry.prescriptions, prepared.prescriptions, now,
                                  existing=True)

    def touch_census(self, pids: Iterable[str], snapshot_id: int) -> None:
        """Record that a snapshot listed these patients unchanged."""
        self._conn.executemany("UPDATE patients SET last_snapshot_id = ? WHERE id = ?",
                               [(snapshot_id, pid) for pid in pids])

    def mark_left(self, pids: Iterable[str], now: dt.datetime) -> None:
        """Flag patients the census no longer lists. Nothing is deleted."""
        stamp = iso(now)
        self._conn.executemany(
            "UPDATE patients SET presence = 'left', left_at = ?, updated_at = ? WHERE id = ?",
            [(stamp, stamp, pid) for pid in pids])

    def _row(self, pid: str, origin: str, entry: CensusEntry, now: dt.datetime,
             digest: str | None, snapshot_id: int | None) -> dict[str, Any]:
        ident, where = entry.identity, entry.location
        terms, phon = _search_columns(ident)
        return {
            "id": pid, "origin": origin, "ipp": ident.ipp, "ins": ident.ins,
            "ins_system": ident.ins_system, "provisional_number": ident.provisional_number,
            "identity_status": ident.status.value, "birth_name": ident.birth_name,
            "used_name": ident.used_name, "given_names": _dumps(list(ident.given_names)),
            "used_given_name": ident.used_given_name,
            "birth_date": ident.birth_date.isoformat() if ident.birth_date else None,
            "sex": ident.sex.value, "birthplace_code": ident.birthplace_code,
            "birthplace": ident.birthplace, "unit": where.unit, "room": where.room,
            "bed": where.bed, "admitted_at": entry.admitted_at, "attending": entry.attending,
            "allergy_status": entry.allergy_status.value,
            "allergies": _dumps([_record(a) for a in entry.allergies]),
            "presence": PresenceStatus.PRESENT.value, "left_at": None, "census_hash": digest,
            "first_snapshot_id": snapshot_id, "last_snapshot_id": snapshot_id,
            "created_at": iso(now), "updated_at": iso(now),
            "search_terms": terms, "search_phonetic": phon,
        }

    def _write_prescriptions(self, pid: str, prescriptions: Sequence[Prescription],
                             rows: Sequence[str], now: dt.datetime, existing: bool) -> None:
        stamp = iso(now)
        if existing:  # what the census stopped listing stays, inactive
            self._conn.execute("UPDATE prescriptions SET active = 0, updated_at = ?"
                               " WHERE patient_id = ? AND active = 1", (stamp, pid))
        self._conn.executemany(
            "INSERT INTO prescriptions (patient_id, rx_key, position, active, data, updated_at)"
            " VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (patient_id, rx_key) DO UPDATE SET"
            " position = excluded.position, active = 1, data = excluded.data,"
            " updated_at = excluded.updated_at",
            [(pid, rx.key, n, row, stamp)
             for n, (rx, row) in enumerate(zip(prescriptions, rows, strict=True))])

    # -- provisional identities ------------------------------------------------------------------
    def next_provisional_number(self, prefix: str) -> str:
        """The device prefix and the next counter value: "K7Q2M9-00012". Call in a transaction."""
        row = self._conn.execute(
            "INSERT INTO provisional_counters (prefix, last) VALUES (?, 1)"
            " ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last",
            (prefix,)).fetchone()
        return f"{prefix}-{int(row[0]):05d}"

    def insert_provisional(self, identity: Identity, location: Location,
                           now: dt.datetime) -> Patient:
        """Add a patient admitted on the ward (identity already numbered)."""
        pid = str(uuid.uuid4())
        entry = CensusEntry(identity=identity, location=location)
        row = self._row(pid, "ward", entry, now, None, None)
        self._conn.execute(
            f"INSERT INTO patients ({', '.join(_PATIENT_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(_PATIENT_COLUMNS))})",
            [row[c] for c in _PATIENT_COLUMNS])
        return self.get(pid)

    # -- reading ---------------------------------------------------------------------------------
    def get(self, pid: str) -> Patient:
        found = self._load(f"{_SELECT} WHERE id = ?", (pid,))
        if not found:
            raise NotFound("no such patient")
        return found[0]

    def find(self, reference: str) -> Patient | None:
        """A patient by internal id, IPP, provisional number or INS (exact)."""
        ref = reference.strip()
        found = self._load(
            f"{_SELECT} WHERE id IN (SELECT id FROM patients WHERE id = ? UNION"
            " SELECT id FROM patients WHERE ipp = ? UNION SELECT id FROM patients"
            " WHERE provisional_number = ? UNION SELECT id FROM patients WHERE ins = ?)"
            " LIMIT 2", (ref, ref, ref.upper(), ref))
        return found[0] if len(found) == 1 else None

    def ward_list(self, include_left: bool = False) -> list[Patient]:
        """Patients in bed order; those who left only when asked."""
        where = "" if include_left else " WHERE presence = 'present'"
        return self._load(f"{_SELECT}{where}{_ORDER}", ())

    def with_birth_date(self, birth_dates: Iterable[dt.date]) -> list[Patient]:
        dates = sorted({d.isoformat() for d in birth_dates})
        if not dates:
            return []
        marks = ", ".join("?" * len(dates))
        return self._load(f"{_SELECT} WHERE birth_date IN ({marks})", dates)

    def counts(self) -> dict[str, int]:
        counts = {"present": 0, "left": 0, "admitted_on_ward": 0}
        for presence, origin, n in self._conn.execute(
                "SELECT presence, origin, count(*) FROM patients GROUP BY presence, origin"):
            counts[str(presence)] += int(n)
            if origin == "ward" and presence == "present":
                counts["admitted_on_ward"] += int(n)
        return counts

    def search(self, query: str, limit: int = 50) -> list[Patient]:
        """By name (accents, case, hyphens ignored; phonetic), IPP, provisional
        number, INS, room or bed. Present patients and closer matches first.

        Candidates are ranked on a few name columns; only the ``limit`` kept are
        loaded whole (prescriptions included).
        """
        text = query.strip()
        if not text:
            return []
        ranked: dict[str, tuple[bool, int, str]] = {}
        # One indexed look-up per identifier (an OR across columns would scan the table).
        for row in self._conn.execute(
                f"{_LIGHT} WHERE ipp = ? UNION {_LIGHT} WHERE provisional_number = ?"
                f" UNION {_LIGHT} WHERE ins = ? UNION {_LIGHT} WHERE id = ?",
                (text, text.upper(), text, text)):
            ranked[str(row[0])] = _light_rank(row, 0)
        tokens = name_tokens(text)
        place = [t for t in tokens if t not in _LOCATION_WORDS]
        if (len(place) == 1 and len(place) < len(tokens)) or (
                len(tokens) == 1 and any(c.isdigit() for c in text)):
            spot = place[0] if place else text
            for row in self._conn.execute(f"{_LIGHT} WHERE bed = ? COLLATE NOCASE"
                                          " OR room = ? COLLATE NOCASE", (spot, spot)):
                ranked.setdefault(str(row[0]), _light_rank(row, 0))
        if tokens and any(c.isalpha() for c in text):  # numbers are not names
            # Filter and rank in SQL, so that a common name ("Marie": hundreds of
            # matches) costs Python only the ``limit`` rows it returns.
            match, params, whole, prefix = [], [], [], []
            for token in tokens:
                key = phonetic_key(token) if len(token) > 1 else ""
                escaped = _escape_like(token)
                match.append("(search_terms LIKE ? ESCAPE '\\'"
                             + (" OR search_phonetic LIKE ?)" if key else ")"))
                params.append(f"% {escaped}%")
                if key:
                    params.append(f"% {key} %")
                whole.append(f"% {escaped} %")
                prefix.append(f"% {escaped}%")
            like = "search_terms LIKE ? ESCAPE '\\'"
            rank = (f"CASE WHEN {' AND '.join([like] * len(whole))} THEN 1"
                    f" WHEN {' AND '.join([like] * len(prefix))} THEN 2 ELSE 3 END")
            for row in self._conn.execute(
                    f"SELECT id, presence, birth_name, used_name, {rank} AS rank FROM patients"
                    f" WHERE {' AND '.join(match)} ORDER BY presence != 'present', rank,"
                    f" coalesce(used_name, birth_name) COLLATE NOCASE LIMIT {int(limit)}",
                    [*whole, *prefix, *params]):
                ranked.setdefault(str(row[0]), _light_rank(row, int(row[4])))
        best = sorted(ranked, key=lambda pid: ranked[pid])[:limit]
        if not best:
            return []
        marks = ", ".join("?" * len(best))
        loaded = {p.id: p for p in self._load(f"{_SELECT} WHERE id IN ({marks})", best)}
        return [loaded[pid] for pid in best if pid in loaded]

    def _load(self, sql: str, params: Sequence[Any]) -> list[Patient]:
        rows = self._conn.execute(sql, params).fetchall()
        if not rows:
            return []
        prescriptions = self._prescriptions([str(r[0]) for r in rows])
        return [_patient(r, prescriptions.get(str(r[0]), ())) for r in rows]

    def _prescriptions(self, pids: list[str]) -> dict[str, tuple[Prescription, ...]]:
        found: dict[str, list[Prescription]] = {}
        sql = ("SELECT patient_id, data FROM prescriptions WHERE active = 1 {}"
               " ORDER BY patient_id, position")
        if len(pids) > 500:  # the whole ward: one pass is cheaper than a long IN list
            rows = self._conn.execute(sql.format(""))
        else:
            marks = ", ".join("?" * len(pids))
            rows = self._conn.execute(sql.format(f"AND patient_id IN ({marks})"), pids)
        raw: dict[str, list[str]] = {}
        for pid, data in rows:
            raw.setdefault(str(pid), []).append(data)
        for pid, datas in raw.items():  # one decode per patient, not per line
            found[pid] = [_prescription(d) for d in json.loads(f"[{','.join(datas)}]")]
        return {pid: tuple(items) for pid, items in found.items()}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _light_rank(row: Sequence[Any], rank: int) -> tuple[bool, int, str]:
    """Sort key: present first, then closeness, then the surname shown."""
    _, presence, birth_name, used_name = row[:4]
    return (presence != "present", rank, str(used_name or birth_name).casefold())


def _prescription(data: dict[str, Any]) -> Prescription:
    data["times_of_day"] = tuple(data.get("times_of_day") or ())
    return Prescription(**data)


def _patient(row: Sequence[Any], prescriptions: tuple[Prescription, ...]) -> Patient:
    (pid, ipp, ins, ins_system, provisional, status, birth_name, used_name, given, used_given,
     birth_date, sex, bp_code, bp, unit, room, bed, admitted_at, attending, allergy_status,
     allergies, presence, left_at, updated_at) = row
    identity = Identity(
        birth_name=birth_name, given_names=tuple(json.loads(given)),
        birth_date=dt.date.fromisoformat(birth_date) if birth_date else None,
        sex=Sex(sex), used_name=used_name, used_given_name=used_given, ipp=ipp, ins=ins,
        ins_system=ins_system, status=IdentityStatus(status), provisional_number=provisional,
        birthplace_code=bp_code, birthplace=bp)
    return Patient(
        id=str(pid), identity=identity, location=Location(unit, room, bed),
        presence=PresenceStatus(presence), allergy_status=AllergyStatus(allergy_status),
        allergies=tuple(Allergy(**a) for a in json.loads(allergies)),
        prescriptions=prescriptions, admitted_at=admitted_at, attending=attending,
        left_at=left_at, updated_at=updated_at)
