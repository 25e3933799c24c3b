"""Numbers with the language's decimal separator on screen and on paper, never rounded.

A dose of 3.75 mg must read "3,75 mg" everywhere in French (the prescription picker,
the board, a form's answers and its limits, the MAR, the printed record) and "3.75 mg"
everywhere in English: one function, ``domain.numbers.decimal_text``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from care_degraded.domain.numbers import decimal_text
from care_degraded.domain.patient import AllergyStatus, Prescription
from care_degraded.questionnaire import load_questionnaire, validate
from care_degraded.services.board import BedRow, MedDue
from care_degraded.ui import i18n
from care_degraded.ui.board import BoardModel, Column
from care_degraded.ui.chart.dialogs import PrescriptionPicker
from care_degraded.ui.forms.choices import display_value
from tests.printing.helpers import all_text, context, label

RX = Prescription(key="rx1", drug="Warfarine", dose_value="3.75", dose_unit="mg", route="PO",
                  times_of_day=("18:00",))


def test_decimal_text_keeps_every_digit_and_changes_only_the_separator():
    assert decimal_text(3.75, "fr") == "3,75" and decimal_text(3.75, "en") == "3.75"
    assert decimal_text("0.50", "fr") == "0,50"  # as stored: never rounded
    assert decimal_text(Decimal("2.5"), "fr") == "2,5"
    assert decimal_text(1e-5, "fr") == "0,00001"  # no exponent
    assert decimal_text("3,75 mg PO", "en") == "3.75 mg PO"
    assert decimal_text("0.5-1 g", "fr") == "0,5-1 g"
    assert decimal_text(12, "fr") == "12" and decimal_text("IPP 08.12", "en") == "IPP 08.12"
    assert decimal_text("Hôpital Saint-Éloi, ch. 3", "fr") == "Hôpital Saint-Éloi, ch. 3"


@pytest.mark.parametrize(("lang", "dose"), [("fr", "3,75 mg"), ("en", "3.75 mg")])
def test_screen_doses_and_answers_use_the_language_separator(qtbot, lang, dose):
    i18n.install(lang)
    picker = PrescriptionPicker(None, (RX,), lang)
    qtbot.addWidget(picker)
    assert dose in picker.list.item(0).text()
    board = BoardModel()
    board.set_rows([BedRow(bed="1", patient_id="p", display_name="X", provisional=False,
                           reference="IPP1", age=70, allergy_status=AllergyStatus.NONE_KNOWN,
                           allergies=(), last_vitals_at=None, news2=None,
                           news2_single_3=False, meds_due=(MedDue("Warfarine",
                                                                  RX.dose_label(), "18:00"),),
                           handover_this_shift=False)])
    tip = board.data(board.index(0, Column.MEDS), 0x03)  # ToolTipRole
    assert dose in tip and ("3.75" if lang == "fr" else "3,75") not in tip
    spec = load_questionnaire(_vitals_path())
    temp = spec.item("temp")
    shown = display_value(temp, 37.5, lang)
    assert shown.startswith("37,5" if lang == "fr" else "37.5")
    i18n.install("fr")


def test_limits_in_validation_messages_use_the_language_separator():
    spec = load_questionnaire(_vitals_path())
    result = validate(spec, {"o2": "oxygen", "o2-flow": 0.3})
    [problem] = [p for p in result.problems if p.link_id == "o2-flow"]
    # the message names the whole allowed range: "(0,5–60 L/min)" / "(0.5–60 L/min)"
    assert "(0,5–" in problem.message("fr") and "0.5" not in problem.message("fr")
    assert "(0.5–" in problem.message("en") and "0,5" not in problem.message("en")


def test_paper_doses_and_answers_in_french():
    import datetime as dt

    from care_degraded.printing.document import Sheet, render
    from care_degraded.printing.mar import mar_story
    from care_degraded.printing.record import format_value

    start = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)
    pdf = render([Sheet("MAR", "x", mar_story([RX], start, 24), label(), "urn:f", "1")],
                 context()).pdf
    text = all_text(pdf)
    assert "3,75 mg" in text and "3.75" not in text
    spec = load_questionnaire(_vitals_path())
    assert format_value(spec.item("temp"), 37.5, "fr").startswith("37,5")
    assert format_value(spec.item("temp"), 37.5, "en").startswith("37.5")


def _vitals_path():
    from care_degraded.config import forms_dir

    return forms_dir() / "vital-signs.json"
