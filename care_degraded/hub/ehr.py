"""The EHR's patient list after recovery (FHIR Bundle or CSV, the ward census parsers).

The admissions office registers patients again when the EHR comes back; IT loads
that list so that provisional identities can be linked to an IPP. The same file twice
writes nothing; a newer list updates the patients it names and keeps the others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from care_degraded.census.reader import read_census
from care_degraded.domain.clock import iso, utcnow
from care_degraded.domain.patient import (
    AllergyStatus,
    Identity,
    IdentityStatus,
    Location,
    Patient,
    Prescription,
    PresenceStatus,
    Sex,
)
from care_degraded.hub.store import HubStore


def import_ehr_census(store: HubStore, path: Path) -> dict[str, Any]:
    """Load one EHR patient list; returns the counts for the screen and --json."""
    parsed = read_census(path)
    known = store.conn.execute("SELECT id FROM ehr_imports WHERE sha256 = ?",
                               (parsed.content_sha256,)).fetchone()
    summary: dict[str, Any] = {
        "source": parsed.source, "content_sha256": parsed.content_sha256,
        "generated_at": parsed.generated_at.isoformat(), "already_imported": known is not None,
        "patients": len(parsed.entries), "imported": 0, "updated": 0, "unchanged": 0,
        "refused": len(parsed.refused), "without_ipp": 0,
        "refused_details": [{"where": r.where, "reason": r.reason} for r in parsed.refused]}
    if known is not None:
        return summary
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO ehr_imports (source, sha256, generated_at, imported_at, imported_by,"
            " patients) VALUES (?, ?, ?, ?, ?, ?)",
            (parsed.source, parsed.content_sha256, parsed.generated_at.isoformat(),
             iso(utcnow()), store.login, len(parsed.entries)))
        import_id = int(cur.lastrowid or 0)
        have = dict(conn.execute("SELECT ipp, body FROM ehr_patients").fetchall())
        rows = []
        for entry in parsed.entries:
            ipp = entry.identity.ipp
            if not ipp:
                summary["without_ipp"] += 1
                continue
            body = json.dumps({"identity": _plain(entry.identity),
                               "prescriptions": [_plain(p) for p in entry.prescriptions]},
                              ensure_ascii=False, sort_keys=True)
            if have.get(ipp) == body:
                summary["unchanged"] += 1
                continue
            summary["updated" if ipp in have else "imported"] += 1
            birth = entry.identity.birth_date
            rows.append((ipp, birth.isoformat() if birth else None, body, import_id))
        conn.executemany("INSERT OR REPLACE INTO ehr_patients (ipp, birth_date, body,"
                         " import_id) VALUES (?, ?, ?, ?)", rows)
        store.journal("ehr.census.import", f"{import_id}:{parsed.content_sha256[:12]}")
    return summary


def _plain(value: Any) -> dict[str, Any]:
    out = {}
    for f in dataclasses.fields(value):
        item = getattr(value, f.name)
        out[f.name] = item.isoformat() if isinstance(item, dt.date) else (
            list(item) if isinstance(item, tuple) else item)
    return out


def ehr_patient(ipp: str, body: str) -> Patient:
    data = json.loads(body)
    ident = dict(data["identity"])
    ident["given_names"] = tuple(ident.get("given_names") or ())
    ident["birth_date"] = dt.date.fromisoformat(ident["birth_date"]) \
        if ident.get("birth_date") else None
    ident["sex"] = Sex(ident.get("sex") or "unknown")
    ident["status"] = IdentityStatus(ident.get("status") or "unknown")
    prescriptions = []
    for rx in data.get("prescriptions") or []:
        rx = dict(rx)
        rx["times_of_day"] = tuple(rx.get("times_of_day") or ())
        prescriptions.append(Prescription(**rx))
    return Patient(id=f"ehr:{ipp}", identity=Identity(**ident), location=Location(),
                   presence=PresenceStatus.PRESENT, allergy_status=AllergyStatus.NOT_DOCUMENTED,
                   allergies=(), prescriptions=tuple(prescriptions))


def ehr_patients_born(store: HubStore, dates: Iterable[dt.date]) -> list[Patient]:
    """EHR patients born on one of ``dates`` (the index the candidate search uses)."""
    wanted = sorted(d.isoformat() for d in dates)
    if not wanted:
        return []
    rows = store.conn.execute(
        f"SELECT ipp, body FROM ehr_patients WHERE birth_date IN ({', '.join('?' * len(wanted))})",
        wanted).fetchall()
    return [ehr_patient(str(i), str(b)) for i, b in rows]


def ehr_patient_by_ipp(store: HubStore, ipp: str) -> Patient | None:
    row = store.conn.execute("SELECT body FROM ehr_patients WHERE ipp = ?", (ipp,)).fetchone()
    return ehr_patient(ipp, str(row[0])) if row else None


def ehr_count(store: HubStore) -> int:
    return int(store.conn.execute("SELECT count(*) FROM ehr_patients").fetchone()[0])
