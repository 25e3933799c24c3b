"""FHIR details a real export carries: urn:uuid references, Medication resources,
event timings, the demo ward."""

from __future__ import annotations

from pathlib import Path

from care_degraded.domain.patient import AllergyStatus
from care_degraded.services import census, patients
from care_degraded.vault import Vault
from tests.census.conftest import at, patient, write_json


def test_transaction_with_uuid_references_and_late_medication(vault: Vault, tmp_path: Path) -> None:
    pid, mid, doc = ("urn:uuid:6f1c1c1e-0000-4000-8000-000000000001",
                     "urn:uuid:6f1c1c1e-0000-4000-8000-000000000002",
                     "urn:uuid:6f1c1c1e-0000-4000-8000-000000000003")
    rx = {"resourceType": "MedicationRequest", "status": "active", "intent": "order",
          "subject": {"reference": pid}, "requester": {"reference": doc},
          "medicationReference": {"reference": mid},
          "dosageInstruction": [{
              "text": "1 comprimé matin et soir",
              "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d",
                                    "when": ["MORN", "EVE"]}},
              "route": {"coding": [{"system": "http://snomed.info/sct", "code": "26643006"}]},
              "doseAndRate": [{"doseQuantity": {"value": 0.5, "unit": "mg"}}],
              "maxDosePerPeriod": {"numerator": {"value": 2, "unit": "prises"},
                                   "denominator": {"value": 24, "unit": "h"}}}]}
    entries = [
        {"fullUrl": pid, "resource": patient("x", "T1", "Bœuf", ["Amédée"], "1935-04-01",
                                             "male"),
         "request": {"method": "PUT", "url": "Patient?identifier=T1"}},
        {"fullUrl": "urn:uuid:6f1c1c1e-0000-4000-8000-000000000004", "resource": rx,
         "request": {"method": "POST", "url": "MedicationRequest"}},
        {"fullUrl": mid, "resource": {"resourceType": "Medication",
                                      "code": {"text": "Bisoprolol 2,5 mg"}},
         "request": {"method": "POST", "url": "Medication"}},
        {"fullUrl": doc, "resource": {"resourceType": "Practitioner", "name": [
            {"family": "Kervella", "given": ["Hélène"], "prefix": ["Dr"]}]},
         "request": {"method": "POST", "url": "Practitioner"}},
        {"request": {"method": "DELETE", "url": "Patient/old"}},
    ]
    path = write_json(tmp_path / "t.json", {"resourceType": "Bundle", "type": "transaction",
                                           "timestamp": at(1), "entry": entries})
    summary = census.import_census(vault, path)
    assert summary.imported == 1
    assert summary.ignored_details == {"entry without resource": 1}
    found = patients.get_patient(vault, "T1")
    assert found is not None
    (line,) = found.prescriptions
    assert line.drug == "Bisoprolol 2,5 mg"  # resolved from a Medication further down
    assert line.prescriber == "Dr Hélène Kervella"
    assert line.times_of_day == ("08:00", "18:00")
    assert (line.dose_value, line.dose_unit, line.route) == ("0.5", "mg", "voie orale")
    assert line.max_per_day == "2 prises/24 h"
    assert line.frequency == "2 fois / 1 j"
    assert line.key.startswith("content|")  # neither id nor identifier: keyed by content


def test_searchset_with_included_resources(vault: Vault, tmp_path: Path) -> None:
    entries = [
        {"resource": patient("p1", "S1", "Rivière", ["Noémie"], "1999-09-09"),
         "search": {"mode": "match"}},
        {"resource": {"resourceType": "AllergyIntolerance", "id": "a1",
                      "patient": {"reference": "Patient/p1"},
                      "code": {"coding": [{"system": "http://snomed.info/sct",
                                           "code": "91936005", "display": "Pénicillines"}]},
                      "criticality": "high",
                      "reaction": [{"manifestation": [{"text": "œdème de Quincke"}]}]},
         "search": {"mode": "include"}},
        {"resource": {"resourceType": "OperationOutcome", "issue": []},
         "search": {"mode": "outcome"}},
    ]
    path = write_json(tmp_path / "s.json", {"resourceType": "Bundle", "type": "searchset",
                                           "meta": {"lastUpdated": at(3)}, "entry": entries})
    summary = census.import_census(vault, path)
    assert summary.generated_at_basis == "meta-lastUpdated"
    assert summary.ignored_details == {"OperationOutcome": 1}
    found = patients.get_patient(vault, "S1")
    assert found is not None and found.allergy_status is AllergyStatus.PRESENT
    (allergy,) = found.allergies
    assert (allergy.substance, allergy.criticality, allergy.reaction) == (
        "Pénicillines", "high", "œdème de Quincke")


def test_demo_ward(manager_vault: Vault) -> None:
    summary = census.populate_demo(manager_vault, patients=28, beds=30, seed=2026)
    assert summary.imported == 28
    ward = patients.ward_patients(manager_vault)
    assert len(ward) == 28
    assert {p.location.unit for p in ward} == {manager_vault.ward}
    assert len({p.location.bed for p in ward}) == 28
    label = census.freshness(manager_vault).label("fr")
    assert label.endswith("il y a 1 h 35")
    assert not census.freshness(manager_vault).stale
