"""MAR, flowsheet, handover, census list, filled record: content and continuation."""

from __future__ import annotations

import datetime as dt
import random

from care_degraded.config import forms_dir
from care_degraded.domain.patient import Prescription
from care_degraded.printing.document import Sheet, render
from care_degraded.printing.flowsheet import flowsheet_rows, flowsheet_story
from care_degraded.printing.mar import due_times, mar_story
from care_degraded.printing.record import HistoryLine, record_story
from care_degraded.printing.ward import (
    HandoverInfo,
    census_story,
    handover_patient_story,
    handover_ward_story,
)
from care_degraded.questionnaire import load_questionnaire
from tests.printing.helpers import all_text, context, label, pages_text, squash

PARIS = dt.timezone(dt.timedelta(hours=1))
START = dt.datetime(2026, 11, 29, 20, 0, tzinfo=PARIS)
LONG_DRUG = ("Amoxicilline trihydratée + clavulanate de potassium (Augmentin®) poudre pour "
             "solution injectable intraveineuse 1 g/200 mg, dilution dans 100 mL de NaCl 0,9 %")


def _rx(n: int, times: tuple[str, ...] = ("08:00", "20:00"), drug: str | None = None,
        prn: bool = False) -> Prescription:
    return Prescription(key=f"rx{n}", drug=drug or f"Médicament n°{n:02d} « œ »",
                        dose_value="2,5", dose_unit="mg", route="IV", times_of_day=times,
                        as_needed=prn, frequency=None if prn else "2 fois par jour")


def _pdf(story: list, title: str = "Essai") -> bytes:  # type: ignore[type-arg]
    return render([Sheet(title, "x", story, label(), "urn:form", "1")], context()).pdf


def test_due_times_cross_midnight() -> None:
    times = due_times(_rx(1, ("06:00", "22:00", "14:00")), START, START + dt.timedelta(hours=12))
    assert [t.strftime("%d %H:%M") for t in times] == ["29 22:00", "30 06:00"]


def test_mar_twenty_prescriptions_continue_with_header_repeated() -> None:
    prescriptions = [_rx(i, ("22:00", "06:00") if i % 2 else ("20:00",)) for i in range(30)]
    prescriptions[3] = _rx(3, drug=LONG_DRUG)
    prescriptions.append(_rx(21, (), prn=True, drug="Morphine orale si douleur"))
    pages = pages_text(_pdf(mar_story(prescriptions, START, 24)))
    assert len(pages) >= 2
    text = squash("\n".join(pages))
    for i in range(20):
        if i != 3:
            assert text.count(squash(f"Médicament n°{i:02d} « œ »")) == 1, i
    assert squash(LONG_DRUG) in text  # wrapped in its cell, not cut
    assert squash("Morphine orale si douleur") in text
    header = squash("Médicament · dose · voie · rythme")
    grid_pages = [p for p in pages if "Médicament n°" in p]
    assert grid_pages and all(header in squash(p) for p in grid_pages)  # repeated
    assert text.count(squash("Nouvelle prescription")) == 4
    assert squash("30/11") in text  # due times after midnight carry their date


def test_mar_without_prescriptions_still_has_blank_lines() -> None:
    text = squash(all_text(_pdf(mar_story([], START, 8))))
    assert squash("Aucune prescription active") in text
    assert text.count(squash("Nouvelle prescription")) == 4


def test_flowsheet_rows_are_the_wards() -> None:
    spec = load_questionnaire(forms_dir() / "vital-signs.json")
    rows = [squash(r) for r in flowsheet_rows(spec)]
    assert rows[0] == squash("T° (°C)") and squash("NEWS2 (total)") in rows
    assert rows[-1] == "Initiales"
    pages = pages_text(_pdf(flowsheet_story(spec, START, 24)))
    text = squash(pages[0])
    for hour in ("20h", "23h", "00h", "07h", "19h"):
        assert hour in text


