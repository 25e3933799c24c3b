"""Search: names without accents or case, sound-alikes, IPP, numbers, rooms and beds."""

from __future__ import annotations

from pathlib import Path

import pytest

from care_degraded.services import census, patients
from care_degraded.vault import Vault
from tests.census.conftest import at, bundle, patient, write_json


@pytest.fixture
def ward(vault: Vault, tmp_path: Path) -> Vault:
    def placed(pid: str, ipp: str, family: str, given: list[str], born: str, room: str,
               bed: str, **extra: object) -> list[dict]:
        enc = {"resourceType": "Encounter", "id": f"e{pid}", "status": "in-progress",
               "subject": {"reference": f"Patient/{pid}"}, "location": [
                   {"location": {"display": bed}, "physicalType": {"coding": [{"code": "bd"}]}},
                   {"location": {"display": room}, "physicalType": {"coding": [{"code": "ro"}]}}]}
        return [patient(pid, ipp, family, given, born, **extra), enc]  # type: ignore[arg-type]

    people = (placed("1", "00101", "Lefèvre", ["Hélène"], "1941-01-31", "12", "12A")
              + placed("2", "00102", "Lefebvre", ["Marc"], "1950-02-02", "12", "12B", gender="male")
              + placed("3", "00103", "Le Goff", ["Anne-Sophie"], "1960-03-03", "14", "14")
              + placed("4", "00104", "D'Almeida", ["José"], "1970-04-04", "15", "15A",
                       gender="male")
              + placed("5", "00105", "Dupont", ["Jean-Baptiste"], "1980-05-05", "16", "16A",
                       gender="male")
              + placed("6", "00106", "Martin-Durand", ["Zoé"], "1990-06-06", "17", "17"))
    census.import_census(vault, write_json(tmp_path / "c.json", bundle(people, timestamp=at(1))))
    return vault


def _ipps(vault: Vault, query: str) -> list[str | None]:
    return [p.identity.ipp for p in patients.search_patients(vault, query)]


@pytest.mark.parametrize(("query", "first"), [
    ("lefevre", "00101"), ("LEFÈVRE", "00101"), ("Lefebvre", "00102"),
    ("helene", "00101"), ("le goff", "00103"), ("legoff", "00103"), ("LE-GOFF", "00103"),
    ("dalmeida", "00104"), ("d'almeida jose", "00104"), ("anne sophie", "00103"),
    ("jean baptiste dupont", "00105"), ("durand", "00106"), ("martin-durand zoe", "00106"),
])
def test_names_ignore_accents_case_hyphens(ward: Vault, query: str, first: str) -> None:
    assert _ipps(ward, query)[0] == first


def test_sound_alike_names_are_found(ward: Vault) -> None:
    assert set(_ipps(ward, "Lefeuvre")) == {"00101", "00102"}
    assert _ipps(ward, "Dupond") == ["00105"]
    assert _ipps(ward, "Ane-Sofie Le Gof") == ["00103"]
    assert set(_ipps(ward, "lef")) == {"00101", "00102"}


def test_whole_names_rank_before_sound_alikes(ward: Vault) -> None:
    assert _ipps(ward, "lefebvre") == ["00102", "00101"]


def test_ipp_room_and_bed(ward: Vault) -> None:
    assert _ipps(ward, "00104") == ["00104"]
    assert set(_ipps(ward, "12")) == {"00101", "00102"}
    assert _ipps(ward, "12b") == ["00102"]
    assert _ipps(ward, "lit 15A") == ["00104"]
    assert set(_ipps(ward, "chambre 12")) == {"00101", "00102"}


def test_nothing_found(ward: Vault) -> None:
    assert patients.search_patients(ward, "") == []
    assert patients.search_patients(ward, "Zzyzx") == []
    assert patients.search_patients(ward, "100%_") == []
