"""The landscape flowsheet, the allergy block on every patient page, identity on blank pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from care_degraded.config import forms_dir
from care_degraded.printing.document import Sheet, render
from care_degraded.printing.flowsheet import ROWS, VitalsPoint, flowsheet_story
from care_degraded.printing.form import FormRenderer
from care_degraded.printing.ward import census_story
from care_degraded.questionnaire import load_questionnaire
from care_degraded.services.print_history import news2_text
from tests.printing.helpers import (
    context,
    label,
    page_sizes,
    pages_text,
    render_page,
    squash,
    words,
)

PARIS = dt.timezone(dt.timedelta(hours=1))
START = dt.datetime(2026, 11, 29, 6, 30, tzinfo=PARIS)
VITALS = load_questionnaire(forms_dir() / "vital-signs.json")


def _flowsheet(hours: int, points: tuple[VitalsPoint, ...] = ()) -> bytes:
    story = flowsheet_story(VITALS, START, hours, points=points)
    return render([Sheet("Surveillance", "flowsheet", story, label(), landscape=True)],
                  context()).pdf


def test_24_hour_flowsheet_is_one_landscape_grid_with_the_ward_rows() -> None:
    pdf = _flowsheet(24)
    pages = pages_text(pdf)
    assert all(w > h for w, h in page_sizes(pdf))
    grid = squash(pages[0])
    for h in [f"{h:02d}h" for h in list(range(6, 24)) + list(range(0, 7))]:
        assert h in grid, h  # the whole period on the first page: no block split off
    for _key, row in ROWS:
        assert squash(row) in grid, row
    for row in ("T°", "FC", "PA", "FR", "SpO2", "Conscience", "NEWS2", "Diurèse", "Selles",
                "Glycémie", "Insuline", "Douleur"):
        assert squash(row) in grid
    rest = squash("\n".join(pages[1:]))
    assert squash("Table de score") in rest  # the NEWS2 scoring table, on its back
    assert "Fréquencerespiratoire" in rest and "≥25" in rest


def test_vitals_already_taken_are_printed_in_their_column_with_partial_news2() -> None:
    answers = {"news2-rr": 2, "news2-spo2": 1, "news2-o2": 0, "news2-sbp": 1, "news2-hr": 1,
               "news2-avpu": 0}
    partial = news2_text(answers)
    assert partial == "≥ 5, incomplet : T° manquante"
    assert news2_text({**answers, "news2-temp": 1, "news2-total": 6}) == "6"
    point = VitalsPoint(dt.datetime(2026, 11, 29, 9, 10, tzinfo=PARIS),
                        {"temp": "38,2", "hr": "112", "bp": "95/60", "news2": partial}, "ide1")
    outside = VitalsPoint(dt.datetime(2026, 11, 28, 9, 10, tzinfo=PARIS), {"temp": "36,1"}, "x")
    pdf = _flowsheet(8, (point, outside))
    text = squash(pages_text(pdf)[0])
    assert "38,2" in text and "95/60" in text and "ide1" in text
    assert squash("≥ 5, incomplet : T° manquante") in text  # never dropped
    assert "36,1" not in text  # before the period
    ws = words(pdf, 1)
    value = next(w for w in ws if w["text"] == "38,2")
    column = next(w for w in ws if w["text"] == "09h")
    assert float(column["x0"]) - 12 < float(value["x0"]) < float(column["x1"]) + 12  # type: ignore[arg-type]


def _pixel_in(pdf: bytes, page: int, word: str, tmp: Path) -> tuple[int, int, int]:
    w = next(x for x in words(pdf, page) if x["text"] == word)
    image = render_page(pdf, page, tmp)
    return image.getpixel((int(float(w["x0"])) - 3, int(float(w["top"])) + 2))  # type: ignore[arg-type,no-any-return]


def test_allergies_are_a_framed_block_on_every_patient_page(tmp_path: Path) -> None:
    severe = label()  # "Pénicilline (œdème, grave)"
    unknown = dataclasses.replace(label(), allergies="allergies non renseignées")
    none = dataclasses.replace(label(), allergies="aucune allergie connue")
    long_form = FormRenderer(load_questionnaire(forms_dir() / "downtime-admission.json"))
    for patient, expected in ((severe, "⚠ALLERGIEGRAVE:Pénicilline(œdème,grave)"),
                              (unknown, "⚠nonrenseignées—demander"),
                              (none, "Allergies:aucuneallergieconnue")):
        pdf = render([Sheet("Admission", "form", long_form.story(patient), patient)],
                     context()).pdf
        pages = pages_text(pdf)
        assert len(pages) >= 2
        for n, page in enumerate(pages, start=1):
            assert expected in squash(page)  # on every page
            ws = words(pdf, n)
            name = next(w for w in ws if w["text"].startswith("DUPONT"))  # type: ignore[union-attr]
            block = next(w for w in ws if w["text"] in ("⚠", "Allergies", "ALLERGIES"))
            title = min(float(w["top"]) for w in ws if float(w["top"]) > 95)  # type: ignore[arg-type]
            # the line right under the name, above everything else on the page
            assert float(name["top"]) < float(block["top"]) < title + 1  # type: ignore[arg-type]
    sev = render([Sheet("x", "form", long_form.story(severe), severe)], context()).pdf
    r, g, b = _pixel_in(sev, 2, "ALLERGIE", tmp_path)
    assert r > 120 and g < 40 and b < 40  # white on red: stands out
    plain = render([Sheet("x", "form", long_form.story(none), none)], context()).pdf
    assert _pixel_in(plain, 1, "Allergies", tmp_path) == (255, 255, 255)


def test_census_list_flags_unknown_and_severe_allergies() -> None:
    unknown = dataclasses.replace(label(name="INCONNU Léa"), allergies="allergies non renseignées")
    pdf = render([Sheet("Liste", "census", census_story([label(), unknown]))], context()).pdf
    text = squash("\n".join(pages_text(pdf)))
    assert squash("⚠ non renseignées — demander") in text
    assert squash("⚠ ALLERGIE GRAVE : Pénicilline") in text
    assert squash("allergies non renseignées pour 1 : demander") in text
    assert text.count(squash("N° provisoire :")) == 6  # blank rows for admissions


@pytest.mark.parametrize("with_patient", [False, True])
def test_every_page_of_a_blank_form_names_whose_it_is(with_patient: bool) -> None:
    spec = load_questionnaire(forms_dir() / "downtime-admission.json")
    patient = label() if with_patient else None
    result = render([Sheet("Admission", "form", FormRenderer(spec).story(patient), patient,
                           spec.url or "", spec.version or "", identity_boxes=True)],
                    context())
    pages = pages_text(result.pdf)
    assert len(pages) >= 2
    for page, info in zip(pages, result.pages, strict=True):
        head = squash(page)
        if with_patient:
            assert squash(patient.name) in head  # type: ignore[union-attr]
            assert patient.id in __import__("urllib.parse").parse.unquote(info.payload)  # type: ignore[union-attr]
        else:
            for box in ("Nom, prénom", "Né(e) le", "IPP / n° provisoire", "Ch. / lit",
                        "Allergies :"):
                assert squash(box) in head, box
