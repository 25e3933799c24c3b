"""What the wards sent, read as the domain reads it: typed records and patients.

Revisions received from the wards are turned into the same ``Record`` the wards'
query layer returns (``Record.from_revision``); the hub never reads a payload by key.
A record counts by its latest revision (the one no other revision supersedes).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from care_degraded.domain.clinical_time import DEFAULT_WARD_ZONE
from care_degraded.domain.patient import Identity, IdentityStatus, Sex
from care_degraded.domain.record import RECORD_KIND, Record
from care_degraded.domain.revision import Revision, RevisionStatus
from care_degraded.hub.store import HubStore

ZONE = ZoneInfo(DEFAULT_WARD_ZONE)
ADMISSION_KIND = "admission"
_COLUMNS = ("uuid, record_id, kind, patient_ref, author, device, created_at, supersedes,"
            " status, payload, ward_seq")


@dataclass(frozen=True)
class WardPatient:
    """A patient as a ward's bundle described them (census ones by IPP only)."""

    id: str  # the ward's internal id, what revisions name
    ward: str
    device: str
    ipp: str | None
    provisional_number: str | None
    identity: Identity | None  # full for ward-admitted (provisional) patients

    @property
    def provisional(self) -> bool:
        return self.provisional_number is not None


@dataclass(frozen=True)
class HubRecord:
    """The latest revision of one record chain, with the ward it came from."""

    record: Record
    ward: str
    chain: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.record.record_id


def revision(row: tuple[Any, ...]) -> Revision:
    uuid, record_id, kind, patient_ref, author, device, created, supersedes, status, body, \
        seq = row
    return Revision(uuid=uuid, record_id=record_id, kind=kind, patient_ref=patient_ref,
                    author=author, device=device,
                    created_at=dt.datetime.fromisoformat(created), supersedes=supersedes,
                    status=RevisionStatus(status), payload=json.loads(body), seq=int(seq))


def device_wards(store: HubStore) -> dict[str, str]:
    return {str(d): str(w) for d, w in store.conn.execute("SELECT id, ward FROM devices")}


def latest_chains(store: HubStore, kinds: Iterable[str], ward: str | None = None
                  ) -> list[tuple[Revision, tuple[str, ...]]]:
    """(latest revision, uuids oldest first) of every chain of the given kinds."""
    kinds = list(kinds)
    sql = (f"SELECT {_COLUMNS} FROM received_revisions WHERE kind IN"
           f" ({', '.join('?' * len(kinds))})")
    params: list[Any] = list(kinds)
    if ward is not None:
        sql += " AND device IN (SELECT id FROM devices WHERE ward = ?)"
        params.append(ward)
    rows = store.conn.execute(sql + " ORDER BY record_id, created_at, ward_seq",
                              params).fetchall()
    out: list[tuple[Revision, tuple[str, ...]]] = []
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end][1] == rows[start][1]:
            end += 1
        group = rows[start:end]
        superseded = {r[7] for r in group if r[7]}
        heads = [r for r in group if r[0] not in superseded]
        latest = heads[-1] if heads else group[-1]
        out.append((revision(latest), tuple(r[0] for r in group)))
        start = end
    return out


def care_records(store: HubStore, ward: str | None = None,
                 kinds: Iterable[str] = (RECORD_KIND, ADMISSION_KIND)) -> list[HubRecord]:
    """Every care record and provisional admission, latest revision, in clinical order."""
    wards = device_wards(store)
    out = [HubRecord(Record.from_revision(rev, ZONE, chain), wards.get(rev.device, ""), chain)
           for rev, chain in latest_chains(store, kinds, ward)]
    out.sort(key=lambda h: (h.record.effective_at, h.record.uuid))
    return out


def hub_voided(store: HubStore) -> dict[str, str]:
    """Revision uuid -> reason, for revisions IT marked entered-in-error on the hub."""
    return {str(v): str(r) for v, r in store.conn.execute(
        "SELECT voided, reason FROM conflict_decisions WHERE voided IS NOT NULL")}


def ward_patients(store: HubStore) -> dict[str, WardPatient]:
    """Every patient the wards' bundles named, by ward id (the latest body received)."""
    wards = device_wards(store)
    found: dict[str, WardPatient] = {}
    for pid, device, body in store.conn.execute(
            "SELECT id, device_id, body FROM patients ORDER BY rowid"):
        found[str(pid)] = _patient(str(pid), str(device), wards.get(str(device), ""),
                                   json.loads(body))
    return found


def _patient(pid: str, device: str, ward: str, data: dict[str, Any]) -> WardPatient:
    number = data.get("provisional_number")
    ipp = data.get("ipp") or None
    if not number:
        return WardPatient(pid, ward, device, ipp, None, None)
    given = data.get("given_names") or []
    if isinstance(given, str):
        given = json.loads(given) if given.startswith("[") else [given]
    birth = data.get("birth_date")
    identity = Identity(
        birth_name=str(data.get("birth_name") or ""), given_names=tuple(str(g) for g in given),
        birth_date=dt.date.fromisoformat(str(birth)) if birth else None,
        sex=Sex(str(data.get("sex") or "unknown")), used_name=data.get("used_name") or None,
        used_given_name=data.get("used_given_name") or None, ipp=ipp,
        status=IdentityStatus.PROVISIONAL, provisional_number=str(number))
    return WardPatient(pid, ward, device, ipp, str(number), identity)
