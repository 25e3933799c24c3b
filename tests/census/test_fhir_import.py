"""Importing FHIR census Bundles, with real examples from the FHIR specification."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from care_degraded.census.fhir_census import read_fhir_census
from care_degraded.census.json_stream import BundleStream
from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.patient import AllergyStatus, IdentityStatus, Sex
from care_degraded.services import census, patients
from care_degraded.vault import Vault
from tests.census.conftest import DATA, bundle, patient, spec_resource, write_json


def test_spec_collection_bundle_of_patients_imports(vault: Vault) -> None:
    summary = census.import_census(vault, DATA / "Bundle-b248b1b2-1686-4b94-9936-37d7a5f94b51.json")
    assert (summary.imported, summary.refused, summary.ignored) == (12, 0, 0)
    assert summary.generated_at_basis == "meta-lastUpdated"
    eve = patients.get_patient(vault, "444222222")
    assert eve is not None
    assert eve.identity.birth_name == "Everywoman"  # DSTU2 family list, read as one name
    assert eve.identity.given_names == ("Eve",)
    assert eve.identity.sex is Sex.FEMALE
    assert str(eve.identity.birth_date) == "1973-05-31"
    assert eve.allergy_status is AllergyStatus.NOT_DOCUMENTED


def test_patient_with_several_identifiers_and_one_without(vault: Vault, tmp_path: Path) -> None:
    resources = [spec_resource("Patient-f201.json"), spec_resource("Patient-newborn.json"),
                 spec_resource("Encounter-example.json"),
                 {"resourceType": "Observation", "id": "obs-1", "status": "final",
                  "code": {"text": "poids"}}]
    path = write_json(tmp_path / "spec.json", bundle(resources))
    summary = census.import_census(vault, path)
    assert summary.imported == 1
    assert summary.refused == 1
    assert [r.reason for r in summary.refused_details] == ["no identifier"]
    assert "Patient" in summary.refused_details[0].where  # says where, not who
    # the Observation is an unknown type; the Encounter points at a Patient not in the file
    assert summary.ignored_details == {"Observation": 1, "Encounter (no matching Patient)": 1}
    roel = patients.get_patient(vault, "123456789")
    assert roel is not None
    assert roel.identity.birth_name == "Bor"
    assert roel.identity.given_names == ("Roelof Olaf",)
    assert roel.identity.ins is None  # a BSN is not an INS


def test_spec_encounter_gives_the_stay(vault: Vault, tmp_path: Path) -> None:
    encounter = spec_resource("Encounter-example.json")
    person = patient("example", "IPP-1", "Chalmers", ["Peter"], "1974-12-25", "male")
    encounter = {**encounter, "location": [
        {"location": {"display": "12B"}, "physicalType": {"coding": [{"code": "bd"}]}},
        {"location": {"display": "12"}, "physicalType": {"coding": [{"code": "ro"}]}},
        {"location": {"display": "Old room"}, "status": "completed"}]}
    path = write_json(tmp_path / "c.json", bundle([encounter, person]))  # Encounter first
    census.import_census(vault, path)
    found = patients.get_patient(vault, "IPP-1")
    assert found is not None
    assert (found.location.room, found.location.bed) == ("12", "12B")


@pytest.mark.parametrize("kind", ["collection", "searchset", "transaction", "batch"])
def test_bundle_types(vault: Vault, tmp_path: Path, kind: str) -> None:
    path = write_json(tmp_path / "b.json", bundle(
        [patient("a", "A1", "Hénaut", ["Zoé"], "1940-02-29")], kind=kind))
    assert census.import_census(vault, path).imported == 1


def test_document_bundle_is_refused(vault: Vault, tmp_path: Path) -> None:
    path = write_json(tmp_path / "b.json", bundle([], kind="document"))
    with pytest.raises(InvalidInput) as err:
        census.import_census(vault, path)
    assert err.value.exit_code == 5


def test_generated_census_round_trip(vault: Vault, small_census: Path) -> None:
    summary = census.import_census(vault, small_census)
    assert summary.imported == 30 and summary.refused == 0 and summary.ignored == 0
    ward = patients.ward_patients(vault)
    assert len(ward) == 30
    assert all(p.location.bed for p in ward)
    with_rx = [p for p in ward if p.prescriptions]
    assert with_rx
    rx = with_rx[0].prescriptions[0]
    assert rx.drug and rx.route and rx.prescriber and rx.start
    assert any(r.times_of_day for p in with_rx for r in p.prescriptions)
    assert any(p.identity.status is IdentityStatus.QUALIFIED and p.identity.ins for p in ward)
    assert all(p.identity.ins is None for p in ward
               if p.identity.status is not IdentityStatus.QUALIFIED)
    assert {p.allergy_status for p in ward} >= {AllergyStatus.PRESENT, AllergyStatus.NONE_KNOWN}


def test_malformed_json_imports_nothing_and_names_the_line(vault: Vault, tmp_path: Path,
                                                          small_census: Path) -> None:
    text = small_census.read_text(encoding="utf-8").splitlines()
    text[40] = text[40][:-3]  # cut the end of one entry
    bad = tmp_path / "bad.json"
    bad.write_text("\n".join(text), encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        census.import_census(vault, bad)
    assert err.value.exit_code == 5
    assert "line 42 (value starting line 41)" in str(err.value)
    assert patients.list_patients(vault, include_left=True) == []
    assert census.latest_snapshot(vault) is None


def test_bad_birth_date_refuses_the_whole_file(vault: Vault, tmp_path: Path) -> None:
    good = patient("a", "A1", "Martin", ["Léa"], "1950-01-01")
    bad = patient("b", "B1", "Petit", ["Paul"], "1950-02-31")
    path = write_json(tmp_path / "b.json", bundle([good, bad]))
    with pytest.raises(InvalidInput) as err:
        census.import_census(vault, path)
    assert any("birthDate" in p and "entry 2" in p for p in err.value.problems)
    assert "Petit" not in str(err.value) and "1950-02-31" not in str(err.value)
    assert patients.list_patients(vault, include_left=True) == []


def test_stream_reads_entries_across_tiny_chunks(small_census: Path) -> None:
    raw = small_census.read_bytes()
    expected = json.loads(raw)["entry"]
    stream = BundleStream(io.BytesIO(b"\xef\xbb\xbf" + raw), chunk=5)
    assert [e for _, _, e in stream] == expected
    assert stream.header["type"] == "collection"


def test_truncated_file_is_malformed(tmp_path: Path, small_census: Path) -> None:
    cut = tmp_path / "cut.json"
    cut.write_bytes(small_census.read_bytes()[:-200])
    with pytest.raises(InvalidInput):
        read_fhir_census(cut)


def test_inactive_prescriptions_and_allergies_are_not_imported(vault: Vault, tmp_path: Path) -> None:
    person = patient("p", "P1", "Noël", ["Odette"], "1931-12-25")
    rx = {"resourceType": "MedicationRequest", "id": "rx1", "status": "stopped",
          "intent": "order", "subject": {"reference": "Patient/p"},
          "medicationCodeableConcept": {"text": "Furosémide 40 mg"}}
    allergy = {"resourceType": "AllergyIntolerance", "id": "al1",
               "clinicalStatus": {"coding": [{"code": "resolved"}]},
               "code": {"text": "Latex"}, "patient": {"reference": "Patient/p"}}
    summary = census.import_census(vault, write_json(tmp_path / "c.json",
                                                     bundle([person, rx, allergy])))
    assert summary.ignored_details == {"MedicationRequest (not active)": 1,
                                       "AllergyIntolerance (inactive or refuted)": 1}
    found = patients.get_patient(vault, "P1")
    assert found is not None and found.prescriptions == ()
