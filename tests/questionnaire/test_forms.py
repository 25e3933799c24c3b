"""The shipped form library: every form loads cleanly, accepts a valid response and
refuses an invalid one; NEWS2 and the other scores compute as published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from care_degraded.questionnaire import FormLibrary, compute, load_questionnaire, validate
from care_degraded.questionnaire.spec import ROLE_SYSTEM

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"
LIB = FormLibrary(FORMS_DIR)
AT = "2026-11-29T03:15:00+01:00"

VITALS = {"effective": AT, "temp": 37.0, "hr": 70, "sbp": 120, "dbp": 70, "rr": 16,
          "spo2": 97, "o2": "air", "avpu": "A", "pain": 2, "weight": 72.5}

#: For each form: a valid response, and an invalid one with the linkId it must flag.
CASES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "vital-signs": (VITALS, {**VITALS, "temp": 45.0}, "temp"),
    "medication-administration": (
        {"drug": "Paracétamol 1 g", "dose": 1, "unit": "g", "route": "po", "status": "given",
         "given-at": AT, "high-risk": False},
        {"drug": "Insuline", "dose": 4, "unit": "UI", "route": "sc", "status": "given",
         "given-at": AT, "high-risk": True}, "checker"),
    "capillary-glucose": (
        {"effective": AT, "glucose": 1.12, "insulin-given": False},
        {"effective": AT, "glucose": 1.12, "insulin-given": True}, "insulin-name"),
    "pain": ({"effective": AT, "method": "nrs", "nrs": 4},
             {"effective": AT, "method": "nrs", "nrs": 11}, "nrs"),
    "glasgow": ({"effective": AT, "gcs-eye": "e4", "gcs-verbal": "v5", "gcs-motor": "m6"},
                {"effective": AT, "gcs-eye": "e5", "gcs-verbal": "v5", "gcs-motor": "m6"},
                "gcs-eye"),
    "braden": ({f"braden-{k}": f"{k}-3" for k in ("sensory", "moisture", "activity",
                                                  "mobility", "nutrition", "friction")},
               {"braden-sensory": "sensory-3"}, "braden-moisture"),
    "fall-risk": ({"morse-history": "history-0", "morse-diagnosis": "diagnosis-0",
                   "morse-aid": "aid-0", "morse-iv": "iv-0", "morse-gait": "gait-0",
                   "morse-mental": "mental-0"},
                  {"morse-history": "history-10"}, "morse-history"),
    "fluid-balance": (
        {"period-start": "2026-11-29T00:00:00+01:00", "period-end": AT,
         "intake": [{"in-kind": "iv", "in-volume": 500}], "output": [
             {"out-kind": "urine", "out-volume": 300}]},
        {"period-start": "2026-11-29T00:00:00+01:00", "period-end": AT,
         "intake": [{"in-kind": "iv", "in-volume": -5}]}, "in-volume"),
    "targeted-notes": (
        {"effective": AT, "target": [{"focus": "Douleur", "data": "EN 6", "actions": "Antalgique",
                                      "results": "EN 2 à 1 h"}]},
        {"effective": AT}, "target"),
    "sbar-handover": (
        {"effective": AT, "from": "IDE nuit", "situation": "Fièvre", "assessment": "NEWS2 5",
         "recommendation": "Appel interne"},
        {"effective": AT, "from": "IDE nuit", "situation": "Fièvre"}, "assessment"),
    "lab-imaging-request": (
        {"kind": "lab", "lab-tests": ["nfs", "crp"], "sample-at": AT, "urgency": "urgent",
         "clinical-info": "Fièvre", "prescriber": "Dr Test", "requested-at": AT},
        {"kind": "imaging", "urgency": "urgent", "clinical-info": "Chute",
         "prescriber": "Dr Test", "requested-at": AT}, "imaging-exam"),
    "downtime-admission": (
        {"birth-name": "TESTNOM", "given-names": "Synthétique", "birth-date": "1950-04-02",
         "sex": "female", "id-document": "none", "admitted-at": AT, "origin": "ed",
         "reason": "Chute", "allergies-known": "yes", "allergy": [{"allergen": "Latex"}]},
        {"birth-name": "TESTNOM", "given-names": "Synthétique", "birth-date": "1850-04-02",
         "sex": "female", "id-document": "none", "admitted-at": AT, "origin": "ed",
         "reason": "Chute", "allergies-known": "none"}, "birth-date"),
    "discharge-transfer": (
        {"kind": "ward", "at": AT, "destination": "Cardiologie", "paper-file": True},
        {"kind": "hospital", "at": AT, "destination": "CH voisin"}, "paper-file"),
    "adverse-event": (
        {"occurred-at": AT, "category": ["fall", "downtime"], "description": "Chute au lever",
         "severity": "minor", "physician-told": True, "reporter": "IDE"},
        {"occurred-at": AT, "category": ["fall"], "description": "x", "severity": "fatal",
         "physician-told": True, "reporter": "IDE"}, "severity"),
    "checklist-downtime-start": ({"start-manager-1": True, "start-it-2": False},
                                 {"start-nurse-1": "fait"}, "start-nurse-1"),
    "checklist-downtime-shift": ({"shift-nurse-1": True}, {"shift-it-notes": 3},
                                 "shift-it-notes"),
    "checklist-downtime-recovery": ({"recovery-it-1": True}, {"recovery-manager-9": True},
                                    "recovery-manager-9"),
}


def test_every_form_is_covered_and_loads_without_warnings() -> None:
    specs = LIB.list()
    assert {s.short_id for s in specs} == set(CASES)
    for spec in specs:
        assert spec.warnings == (), spec.short_id
        assert spec.url == f"https://care-degraded.example/fhir/Questionnaire/{spec.short_id}"
        assert spec.version and spec.language == "fr-FR"
        assert spec.label("en") != spec.label("fr")
        for item in spec.walk():
            assert item.text is not None, (spec.short_id, item.link_id)
            assert [lang for lang, _ in item.text.translations] == ["en"], item.link_id
            for opt in item.options:
                assert opt.display is not None and opt.display.translations, item.link_id


@pytest.mark.parametrize("short_id", sorted(CASES))
def test_valid_and_invalid_response(short_id: str) -> None:
    spec = LIB.get(short_id)
    valid, invalid, flagged = CASES[short_id]
    result = validate(spec, valid)
    assert result.ok, [(p.link_id, p.code) for p in result.problems]
    bad = validate(spec, invalid)
    assert flagged in bad.by_link_id(), [(p.link_id, p.code) for p in bad.problems]


def _news2(**changes: Any) -> dict[str, Any]:
    return compute(LIB.get("vital-signs"), {**VITALS, **changes})


def test_news2_all_normal_is_zero_low() -> None:
    out = _news2()
    assert out["news2-total"] == 0 and out["news2-level"] == "low"


@pytest.mark.parametrize(("changes", "part", "points"), [
    ({"rr": 8}, "news2-rr", 3), ({"rr": 11}, "news2-rr", 1), ({"rr": 21}, "news2-rr", 2),
    ({"rr": 25}, "news2-rr", 3), ({"spo2": 91}, "news2-spo2", 3), ({"spo2": 93}, "news2-spo2", 2),
    ({"spo2": 95}, "news2-spo2", 1), ({"o2": "oxygen", "o2-flow": 2}, "news2-o2", 2),
    ({"sbp": 90}, "news2-sbp", 3), ({"sbp": 100}, "news2-sbp", 2), ({"sbp": 110}, "news2-sbp", 1),
    ({"sbp": 220}, "news2-sbp", 3), ({"hr": 40}, "news2-hr", 3), ({"hr": 50}, "news2-hr", 1),
    ({"hr": 91}, "news2-hr", 1), ({"hr": 111}, "news2-hr", 2), ({"hr": 131}, "news2-hr", 3),
    ({"avpu": "C"}, "news2-avpu", 3), ({"avpu": "U"}, "news2-avpu", 3),
    ({"temp": 35.0}, "news2-temp", 3), ({"temp": 36.0}, "news2-temp", 1),
    ({"temp": 38.1}, "news2-temp", 1), ({"temp": 39.1}, "news2-temp", 2),
    # Scale 2: 88-92 % scores 0; on oxygen 93-94 % scores 1, >= 97 % scores 3.
    ({"spo2-scale2": True, "spo2": 88}, "news2-spo2", 0),
    ({"spo2-scale2": True, "spo2": 84}, "news2-spo2", 2),
    ({"spo2-scale2": True, "spo2": 97, "o2": "air"}, "news2-spo2", 0),
    ({"spo2-scale2": True, "spo2": 94, "o2": "oxygen", "o2-flow": 1}, "news2-spo2", 1),
    ({"spo2-scale2": True, "spo2": 97, "o2": "oxygen", "o2-flow": 1}, "news2-spo2", 3),
])
def test_news2_bands(changes: dict[str, Any], part: str, points: int) -> None:
    assert _news2(**changes)[part] == points


def test_news2_escalation_levels_and_their_instructions() -> None:
    spec = LIB.get("vital-signs")
    assert _news2(avpu="C")["news2-level"] == "low-medium"
    assert _news2(rr=22, hr=95, temp=38.5)["news2-total"] == 4
    medium = {**VITALS, "rr": 22, "hr": 115, "temp": 38.5}  # 2 + 2 + 1
    result = validate(spec, medium)
    assert result.answers["news2-total"] == 5 and result.answers["news2-level"] == "medium"
    assert "news2-medium" in result.enabled and "news2-high" not in result.enabled
    high = validate(spec, {**medium, "sbp": 95, "spo2": 93})
    assert high.answers["news2-level"] == "high" and "news2-high" in high.enabled


def test_news2_of_an_incomplete_set_is_partial_and_says_what_is_missing() -> None:
    spec = LIB.get("vital-signs")
    complete = compute(spec, VITALS)
    assert complete["news2-missing"] is None
    out = compute(spec, {k: v for k, v in VITALS.items() if k != "rr"})
    assert out["news2-rr"] is None and out["news2-missing"] == "rr"
    assert out["news2-total"] == complete["news2-total"] - complete["news2-rr"]
    assert compute(spec, {})["news2-total"] is None


def test_vital_signs_1_0_0_stays_loadable_for_its_records() -> None:
    assert {s.version for s in LIB.versions("vital-signs")} >= {"1.0.0", "1.1.0"}
    old = LIB.get("vital-signs", version="1.0.0")
    assert old.item("news2-total") is not None


def test_scale_totals() -> None:
    g = compute(LIB.get("glasgow"), {"gcs-eye": "e2", "gcs-verbal": "v2", "gcs-motor": "m4"})
    assert g == {"gcs-total": 8}
    b = compute(LIB.get("braden"), CASES["braden"][0])
    assert b == {"braden-total": 18, "braden-risk": "low"}
    m = compute(LIB.get("fall-risk"), {**CASES["fall-risk"][0], "morse-history": "history-25",
                                       "morse-aid": "aid-30"})
    assert m == {"morse-total": 55, "morse-risk": "high"}
    p = validate(LIB.get("pain"), {"effective": AT, "method": "algoplus", "algo-face": True,
                                   "algo-look": True, "algo-words": False, "algo-body": False,
                                   "algo-behaviour": False})
    assert p.answers["algoplus-score"] == 2 and "algoplus-alert" in p.enabled
    f = compute(LIB.get("fluid-balance"), {"intake": [{"in-volume": 500}, {"in-volume": 250}],
                                           "output": [{"out-volume": 900}]})
    assert f == {"total-in": 750, "total-out": 900, "balance": -150}


def test_medication_second_check_only_for_high_risk_given() -> None:
    spec = LIB.get("medication-administration")
    base = CASES["medication-administration"][1]
    assert "double-check" in validate(spec, base).enabled
    not_given = {**base, "status": "not-given", "not-given-reason": "refused"}
    del not_given["given-at"]
    assert validate(spec, not_given).ok


def test_checklists_are_tagged_with_phase_and_grouped_by_role() -> None:
    phases = {}
    for spec in LIB.list():
        if not spec.is_checklist:
            continue
        phases[spec.checklist_phase] = spec.short_id
        roles = [i.role() for i in spec.items]
        assert sorted(roles) == ["it", "manager", "nurse"]
        for group in spec.items:
            assert any(c.system == ROLE_SYSTEM for c in group.codes)
            ticks = [i for i in group.items if i.type == "boolean"]
            assert len(ticks) >= 3 and all(i.item_control == "check-box" for i in ticks)
    assert phases == {"start": "checklist-downtime-start", "shift": "checklist-downtime-shift",
                      "recovery": "checklist-downtime-recovery"}


def test_generated_json_matches_the_generator(tmp_path: Path) -> None:
    import importlib.util
    import json
    import sys
    source = FORMS_DIR / "_source"
    sys.path.insert(0, str(source))
    try:
        spec = importlib.util.spec_from_file_location("forms_generate", source / "generate.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for make in module.FORMS:
            data = make()
            on_disk = json.loads((FORMS_DIR / f"{data['id']}.json").read_text("utf-8"))
            assert on_disk == data, f"forms/{data['id']}.json is stale: rerun the generator"
            load_questionnaire(data)
    finally:
        sys.path.remove(str(source))
