"""Medication pre-fill: routes by code or French synonym, high-risk from the prescription."""

from __future__ import annotations

import pytest

from care_degraded.domain.patient import Prescription
from care_degraded.fhir.medication_in import prescription
from care_degraded.services import forms, medication
from care_degraded.services.chart import medication_prefill

OPTIONS = {"po", "iv", "ivse", "perf", "sc", "im", "inh", "sl", "cut", "rect", "sng"}


@pytest.mark.parametrize(("code", "text", "option"), [
    ("26643006", "voie orale", "po"),  # the census's SNOMED code
    (None, "voie orale", "po"),  # text only: the synonyms table
    (None, "Per os", "po"),
    (None, "PO", "po"),
    (None, "S/C", "sc"),
    (None, "Sous-cutanée", "sc"),
    ("34206005", "injection", "sc"),
    (None, "IV directe", "iv"),
    (None, "pousse-seringue", None),  # unknown words: left for the nurse, never guessed
    (None, None, None),
])
def test_route_through_codes_and_synonyms(code, text, option):
    assert medication.route_option(code, text, OPTIONS) == option


def test_prefill_from_a_census_prescription_fills_the_route_and_the_high_risk_flag():
    spec = forms.library().get("medication-administration")
    resource = {"resourceType": "MedicationRequest", "id": "rx1", "status": "active",
                "medicationCodeableConcept": {"text": "Enoxaparine 4000 UI/0,4 mL"},
                "dosageInstruction": [{"route": {"coding": [
                    {"system": "http://snomed.info/sct", "code": "34206005",
                     "display": "Subcutaneous route"}], "text": "voie sous-cutanée"},
                    "timing": {"repeat": {"timeOfDay": ["20:00:00"]}}}]}
    rx = prescription(resource, {}, {})
    assert rx is not None and rx.route_code == "34206005"
    filled = medication_prefill(spec, rx)
    assert filled["route"] == "sc" and filled["high-risk"] is True


def test_a_drug_not_on_the_list_leaves_the_flag_unanswered():
    spec = forms.library().get("medication-administration")
    filled = medication_prefill(spec, Prescription("rx2", "Paracétamol 1 g", route="voie orale"))
    assert filled["route"] == "po" and "high-risk" not in filled


@pytest.mark.parametrize(("drug", "atc", "risky"), [
    ("Héparine sodique 5000 UI", None, True), ("Insuline asparte", None, True),
    ("Morphine chlorhydrate 10 mg", None, True), ("Chlorure de potassium 1 g", None, True),
    ("Lovenox 4000", None, True), ("Spécialité X", "B01AB05", True),
    ("Paracétamol", None, False), ("Amoxicilline", "J01CA04", False),
])
def test_shipped_high_risk_list(drug, atc, risky):
    rx = Prescription("k", drug, drug_code=atc,
                      drug_code_system="http://www.whocc.no/atc" if atc else None)
    assert medication.is_high_risk(rx) is risky