def test_handover_sheets() -> None:
    sbar = load_questionnaire(forms_dir() / "sbar-handover.json")
    info = HandoverInfo(label(), "6 (moyen) — 29/11 02:10",
                        (("S - Situation", "Dyspnée à l’effort, « fatigue »"),),
                        "du 29/11 par Inès")
    one = squash(all_text(_pdf(handover_patient_story(info, sbar))))
    assert squash("Dyspnée à l’effort, « fatigue »") in one
    assert squash("6 (moyen)") in one and "Pénicilline" in one
    assert squash(sbar.item("recommendation").label()) in one  # blank SBAR for this shift
    rng = random.Random(6)
    infos = [HandoverInfo(label(name=f"PATIENT-{i:02d} Zoé", pid=f"p{i}"),
                          str(rng.randrange(10)) if i % 3 else "",
                          (("S", "texte " * rng.randrange(1, 60)),) if i % 2 else ())
             for i in range(30)]
    ward = pages_text(_pdf(handover_ward_story(infos)))
    text = squash("\n".join(ward))
    assert len(ward) >= 2
    for i in range(30):
        assert text.count(squash(f"PATIENT-{i:02d} Zoé")) == 1
    assert squash("aucune transmission enregistrée") in text


def test_census_list_marks_provisional_identities() -> None:
    patients = [label(name=f"NOM-{i} Éloïse", pid=f"p{i}", provisional=(i == 2)) for i in range(5)]
    text = squash(all_text(_pdf(census_story(patients))))
    assert text.count(squash("IDENTITÉ PROVISOIRE")) == 1
    assert squash("dont 1 en identité provisoire") in text


def test_filled_record_with_history() -> None:
    spec = load_questionnaire(forms_dir() / "vital-signs.json")
    answers = {"temp": 38.4, "hr": 112, "o2": "oxygen", "o2-flow": 2.5, "avpu": "A",
               "comment": "Patiente « algique », réévaluée à 2 h"}
    at = dt.datetime(2026, 11, 29, 2, 10, tzinfo=dt.UTC)
    history = [HistoryLine("uuid-1", at, "Inès Durand (ide)", "final"),
               HistoryLine("uuid-2", at + dt.timedelta(minutes=7), "Claire Martin (cadre)",
                           "amended")]
    text = squash(all_text(_pdf(record_story(spec, answers, history, label(), at))))
    for expected in ("38,4 °C", "112 /min", "Oxygène", "2,5 L/min", "Alerte",
                     "Patiente « algique », réévaluée à 2 h", "Historique des révisions",
                     "Inès Durand (ide)", "Claire Martin (cadre)", "modifié", "uuid-2"):
        assert squash(expected) in text, expected
    assert squash("Fréquence respiratoire") not in text  # unanswered questions are left out


def test_text_longer_than_a_page_splits_inside_its_row() -> None:
    """A nurse's long handover or note must not crash the print nor lose a word."""
    words = " ".join(f"mot{i:04d}" for i in range(1500))
    info = HandoverInfo(label(), "5", (("S - Situation", words),), "")
    spec = load_questionnaire(forms_dir() / "vital-signs.json")
    stories = [handover_ward_story([info]), handover_patient_story(info, None),
               record_story(spec, {"comment": words}, [], label(), None)]
    for story in stories:
        pages = pages_text(_pdf(story))
        assert len(pages) >= 3
        text = "\n".join(pages)
        assert all(text.count(f"mot{i:04d}") == 1 for i in range(1500))


def test_huge_question_text_and_drug_instructions_still_print() -> None:
    from care_degraded.printing.form import FormRenderer

    words = " ".join(f"mot{i:04d}" for i in range(900))
    spec = load_questionnaire({"resourceType": "Questionnaire", "status": "active", "id": "q",
                               "item": [{"linkId": "a", "type": "integer", "text": words}]})
    text = "\n".join(pages_text(_pdf(FormRenderer(spec).story(None))))
    assert all(f"mot{i:04d}" in text for i in range(900))
    rx = Prescription(key="k", drug="Héparine", times_of_day=("22:00",), instructions=words)
    text = all_text(_pdf(mar_story([rx], START, 8)))
    # Never shortened: the row points to the full text printed under the grid.
    assert squash("Consignes complètes") in squash(text)
    assert all(f"mot{i:04d}" in text for i in range(900))
