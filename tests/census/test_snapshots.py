"""Snapshots over time: idempotent, newer updates, departed patients kept, freshness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from care_degraded.domain.errors import Refused
from care_degraded.domain.patient import PresenceStatus
from care_degraded.services import census, patients
from care_degraded.vault import Vault
from tests.census.conftest import at, bundle, patient, write_json


def _census(tmp_path: Path, name: str, resources: list[dict], hours_ago: float) -> Path:
    stamp = at(hours_ago)
    return write_json(tmp_path / name, bundle(resources, timestamp=stamp))


def _rows(vault: Vault) -> list[tuple]:
    return vault.conn.execute("SELECT * FROM patients ORDER BY id").fetchall() + \
        vault.conn.execute("SELECT * FROM prescriptions ORDER BY patient_id, rx_key").fetchall()


def test_same_file_twice_changes_nothing(vault: Vault, small_census: Path) -> None:
    first = census.import_census(vault, small_census)
    before = _rows(vault)
    audit_before = vault.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    second = census.import_census(vault, small_census)
    assert second.already_imported and second.snapshot_id == first.snapshot_id
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 30)
    assert _rows(vault) == before
    assert vault.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_before
    assert len(census.census_status(vault).to_json()) and census.census_status(vault).snapshots == 1


def test_newer_snapshot_updates_and_flags_departures(vault: Vault, tmp_path: Path) -> None:
    a = patient("a", "A1", "Martin", ["Léa"], "1950-01-01")
    b = patient("b", "B1", "Petit", ["Paul"], "1948-05-06", "male")
    c = patient("c", "C1", "Roux", ["Inès"], "1990-07-14")
    census.import_census(vault, _census(tmp_path, "1.json", [a, b, c], hours_ago=30))
    b_moved = {**b, "name": [{"use": "official", "family": "Petit", "given": ["Paul", "Marcel"]}]}
    d = patient("d", "D1", "Noël", ["Odette"], "1931-12-25")
    summary = census.import_census(vault, _census(tmp_path, "2.json", [a, b_moved, d], 6))
    assert (summary.imported, summary.updated, summary.unchanged, summary.left) == (1, 1, 1, 1)
    gone = patients.get_patient(vault, "C1")
    assert gone is not None and gone.presence is PresenceStatus.LEFT and gone.left_at
    assert {p.identity.ipp for p in patients.ward_patients(vault)} == {"A1", "B1", "D1"}
    assert len(patients.list_patients(vault, include_left=True)) == 4
    paul = patients.get_patient(vault, "B1")
    assert paul is not None and paul.identity.given_names == ("Paul", "Marcel")
    # back in a later census: present again
    back = census.import_census(vault, _census(tmp_path, "3.json", [a, b_moved, c, d], 1))
    assert back.updated == 1 and back.left == 0
    again = patients.get_patient(vault, "C1")
    assert again is not None and again.presence is PresenceStatus.PRESENT


def test_departed_patient_with_records_is_kept(vault: Vault, tmp_path: Path) -> None:
    a = patient("a", "A1", "Martin", ["Léa"], "1950-01-01")
    b = patient("b", "B1", "Petit", ["Paul"], "1948-05-06", "male")
    census.import_census(vault, _census(tmp_path, "1.json", [a, b], 10))
    paul = patients.get_patient(vault, "B1")
    assert paul is not None
    with vault.transaction():
        record = vault.revisions.append(kind="record", patient_ref=paul.id,
                                        payload={"note": "synthetic"})
    census.import_census(vault, _census(tmp_path, "2.json", [a], 2))
    kept = patients.get_patient(vault, paul.id)
    assert kept is not None and kept.presence is PresenceStatus.LEFT
    assert vault.revisions.get(record.uuid).patient_ref == paul.id
    with pytest.raises(Exception, match="never deleted"):
        vault.conn.execute("DELETE FROM patients WHERE id = ?", (paul.id,))


def test_removed_prescription_is_kept_inactive(vault: Vault, tmp_path: Path) -> None:
    a = patient("a", "A1", "Martin", ["Léa"], "1950-01-01")

    def rx(rid: str, drug: str) -> dict:
        return {"resourceType": "MedicationRequest", "id": rid, "status": "active",
                "intent": "order", "subject": {"reference": "Patient/a"},
                "medicationCodeableConcept": {"text": drug}}
    census.import_census(vault, _census(tmp_path, "1.json",
                                        [a, rx("r1", "Furosémide 40 mg"),
                                         rx("r2", "Paracétamol 1 g")], 10))
    census.import_census(vault, _census(tmp_path, "2.json", [a, rx("r2", "Paracétamol 1 g")], 2))
    lea = patients.get_patient(vault, "A1")
    assert lea is not None and [p.drug for p in lea.prescriptions] == ["Paracétamol 1 g"]
    rows = vault.conn.execute("SELECT rx_key, active FROM prescriptions ORDER BY rx_key").fetchall()
    assert rows == [("id|r1", 0), ("id|r2", 1)]


def test_older_snapshot_is_refused(vault: Vault, tmp_path: Path) -> None:
    a = patient("a", "A1", "Martin", ["Léa"], "1950-01-01")
    census.import_census(vault, _census(tmp_path, "new.json", [a], 2))
    with pytest.raises(Refused) as err:
        census.import_census(vault, _census(tmp_path, "old.json", [], 20))
    assert err.value.exit_code == 6
    assert len(patients.ward_patients(vault)) == 1


def test_freshness_says_when_and_how_old(vault: Vault, tmp_path: Path) -> None:
    assert census.freshness(vault).label("en") == "no census imported"
    made = dt.datetime(2026, 3, 2, 13, 5, tzinfo=dt.UTC)
    path = write_json(tmp_path / "c.json", bundle(
        [patient("a", "A1", "Martin", ["Léa"], "1950-01-01")], timestamp=made.isoformat()))
    census.import_census(vault, path)
    fresh = census.freshness(vault, now=made + dt.timedelta(hours=2, minutes=10))
    assert fresh.label("fr", tz=dt.UTC) == "recensement de 13:05, il y a 2 h 10"
    assert fresh.label("en", tz=dt.UTC) == "census of 13:05, 2 h 10 ago"
    status = census.census_status(vault, now=made + dt.timedelta(hours=2, minutes=10)).to_json()
    assert status["age_seconds"] == 7800 and status["source"] == "c.json"
    assert status["patients"] == {"present": 1, "left": 0, "admitted_on_ward": 0}


def test_import_is_audited_without_patient_data(vault: Vault, small_census: Path) -> None:
    census.import_census(vault, small_census)
    rows = vault.conn.execute("SELECT action, object FROM audit WHERE action = 'census.import'")
    (action, obj), = rows.fetchall()
    assert obj.startswith("snapshot:")


def test_failure_half_way_leaves_nothing(vault: Vault, small_census: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from care_degraded.census import importer
    from care_degraded.vault.patients import PatientRepository

    real = PatientRepository.insert_census_many
    calls = []

    def failing(self: PatientRepository, *args: object, **kwargs: object) -> list[str]:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "_BATCH", 10)
    monkeypatch.setattr(PatientRepository, "insert_census_many", failing)
    with pytest.raises(OSError):
        census.import_census(vault, small_census)
    assert patients.list_patients(vault, include_left=True) == []
    assert census.latest_snapshot(vault) is None
    monkeypatch.setattr(PatientRepository, "insert_census_many", real)
    assert census.import_census(vault, small_census).imported == 30


def test_empty_census_does_not_empty_the_ward(vault: Vault, tmp_path: Path) -> None:
    a = patient("a", "A1", "Martin", ["Léa"], "1950-01-01")
    census.import_census(vault, _census(tmp_path, "1.json", [a], 5))
    with pytest.raises(Refused):
        census.import_census(vault, _census(tmp_path, "2.json", [], 1))
    assert [p.identity.ipp for p in patients.ward_patients(vault)] == ["A1"]


def test_entry_that_is_not_an_array_is_malformed(vault: Vault, tmp_path: Path) -> None:
    from care_degraded.domain.errors import InvalidInput

    path = write_json(tmp_path / "b.json", {"resourceType": "Bundle", "type": "collection",
                                           "timestamp": at(1), "entry": {"resource": {}}})
    with pytest.raises(InvalidInput, match="entry is not an array"):
        census.import_census(vault, path)
