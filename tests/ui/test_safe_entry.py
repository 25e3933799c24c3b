"""Number fields show and save exactly what was typed; a partial NEWS2 stays visible."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from care_degraded.questionnaire import load_questionnaire
from care_degraded.ui.forms import FormView
from tests.ui.form_helpers import FORMS
from tests.ui.form_helpers import show_form as _show


@pytest.fixture(scope="module")
def vitals():
    return load_questionnaire(FORMS / "vital-signs.json")


def _type(qtbot, view: FormView, link_id: str, text: str) -> None:
    assert view.focus_item(link_id)
    qtbot.keyClicks(QApplication.focusWidget(), text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


@pytest.mark.parametrize(("link_id", "typed", "saved", "message"), [
    ("temp", "385", 385.0, "T° : 385 °C est hors limites (30–43)"),
    ("hr", "300", 300, "FC : 300 /min est hors limites (20–250)"),
    ("rr", "100", 100, "FR : 100 /min est hors limites (4–70)"),
    ("sbp", "320", 320, "PAS : 320 mmHg est hors limites (40–300)"),
])
def test_out_of_limits_is_kept_on_screen_and_refused_in_words(qtbot, vitals, link_id, typed,
                                                              saved, message):
    view = _show(qtbot, FormView(vitals))
    got = []
    view.submitted.connect(got.append)
    _type(qtbot, view, link_id, typed)
    field = view.field(link_id)
    assert field.edit.text() == typed  # what was typed, not 38, 30, 10 or blank
    assert field.value() == saved
    row = view.row(link_id)
    assert row.error.isVisible() and row.error.text() == message
    view.field("effective").set_value("2026-12-02T02:14:00+01:00")
    assert view.submit() is False and got == []
    assert field.edit.text() == typed  # leaving the field or saving changes nothing


def test_decimal_in_an_integer_field_is_refused_not_blanked(qtbot, vitals):
    view = _show(qtbot, FormView(vitals))
    _type(qtbot, view, "hr", "45,5")
    assert view.field("hr").edit.text() == "45,5"
    assert view.field("hr").value() == 45.5
    assert view.row("hr").error.text() == "Type de réponse attendu : nombre entier."


@pytest.mark.parametrize("typed", ["38,5", "38.5"])
def test_comma_and_point_are_both_decimal_separators(qtbot, vitals, typed):
    view = _show(qtbot, FormView(vitals))
    _type(qtbot, view, "temp", typed)
    assert view.field("temp").edit.text() == typed
    assert view.raw_answers() == {"temp": 38.5}
    assert not view.row("temp").error.isVisible()


def _confirm_box(view: FormView) -> QMessageBox:
    box = view.confirm_box  # the question just asked (an answered one is being deleted)
    assert isinstance(box, QMessageBox) and box.objectName() == "confirmSaveBox"
    assert box.isVisible()
    return box


def test_implausible_value_asks_before_saving_exactly_what_was_typed(qtbot, vitals):
    view = _show(qtbot, FormView(vitals))
    got = []
    view.submitted.connect(got.append)
    view.field("effective").set_value("2026-12-02T02:14:00+01:00")
    _type(qtbot, view, "temp", "33,5")
    assert not view.row("temp").error.isVisible()  # inside the limits: no refusal
    assert view.submit() is False
    box = _confirm_box(view)
    assert "T° : 33,5 °C est inhabituel (attendu 34–41)" in box.text()
    box.findChild(type(box.defaultButton()), "confirmBack").click()
    assert got == []
    view.submit()
    box = _confirm_box(view)
    box.findChild(type(box.defaultButton()), "confirmSave").click()
    assert len(got) == 1 and got[0]["temp"] == 33.5


def test_partial_news2_is_shown_with_what_is_missing_and_asks_before_saving(qtbot, vitals):
    """Bed 1A: five parameters scoring 3 and no temperature."""
    view = _show(qtbot, FormView(vitals))
    got = []
    view.submitted.connect(got.append)
    view.load({"effective": "2026-12-02T02:14:00+01:00", "hr": 131, "sbp": 85, "rr": 29,
               "spo2": 88, "o2": "air", "avpu": "V"})
    assert "NEWS2 total : ≥ 15, incomplet : T° manquante" in view.scores.text()
    assert view.advice.text().startswith("NEWS2 7 ou plus")
    assert view.advice.property("alarm") is True
    assert view.submit() is False
    box = _confirm_box(view)
    assert box.text() == "Température non saisie — enregistrer quand même ?"
    box.findChild(type(box.defaultButton()), "confirmSave").click()
    [answers] = got
    assert answers["news2-total"] == 15 and answers["news2-level"] == "high"
    assert answers["news2-missing"] == "temp" and "temp" not in answers


def test_partial_news2_in_english(qtbot, vitals):
    view = _show(qtbot, FormView(vitals, lang="en"))
    view.load({"hr": 131, "rr": 29})
    assert "≥ 6, incomplete: SpO2, air/O2, SBP, consciousness, temp missing" in \
        view.scores.text()


def test_a_required_yes_no_stays_unanswered_until_answered(qtbot):
    from care_degraded.ui.forms.choices import YesNoField

    glucose = load_questionnaire(FORMS / "capillary-glucose.json")
    view = _show(qtbot, FormView(glucose))
    field = view.field("insulin-given")
    assert isinstance(field, YesNoField)
    assert field.value() is None and "insulin-given" not in view.raw_answers()
    assert view.submit() is False
    assert view.row("insulin-given").error.text() == "Réponse obligatoire."
    assert view.focus_item("insulin-given")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)  # 2. Non
    assert field.value() is False and view.raw_answers()["insulin-given"] is False


def test_high_risk_is_shown_from_the_prescription_never_saved_as_no(qtbot):
    from care_degraded.ui.forms.choices import ReadOnlyField

    med = load_questionnaire(FORMS / "medication-administration.json")
    view = _show(qtbot, FormView(med))
    assert isinstance(view.field("high-risk"), ReadOnlyField)  # shown, not asked
    given = {"drug": "Paracétamol 1 g", "dose": 1, "unit": "g", "route": "po",
             "status": "given", "given-at": "2026-12-02T02:14:00+01:00"}
    view.load(given)
    assert "high-risk" not in view.answers()  # unanswered, not "non"
    assert not view.row("checker").widget.isVisible()
    view.load({**given, "drug": "Héparine", "high-risk": True})  # the pre-fill's flag
    assert view.answers()["high-risk"] is True
    assert view.row("checker").widget.isVisible()  # the double check is asked
