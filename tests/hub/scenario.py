"""The reconciliation scenario, built for real: two ward vaults, their bundles, the EHR list.

Ward A admits Marie-Anne LEFÈVRE provisionally; ward B admits the same woman as
Marianne LEFEVRE. Ward A also admits Jean DUBOIS, whom the admissions office
registers in the EHR after recovery (IPP 900003). Records are written through the
ward services and leave in genuine signed bundles (sync export).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from care_degraded.domain.patient import Sex
from care_degraded.services import checklists, crisis_log, forms, patients, records
from care_degraded.services import sync as sync_service
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE
from tests.sync.kit import enrolment_file, make_hub, new_ward, open_hub

WARD_A = "Médecine A (test)"
WARD_B = "Chirurgie B (test)"
VITALS = {"temp": 37.9, "hr": 96, "sbp": 118, "dbp": 70, "rr": 18, "spo2": 96, "o2": "air",
          "avpu": "A"}
SBAR = {"from": "IDE de jour", "situation": "Stable, apyrétique", "assessment": "NEWS2 1",
        "recommendation": "Surveillance"}

EHR_CSV = """ipp;birth_name;given_names;birth_date;sex;drug;dose;dose_unit;route;times;as_needed
900001;LEFÈVRE;Marie-Anne;1948-03-07;F;Paracétamol;1;g;voie orale;08:00|20:00;
900001;LEFÈVRE;Marie-Anne;1948-03-07;F;Morphine;5;mg;SC;;douleur
900002;Martin;Paul;1971-11-02;M;;;;;;
900003;DUBOIS;Jean;1960-05-12;M;;;;;;
"""


def ehr_update() -> dict[str, object]:
    """The EHR's later list for 900001 (FHIR): her PRN morphine has a maximum, 4 in 24 h."""
    pid = "urn:uuid:7a1c1c1e-0000-4000-8000-000000000001"
    ipp = [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                                 "code": "PI"}]},
            "system": "https://example.org/fhir/sid/ipp", "value": "900001"}]
    patient = {"resourceType": "Patient", "identifier": ipp, "gender": "female",
               "birthDate": "1948-03-07",
               "name": [{"use": "official", "family": "LEFÈVRE", "given": ["Marie-Anne"]}]}
    morphine = {"resourceType": "MedicationRequest", "id": "rx-morphine", "status": "active",
                "intent": "order", "subject": {"reference": pid},
                "medicationCodeableConcept": {"text": "Morphine"},
                "dosageInstruction": [{
                    "asNeededCodeableConcept": {"text": "douleur EVA > 4"},
                    "route": {"text": "SC"},
                    "doseAndRate": [{"doseQuantity": {"value": 5, "unit": "mg"}}],
                    "maxDosePerPeriod": {"numerator": {"value": 4, "unit": "prises"},
                                         "denominator": {"value": 24, "unit": "h"}}}]}
    paracetamol = {"resourceType": "MedicationRequest", "id": "rx-para", "status": "active",
                   "intent": "order", "subject": {"reference": pid},
                   "medicationCodeableConcept": {"text": "Paracétamol"},
                   "dosageInstruction": [{"timing": {"repeat": {"timeOfDay": ["08:00:00",
                                                                             "20:00:00"]}},
                                          "doseAndRate": [{"doseQuantity": {"value": 1,
                                                                            "unit": "g"}}]}]}
    return {"resourceType": "Bundle", "type": "collection",
            "timestamp": "2026-12-02T06:00:00+01:00",
            "entry": [{"fullUrl": pid, "resource": patient},
                      {"resource": morphine}, {"resource": paracetamol}]}


@dataclass(frozen=True)
class Scenario:
    hub_template: Path  # enrolled, nothing ingested
    bundles: list[Path]  # every ward bundle, in the order made
    ehr_csv: Path
    ehr_fhir: Path
    numbers: dict[str, str]  # "lefevre-a", "lefevre-b", "dubois" -> provisional number
    ward_a: Path
    ward_b: Path


def _med(drug: str, planned: str, given_at: str) -> dict[str, object]:
    return {"drug": drug, "dose": 1, "unit": "g", "route": "po", "planned": planned,
            "status": "given", "given-at": given_at, "high-risk": False}


