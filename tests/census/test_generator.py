"""The synthetic census: deterministic, French, realistic enough for a MAR."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from care_degraded.census import generator
from care_degraded.cli import main
from care_degraded.fhir import codes


def _resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_same_seed_same_bytes_other_seed_other_census(tmp_path: Path) -> None:
    a = generator.write(tmp_path / "a.json", 60, 4).read_bytes()
    b = generator.write(tmp_path / "b.json", 60, 4).read_bytes()
    c = generator.write(tmp_path / "c.json", 60, 5).read_bytes()
    assert a == b
    assert a != c
    assert json.loads(a) == generator.generate(60, 4)


def test_cli_generate_is_deterministic(tmp_path: Path) -> None:
    for name in ("x.json", "y.json"):
        assert main(["census", "generate", "--patients", "25", "--seed", "9",
                     "--out", str(tmp_path / name)]) == 0
    assert (tmp_path / "x.json").read_bytes() == (tmp_path / "y.json").read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".census-")]


def test_french_names_with_accents_hyphens_particles_apostrophes() -> None:
    bundle = generator.generate(400, 1)
    surnames = [n["family"] for p in _resources(bundle, "Patient") for n in p["name"]]
    given = [g for p in _resources(bundle, "Patient") for n in p["name"] for g in n["given"]]
    everything = " ".join(surnames + given)
    assert re.search(r"[éèêëàâîïôöûüçœ]", everything, re.IGNORECASE)
    assert any("-" in s for s in surnames)  # compound surnames
    assert any(" " in s for s in surnames)  # particles: Le Goff, Da Silva
    assert any("'" in s for s in surnames)  # D'Almeida, N'Diaye
    assert any("-" in g for g in given)  # Jean-Baptiste


def test_identities_beds_allergies_and_prescriptions() -> None:
    bundle = generator.generate(300, 2, beds=320)
    patients = _resources(bundle, "Patient")
    assert len(patients) == 300
    ipp = [p for p in patients if any(i["system"].endswith("/ipp") for i in p["identifier"])]
    ins = [p for p in patients if any(i["system"] == codes.INS_NIR_TEST for i in p["identifier"])]
    assert len(ipp) > 0.9 * len(patients)
    assert 0 < len(ins) < len(patients)
    for p in patients:  # every patient keeps a usable identifier
        assert p in ipp or p in ins
    for p in ins:  # NIR key: 97 - (number mod 97)
        nir = next(i["value"] for i in p["identifier"] if i["system"] == codes.INS_NIR_TEST)
        assert int(nir[-2:]) == 97 - int(nir[:-2]) % 97
    beds = [loc["location"]["reference"] for e in _resources(bundle, "Encounter")
            for loc in e["location"] if loc["physicalType"]["coding"][0]["code"] == "bd"]
    assert len(beds) == len(set(beds)) == 300
    per_patient = Counter(r["subject"]["reference"] for r in _resources(bundle, "MedicationRequest"))
    counts = [per_patient.get(f"Patient/{p['id']}", 0) for p in patients]
    assert min(counts) >= 0 and max(counts) <= 15 and sum(counts) / len(counts) > 4
    rx = _resources(bundle, "MedicationRequest")
    timed = [r for r in rx if r["dosageInstruction"][0]["timing"]["repeat"].get("timeOfDay")]
    prn = [r for r in rx if "asNeededCodeableConcept" in r["dosageInstruction"][0]]
    assert timed and prn
    for r in rx:
        dose = r["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]
        assert dose["value"] > 0 and dose["unit"]
        assert r["dosageInstruction"][0]["route"]["coding"][0]["code"] in codes.ROUTE_LABELS_FR
    allergies = _resources(bundle, "AllergyIntolerance")
    assert any(a["code"]["coding"][0]["code"] == codes.NO_KNOWN_ALLERGY for a in allergies)
    assert any(a.get("criticality") == "high" for a in allergies)


def test_demo_sized_ward_has_one_unit_and_free_beds() -> None:
    bundle = generator.generate(28, 3, beds=30, unit="Médecine B")
    wards = {loc["name"] for loc in _resources(bundle, "Location")
             if loc["physicalType"]["coding"][0]["code"] == "wa"}
    beds = [loc for loc in _resources(bundle, "Location")
            if loc["physicalType"]["coding"][0]["code"] == "bd"]
    assert wards == {"Médecine B"}
    assert len(beds) == 30
    assert len(_resources(bundle, "Patient")) == 28
