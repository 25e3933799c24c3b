"""Provisional identities for patients admitted during the outage; duplicate warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from care_degraded.domain.patient import IdentityStatus, PresenceStatus, Sex
from care_degraded.services import census, patients
from care_degraded.services.patients import LikelyDuplicate
from care_degraded.vault import Vault
from tests.census.conftest import at, bundle, patient, write_json
from tests.conftest import RecoveryKey


def _admit(vault: Vault, surname: str, given: str, born: str, **kw: object) -> patients.Admission:
    return patients.admit_patient(vault, surname=surname, given_names=given.split(),
                                  birth_date=dt.date.fromisoformat(born),
                                  sex=kw.pop("sex", "female"), **kw)  # type: ignore[arg-type]


def test_admission_gives_a_numbered_provisional_identity(vault: Vault) -> None:
    first = _admit(vault, "Hénaut", "Zoé", "1987-03-04", bed="7A")
    second = _admit(vault, "Inconnu", "Homme", "1960-01-01", sex="male")
    prefix = vault.device.prefix
    assert first.patient.identity.provisional_number == f"{prefix}-00001"
    assert second.patient.identity.provisional_number == f"{prefix}-00002"
    ident = first.patient.identity
    assert ident.status is IdentityStatus.PROVISIONAL and ident.is_provisional
    assert ident.ipp is None and ident.ins is None
    assert first.patient.location.bed == "7A"
    assert first.patient.presence is PresenceStatus.PRESENT
    # stored as an append-only revision, since a person typed it
    revision = vault.revisions.get(first.revision.uuid)
    assert revision.kind == "admission" and revision.patient_ref == first.patient.id
    assert revision.author == vault.user.login
    assert revision.payload["identity"]["provisional_number"] == f"{prefix}-00001"
    assert revision.payload["identity"]["status"] == "provisional"
    found = patients.get_patient(vault, f"{prefix}-00001")
    assert found is not None and found.id == first.patient.id
    assert patients.search_patients(vault, f"{prefix.lower()}-00002")[0].id == second.patient.id


def test_provisional_numbers_are_unique_across_two_vaults(tmp_path: Path,
                                                          recovery_key: RecoveryKey) -> None:
    numbers: list[str] = []
    prefixes: list[str] = []
    for name in ("ward-a", "ward-b"):
        with Vault.create(tmp_path / name, ward=name, login="cadre", display_name="Cadre",
                          passphrase="garde de nuit 2026",
                          recovery_recipient=recovery_key.recipient) as vault:
            prefixes.append(vault.device.prefix)
            for n in range(3):  # the same people admitted on both machines
                numbers.append(str(_admit(vault, "Dupont", f"Jean{n}", f"195{n}-01-01",
                                          force=True).patient.identity.provisional_number))
    assert prefixes[0] != prefixes[1]
    assert len(set(numbers)) == 6
    for prefix, chunk in zip(prefixes, (numbers[:3], numbers[3:]), strict=True):
        assert all(number.startswith(f"{prefix}-") for number in chunk)


def test_counter_survives_reopening(vault_path: Path) -> None:
    from tests.conftest import NURSE

    for expected in ("00001", "00002"):
        with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as vault:
            number = _admit(vault, "Roux", "Inès", "1990-07-14", force=True)
            assert number.patient.identity.provisional_number.endswith(expected)  # type: ignore[union-attr]


@pytest.mark.parametrize(("surname", "given", "why"), [
    ("LEFEVRE", "helene", "surname: same"),
    ("Lefebvre", "Hélène", "surname: spelling"),
    ("Lefèvre-Martin", "Hélène", "surname: compound"),
    ("Lefèvre", "Marie", "given name: same"),
    ("Hélène", "Lefèvre", "surname and given name swapped"),
])
def test_likely_duplicate_of_census_patient_exits_6(vault: Vault, tmp_path: Path,
                                                    surname: str, given: str, why: str) -> None:
    person = patient("h", "00012", "Lefèvre", ["Hélène", "Marie"], "1941-01-31")
    census.import_census(vault, write_json(tmp_path / "c.json",
                                           bundle([person], timestamp=at(2))))
    with pytest.raises(LikelyDuplicate) as err:
        _admit(vault, surname, given, "1941-01-31")
    assert err.value.exit_code == 6
    assert "Lefèvre" not in str(err.value) and "1941" not in str(err.value)
    (candidate,) = err.value.candidates
    assert candidate.patient.identity.ipp == "00012"
    assert why in candidate.reasons and "same birth date" in candidate.reasons
    assert patients.list_patients(vault) == [candidate.patient]  # nothing admitted


def test_day_and_month_swapped_birth_date_is_a_candidate(vault: Vault) -> None:
    _admit(vault, "Martin", "Léa", "1950-03-04")
    with pytest.raises(LikelyDuplicate) as err:
        _admit(vault, "Martin", "Léa", "1950-04-03")
    assert "birth date with day and month swapped" in err.value.candidates[0].reasons


def test_duplicates_among_provisional_identities_and_force(vault: Vault) -> None:
    first = _admit(vault, "D'Almeida", "José", "1975-06-15", sex="male")
    with pytest.raises(LikelyDuplicate):
        _admit(vault, "Dalmeida", "Jose", "1975-06-15", sex="male")
    forced = _admit(vault, "Dalmeida", "Jose", "1975-06-15", sex="male", force=True)
    assert [c.patient.id for c in forced.overridden] == [first.patient.id]
    assert forced.revision.payload["duplicates_overridden"] == [first.patient.id]


def test_different_people_are_not_candidates(vault: Vault) -> None:
    _admit(vault, "Martin", "Léa", "1950-03-04")
    _admit(vault, "Martin", "Paul", "1950-03-04", sex="male")  # same date, other given name
    _admit(vault, "Durand", "Léa", "1950-03-04")  # same date, other surname
    _admit(vault, "Martin", "Léa", "1951-03-04")  # other date
    assert len(patients.ward_patients(vault)) == 4


def test_admission_input_is_checked(vault: Vault) -> None:
    from care_degraded.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        _admit(vault, " - ", "Léa", "1950-01-01")
    with pytest.raises(InvalidInput):
        patients.admit_patient(vault, surname="Martin", given_names=[],
                               birth_date=dt.date(1950, 1, 1), sex=Sex.FEMALE)
    with pytest.raises(InvalidInput):
        _admit(vault, "Martin", "Léa", (dt.date.today() + dt.timedelta(days=2)).isoformat())
