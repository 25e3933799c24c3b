"""FormView: keyboard entry, live scores, enableWhen, validation, drafts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QRadioButton

from care_degraded.questionnaire import load_questionnaire
from care_degraded.ui import i18n
from care_degraded.ui.forms import FormView
from care_degraded.ui.forms.choices import ComboField, RadioField, ReadOnlyField
from care_degraded.ui.forms.fields import NumberField, QuantityField, SliderField, TemporalField
from tests.ui.form_helpers import FORMS
from tests.ui.form_helpers import show_form as _show

ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"


@pytest.fixture(scope="module")
def vitals():
    return load_questionnaire(FORMS / "vital-signs.json")


def _keys(qtbot, text: str) -> None:
    """Type into whatever has the keyboard focus, like a nurse would."""
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_registry_picks_widgets_from_type_and_item_control(qtbot, vitals):
    view = _show(qtbot, FormView(vitals))
    assert isinstance(view.field("effective"), TemporalField)
    assert isinstance(view.field("temp"), NumberField)
    assert view.field("temp").unit_label.text() == "°C"
    assert isinstance(view.field("o2"), RadioField)  # itemControl radio-button
    assert isinstance(view.field("o2-device"), ComboField)  # itemControl drop-down
    assert isinstance(view.field("pain"), SliderField)
    assert isinstance(view.field("weight"), QuantityField)
    assert isinstance(view.field("news2-total"), ReadOnlyField)
    assert view.field("news2-total").focus_widgets() == []
    # Blank means unanswered: a fresh form has no answers at all.
    assert view.raw_answers() == {}


def test_full_vitals_by_keyboard_only_with_live_news2(qtbot, vitals):
    view = _show(qtbot, FormView(vitals))
    got = []
    view.submitted.connect(got.append)
    view.focus_first()
    assert view._link_of(QApplication.focusWidget()) == "effective"
    _keys(qtbot, "n")  # N: now
    for text in ("38,6", "118", "92", "60", "24", "93"):  # temp hr sbp dbp rr spo2
        _key(qtbot, Qt.Key.Key_Tab)
        _keys(qtbot, text)
    _key(qtbot, Qt.Key.Key_Tab)  # the SpO2 scale 2 check box: left unticked
    _key(qtbot, Qt.Key.Key_Tab)
    assert view._link_of(QApplication.focusWidget()) == "o2"
    _keys(qtbot, "2")  # oxygen: the flow and device questions appear
    assert view.row("o2-flow").widget.isVisible()
    _key(qtbot, Qt.Key.Key_Return)  # Enter moves on, like Tab
    assert view._link_of(QApplication.focusWidget()) == "o2-flow"
    _keys(qtbot, "2")
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Down)  # drop-down: first device
    _key(qtbot, Qt.Key.Key_Tab)
    _keys(qtbot, "1")  # ACVPU: alert
    _key(qtbot, Qt.Key.Key_Tab)
    _keys(qtbot, "3")  # pain
    # Live score, before saving: RR 24 -> 2, SpO2 93 -> 2, O2 -> 2, SBP 92 -> 2,
    # HR 118 -> 2, alert -> 0, 38.6 -> 1.
    assert view.field("news2-total").value() == 11
    assert view.field("news2-total").label.text() == "11"
    # The form's own advice for that score is shown beside it, in sight while typing.
    assert view.advice.text().startswith("NEWS2 7 ou plus")
    assert view.advice.text().count("NEWS2 7 ou plus") == 1
    assert view.advice.property("alarm") is True
    view.raise_()
    _key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(got) == 1, view.validation().problems
    answers = got[0]
    assert answers["temp"] == 38.6 and answers["hr"] == 118 and answers["sbp"] == 92
    assert answers["o2"] == "oxygen" and answers["o2-flow"] == 2
    assert answers["o2-device"] == vitals.item("o2-device").options[0].value
    assert answers["avpu"] == "A" and answers["pain"] == 3
    assert answers["news2-total"] == 11
    assert answers["effective"].count("T") == 1
    ARTEFACTS.mkdir(exist_ok=True)
    view.grab().save(str(ARTEFACTS / "vitals-form.png"))


def test_enable_when_shows_hides_and_drops_answers(qtbot, vitals):
    view = _show(qtbot, FormView(vitals))
    assert not view.row("o2-flow").widget.isVisible()
    view.field("o2").set_value("oxygen")
    view.field("o2").changed.emit()
    assert view.row("o2-flow").widget.isVisible()
    view.field("o2-flow").set_value(4)
    view.field("o2").set_value("air")
    view.field("o2").changed.emit()
    assert not view.row("o2-flow").widget.isVisible()
    assert "o2-flow" in view.raw_answers()  # kept on screen in case she changes her mind
    assert "o2-flow" not in view.answers()  # but never saved while disabled


def test_validation_messages_next_to_the_field(qtbot, vitals):
    view = _show(qtbot, FormView(vitals))
    got = []
    view.submitted.connect(got.append)
    assert not view.row("effective").error.isVisible()  # not nagged before saving
    assert view.submit() is False
    assert got == []
    row = view.row("effective")
    assert row.error.isVisible() and row.error.text() == "Réponse obligatoire."
    assert view._link_of(QApplication.focusWidget()) == "effective"
    # An out-of-range value typed into a decimal field is reported at once (in English too).
    i18n.install("en")
    en = _show(qtbot, FormView(vitals, lang="en"))
    en.field("o2").set_value("oxygen")
    en.field("o2").changed.emit()
    assert en.focus_item("o2-flow")
    assert en.isAncestorOf(QApplication.focusWidget())
    _keys(qtbot, "0,3")
    _key(qtbot, Qt.Key.Key_Tab)
    assert en.row("o2-flow").error.text() == \
        "Oxygen flow rate: 0,3 L/min is out of limits (0.5–60)"
    assert en.field("o2-flow").value() == 0.3  # kept as typed, refused, never corrected
    i18n.install("fr")
    en.field("o2-flow").changed.emit()
    assert en.row("o2-flow").error.text() == \
        "Oxygen flow rate : 0,3 L/min est hors limites (0,5–60)"
    assert en.row("o2-flow").label.text().startswith("Oxygen flow rate")


def test_draft_state_round_trip(qtbot, vitals):
    view = _show(qtbot, FormView(vitals))
    view.load({"temp": 37.2, "o2": "oxygen", "o2-flow": 3.5, "comment": "somnolent"})
    view.focus_item("o2-flow")
    state = view.draft_state()
    assert state["focus"] == "o2-flow"
    again = _show(qtbot, FormView(vitals))
    again.restore_draft(state)
    assert again.raw_answers() == view.raw_answers()
    assert again._link_of(QApplication.focusWidget()) == "o2-flow"


def test_blank_spin_box_can_be_cleared(qtbot, vitals):
    view = _show(qtbot, FormView(vitals))
    view.focus_item("hr")
    _keys(qtbot, "72")
    assert view.raw_answers() == {"hr": 72}
    spin = view.field("hr").edit
    spin.selectAll()
    _key(qtbot, Qt.Key.Key_Delete)
    _key(qtbot, Qt.Key.Key_Tab)
    assert "hr" not in view.raw_answers()


def test_repeating_group_add_remove_and_choice_defaults(qtbot):
    spec = load_questionnaire({
        "resourceType": "Questionnaire", "status": "active", "url": "urn:test:doses",
        "item": [
            {"linkId": "drug", "type": "choice", "text": "Médicament", "answerOption": [
                {"valueString": s} for s in ("A", "B", "C", "D", "E", "F")]},
            {"linkId": "dose", "type": "group", "repeats": True, "text": "Prise", "item": [
                {"linkId": "qty", "type": "integer", "text": "Quantité"},
                {"linkId": "note", "type": "string", "text": "Note", "maxLength": 5}]},
            {"linkId": "secret", "type": "string", "text": "caché", "initial": [
                {"valueString": "x"}], "extension": [{
                    "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden",
                    "valueBoolean": True}]},
        ]})
    view = _show(qtbot, FormView(spec))
    # The first, still empty, occurrence shows its fields.
    assert view.row("qty").widget.isVisible() and view.row("note").widget.isVisible()
    assert isinstance(view.field("drug").combo, QComboBox)  # 6 options: drop-down
    assert not view.findChildren(QRadioButton)
    group = view.nodes[1]
    group.add.click()
    rows = [r for r in view.rows() if r.item.link_id == "qty"]
    assert len(rows) == 2
    rows[0].field.set_value(1)
    rows[1].field.set_value(2)
    assert view.raw_answers()["dose"] == [{"qty": 1}, {"qty": 2}]
    assert view.raw_answers()["secret"] == "x"
    group._remove(group.occurrences[0])
    assert view.raw_answers()["dose"] == [{"qty": 2}]
    view.load({"dose": [{"qty": 5}, {"qty": 6}, {"qty": 7}]})
    assert len(group.occurrences) == 3
    assert view.answers()["dose"] == [{"qty": 5}, {"qty": 6}, {"qty": 7}]


def test_glasgow_and_braden_totals_update_live_from_the_keyboard(qtbot):
    from care_degraded.services.forms import library

    gcs = _show(qtbot, FormView(library().get("glasgow")))
    gcs.focus_item("gcs-eye")
    for digit in ("1", "1"):  # eyes spontaneous, oriented
        _keys(qtbot, digit)
        _key(qtbot, Qt.Key.Key_Tab)
    _keys(qtbot, "1")  # obeys commands
    assert gcs.field("gcs-total").value() == 15
    assert "15" in gcs.scores.text()
    gcs.focus_item("gcs-eye")
    _keys(qtbot, "4")  # no eye opening
    assert gcs.field("gcs-total").value() == 12

    braden = _show(qtbot, FormView(library().get("braden")))
    braden.focus_item("braden-sensory")
    for link in ("braden-sensory", "braden-moisture", "braden-activity", "braden-mobility",
                 "braden-nutrition", "braden-friction"):
        assert braden._link_of(QApplication.focusWidget()) == link
        _keys(qtbot, "1")
        _key(qtbot, Qt.Key.Key_Tab)
    total = braden.field("braden-total").value()
    assert total is not None and 6 <= total <= 23
    assert braden.field("braden-risk").value() is not None


def test_high_contrast_form_has_no_pastel(qtbot, vitals, qapp):
    from care_degraded.ui import style

    font, sheet = qapp.font(), qapp.styleSheet()
    style.apply(qapp, True)
    try:
        view = FormView(vitals)
        qtbot.addWidget(view)
        assert "#e8eef7" not in view.styleSheet() and "#c00000" in view.styleSheet()
    finally:
        qapp.setFont(font)
        qapp.setStyleSheet(sheet)
        qapp.setProperty("highContrast", False)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_partial_news2_never_widens_the_form_past_1366(qtbot, vitals, lang):
    """The score line of a partial set says what is missing; it wraps, so Save stays in
    sight on a 1366-pixel screen."""
    from care_degraded.ui import style

    style.apply(QApplication.instance(), False)  # the application's own type sizes
    i18n.install(lang)
    view = _show(qtbot, FormView(vitals, lang=lang))
    view.load({"temp": 38.4, "hr": 112, "sbp": 98, "dbp": 60, "rr": 24, "o2": "air",
               "avpu": "A"})
    qtbot.waitUntil(lambda: "SpO2" in view.scores.text())
    # room left for the dialog's own margins and the window frame
    assert view.minimumSizeHint().width() <= 1280
    # the score line wraps: it asks for far less than its one-line width (in the dialog,
    # with the buttons beside it, a one-line score made the form 1424 px wide)
    one_line = view.scores.fontMetrics().horizontalAdvance(view.scores.text())
    assert view.scores.minimumSizeHint().width() < one_line / 2