def build(root: Path, recipient: str) -> Scenario:
    hub = make_hub(root / "hub", recipient)
    ward_a = new_ward(root / "ward-a", recipient, WARD_A)
    ward_b = new_ward(root / "ward-b", recipient, WARD_B)
    for ward, name in ((ward_a, WARD_A), (ward_b, WARD_B)):
        file = enrolment_file(hub, root / f"enrol-{name[:3]}.json", ward=name)
        with Vault.unlock(ward, MANAGER[0], MANAGER[2]) as v:
            sync_service.enroll(v, file)
    lib = forms.library()
    numbers: dict[str, str] = {}
    out = root / "usb"
    out.mkdir()
    bundles = []
    with Vault.unlock(ward_a, NURSE[0], NURSE[2]) as v:
        lef = patients.admit_patient(v, surname="Lefèvre", given_names=["Marie-Anne"],
                                     birth_date=dt.date(1948, 3, 7), sex=Sex.FEMALE,
                                     force=True).patient
        dub = patients.admit_patient(v, surname="Dubois", given_names=["Jean"],
                                     birth_date=dt.date(1960, 5, 12), sex=Sex.MALE,
                                     force=True).patient
        numbers["lefevre-a"] = str(lef.identity.provisional_number)
        numbers["dubois"] = str(dub.identity.provisional_number)
        records.record_care(v, lib, lef.id, "vital-signs",
                            {"effective": "2026-12-01T08:00", **VITALS})
        records.record_care(v, lib, lef.id, "medication-administration",
                            _med("Paracétamol", "2026-12-01T08:00", "2026-12-01T08:05"))
        records.record_care(v, lib, lef.id, "sbar-handover",
                            {"effective": "2026-12-01T13:30", **SBAR})
        # one machine, the same dose twice (two nurses, one due time)
        for given in ("2026-12-01T12:02", "2026-12-01T12:20"):
            records.record_care(v, lib, dub.id, "medication-administration",
                                _med("Amoxicilline", "2026-12-01T12:00", given))
        # a dose not given, one given 2 h late
        records.record_care(v, lib, dub.id, "medication-administration", {
            **_med("Amoxicilline", "2026-12-01T20:00", "2026-12-01T20:00"),
            "status": "not-given", "given-at": None, "not-given-reason": "refused"})
        records.record_care(v, lib, lef.id, "medication-administration",
                            _med("Paracétamol", "2026-12-01T20:00", "2026-12-01T22:10"))
        records.record_care(v, lib, dub.id, "pain", {"effective": "2026-12-01T09:00",
                                                          "method": "nrs", "nrs": 4})
    with Vault.unlock(ward_a, MANAGER[0], MANAGER[2]) as v:
        run = checklists.start_run(v, lib, "start")
        checklists.end_run(v, lib, run.run_id)
        checklists.start_run(v, lib, "shift")  # left open
        crisis_log.add_entry(v, "incident", "Imprimante du poste infirmier en panne")
        crisis_log.add_entry(v, "decision", "Passage en mode dégradé")
        bundles.append(Path(sync_service.export(v, out)["file"]))
    with Vault.unlock(ward_b, NURSE[0], NURSE[2]) as v:
        lef_b = patients.admit_patient(v, surname="LEFEVRE", given_names=["Marianne"],
                                       birth_date=dt.date(1948, 3, 7), sex=Sex.FEMALE,
                                       force=True).patient
        numbers["lefevre-b"] = str(lef_b.identity.provisional_number)
        records.record_care(v, lib, lef_b.id, "vital-signs",
                            {"effective": "2026-12-01T08:04", **VITALS, "hr": 101})
        # the same 08:00 paracetamol, given again on the other ward's machine
        records.record_care(v, lib, lef_b.id, "medication-administration",
                            _med("Paracétamol", "2026-12-01T08:00", "2026-12-01T08:40"))
        records.record_care(v, lib, lef_b.id, "sbar-handover",
                            {"effective": "2026-12-01T13:30", **SBAR,
                             "situation": "Transférée en chirurgie"})
        # PRN morphine: five doses in 24 h on this machine
        for hour in ("00", "04", "08", "12", "16"):
            records.record_care(v, lib, lef_b.id, "medication-administration",
                                {**_med("Morphine", "", f"2026-12-01T{hour}:30"),
                                 "planned": None, "dose": 5, "unit": "mg", "route": "sc"})
        bundles.append(Path(sync_service.export(v, out)["file"]))
    ehr = root / "ehr.csv"
    ehr.write_text(EHR_CSV, encoding="utf-8")
    fhir = root / "ehr-update.json"
    fhir.write_text(json.dumps(ehr_update(), ensure_ascii=False), encoding="utf-8")
    return Scenario(hub, bundles, ehr, fhir, numbers, ward_a, ward_b)


def clashing_bundle(scenario: Scenario, hub: Path, sequence: int = 2) -> tuple[bytes, str]:
    """Ward A's first vitals revision again, same uuid, other content, signed by its key.

    What a vault copied to a second machine and edited there would send; returns the
    bundle and the revision's uuid.
    """
    import pyrage

    from care_degraded.sync.bundle import split
    from care_degraded.sync.canonical import b64
    from care_degraded.vault.revisions import signing_bytes
    from tests.sync.forge import forged_content

    with open_hub(hub) as store:
        identity = store.identity
    sealed = split(bytes(pyrage.decrypt(scenario.bundles[0].read_bytes(), [identity])))
    body = json.loads(sealed.body)
    rev = next(r for r in body["revisions"] if "vital-signs" in r["payload"])
    rev["payload"] = rev["payload"].replace('"hr":96', '"hr":69')
    assert '"hr":69' in rev["payload"]
    with Vault.unlock(scenario.ward_a, NURSE[0], NURSE[2]) as v:
        key = v.signing_key()
    rev["signature"] = b64(key.sign(signing_bytes(
        rev["uuid"], rev["record_id"], rev["kind"], rev["patient_ref"], rev["author"],
        rev["device"], rev["created_at"], rev["supersedes"], rev["status"], rev["payload"])))
    data = forged_content(scenario.ward_a, revisions=[rev], sequence=sequence)
    return data, str(rev["uuid"])


def fresh_hub(scenario: Scenario, target: Path) -> Path:
    shutil.copytree(scenario.hub_template, target)
    return target


def ingested_hub(scenario: Scenario, target: Path, ehr: bool = True) -> Path:
    """A copy of the hub with every bundle ingested (and the EHR list loaded)."""
    from care_degraded.services import hub as hub_service
    from care_degraded.services import reconcile

    fresh_hub(scenario, target)
    with open_hub(target) as store:
        summary = hub_service.ingest_files(store, scenario.bundles)
        assert summary["exit_code"] == 0, summary["refused"]
        if ehr:
            reconcile.census_import(store, scenario.ehr_csv)
            reconcile.census_import(store, scenario.ehr_fhir)
    return target
