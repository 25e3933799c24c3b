"""The patient chart: keyboard entry saved into the timeline, amend, void, header."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from care_degraded.domain.revision import RevisionStatus
from care_degraded.services import records
from care_degraded.services.forms import library
from care_degraded.ui import i18n, operations
from care_degraded.ui.chart import ChartWidget
from care_degraded.ui.chart.timeline import (
    COL_AUTHOR,
    COL_DIGEST,
    COL_FORM,
    COL_STATUS,
    TimelineModel,
)
from care_degraded.ui.forms.dialog import FormDialog
from tests.ui.chart_helpers import (
    ARTEFACTS,
    activate,
    context,
    install_patients,
    key,
    keys,
    make_patient,
    save_anyway,
    show,
)

VITALS_URL = "https://care-degraded.example/fhir/Questionnaire/vital-signs"


@pytest.fixture
def sync_ops():
    with operations.synchronous():
        yield


@pytest.fixture
def patient(vault):
    [stored] = install_patients(vault, [make_patient()])
    return stored


def _cell(chart: ChartWidget, row: int, column: int) -> str:
    return chart.model.index(row, column).data()


def _record(vault, pid: str, answers: dict, hours_ago: float = 1.0):
    when = dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours_ago)
    answers = {"effective": when.isoformat(timespec="seconds"), **answers}
    return records.record_care(vault, library(), pid, "vital-signs", answers, effective_at=when)


def test_vitals_typed_by_keyboard_are_saved_and_shown_in_the_timeline(
        qtbot, vault, patient, sync_ops):
    chart = show(qtbot, ChartWidget(context(vault), patient.id))
    assert chart.model.rowCount() == 0
    chart.quick["vitals"].setFocus()
    key(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Alt+C: vitals
    dialog = chart.dialog
    assert isinstance(dialog, FormDialog)
    assert "MÉNARD-LEFÈVRE Hélène" in dialog.subtitle.text()  # whose chart, at every entry
    assert "IPP 800123" in dialog.subtitle.text()
    assert dialog.warning.text() == "ALLERGIES : Pénicilline"
    activate(qtbot, dialog)
    dialog.form.focus_item("temp")  # the measurement time is pre-filled with now
    assert dialog.form.raw_answers()["effective"]
    for text in ("37,9", "96", "135", "80", "17", "97"):  # temp hr sbp dbp rr spo2
        keys(qtbot, text)
        key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)  # scale 2 check box left unticked
    keys(qtbot, "1")  # room air
    key(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, "1")  # alert
    assert dialog.form.field("news2-total").value() == 1  # live: HR 96 gives 1 point
    ARTEFACTS.mkdir(exist_ok=True)
    dialog.resize(1366, 768)
    dialog.grab().save(str(ARTEFACTS / "vitals-dialog.png"))
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert chart.model.rowCount() == 1
    assert _cell(chart, 0, COL_FORM) == "Constantes et score NEWS2"
    assert _cell(chart, 0, COL_AUTHOR) == "Inès Durand-Test"  # signed as the logged-in nurse
    assert _cell(chart, 0, COL_STATUS) == "validé"
    [saved] = records.patient_records(vault, patient.id)
    assert saved.answers["temp"] == 37.9 and saved.answers["news2-total"] == 1
    # The new record is opened on the right with its answers.
    assert chart.panel.summary is not None
    assert "37,9" in chart.panel.answers.toPlainText()
    # At a glance in the timeline: the score first, then the measures by their units.
    glance = _cell(chart, 0, COL_DIGEST)
    assert glance.startswith("NEWS2 total 1 · Faible (0-4) · 37,9 °C · 96 /min")


def test_amend_then_void_from_the_chart(qtbot, vault, patient, sync_ops):
    _record(vault, patient.id, {"effective": "2026-11-28T10:00:00+01:00", "temp": 38.5,
                                 "hr": 90})
    chart = show(qtbot, ChartWidget(context(vault), patient.id))
    assert chart.selected() is not None  # the newest record is opened
    chart.panel.amend.click()
    dialog = chart.dialog
    assert dialog.form.field("temp").value() == 38.5  # pre-filled with the record
    activate(qtbot, dialog)
    dialog.form.focus_item("temp")
    QApplication.focusWidget().selectAll()
    keys(qtbot, "37,5")
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    save_anyway(dialog.form)  # a partial NEWS2 (no RR, SpO2...) asks first
    assert chart.model.rowCount() == 1
    assert _cell(chart, 0, COL_STATUS) == "modifié (2 versions)"
    assert "37,5" in chart.panel.answers.toPlainText()
    assert chart.panel.history.toPlainText().count("Inès Durand-Test") == 2
    # Each revision of the history can be read: the first one still says 38,5.
    first = records.record_history(vault, chart.selected().uuid)[0]
    chart.panel.show_revision(first.uuid)
    assert "38,5" in chart.panel.answers.toPlainText()
    assert "remplacée" in chart.panel.answers.toPlainText()

    void = chart.void_selected()
    assert not void.ok.isEnabled()  # a reason is required
    void.reason.setPlainText("mauvais patient")
    assert void.ok.isEnabled()
    void.ok.click()
    assert _cell(chart, 0, COL_STATUS) == "erreur de saisie"
    assert chart.model.index(0, COL_FORM).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "mauvais patient" in chart.panel.voided.text()
    assert not chart.panel.amend.isEnabled() and not chart.panel.void.isEnabled()
    [summary] = records.patient_records(vault, patient.id)
    assert summary.status is RevisionStatus.ENTERED_IN_ERROR and summary.revisions == 3


def test_header_marks_provisional_identity_and_allergies(qtbot, vault, sync_ops):
    census, provisional = install_patients(
        vault, [make_patient("p-1"), make_patient("p-2", provisional=True)])
    chart = show(qtbot, ChartWidget(context(vault), provisional.id))
    header = chart.header
    assert header.provisional.isVisible()
    assert header.provisional.text() == "IDENTITÉ PROVISOIRE"
    number = provisional.identity.provisional_number
    assert number and header.number.text() == f"N° provisoire {number}"
    assert header.allergies.text() == "Allergies : non renseignées"
    assert "14/03/1941" in header.birth.text()
    assert header.bed.text() == "ch. 12"
    other = show(qtbot, ChartWidget(context(vault), census.id))
    assert not other.header.provisional.isVisible()
    assert other.header.number.text() == "IPP 800123"
    assert other.header.allergies.text() == "ALLERGIES : Pénicilline"
    assert other.header.allergies.property("present") is True


def test_medication_prefilled_from_the_active_prescription(qtbot, vault, patient, sync_ops):
    chart = show(qtbot, ChartWidget(context(vault), patient.id))
    chart.quick["medication"].click()
    picker = chart.picker
    picker.list.setCurrentRow(1)  # the enoxaparin
    picker.accept()
    answers = chart.dialog.form.raw_answers()
    assert answers["drug"] == "Enoxaparine 4000 UI"
    assert answers["dose"] == 4000
    assert answers["unit"] == "UI" and answers["route"] == "sc"
    assert answers["planned"].endswith(":00") and "T20:00" in answers["planned"]
    chart.dialog.form._touched.clear()


def test_timeline_model_newest_first_without_a_window(vault, patient):
    _record(vault, patient.id, {"effective": "2026-11-28T08:00:00+01:00", "hr": 70}, 5)
    _record(vault, patient.id, {"effective": "2026-11-28T12:00:00+01:00", "hr": 80}, 1)
    _record(vault, patient.id, {"effective": "2026-11-28T10:00:00+01:00", "hr": 75}, 3)
    i18n.install("en")
    model = TimelineModel("en")
    model.set_records(records.patient_records(vault, patient.id), {})
    assert model.rowCount() == 3 and model.columnCount() == 5
    hrs = [model.record(r).answers["hr"] for r in range(3)]
    assert hrs == [80, 75, 70]
    assert model.headerData(COL_STATUS, Qt.Orientation.Horizontal) == "Status"
    assert model.index(0, COL_STATUS).data() == "final"


def test_chart_picture(qtbot, vault, patient, sync_ops):
    for hours, temp in ((30, 37.1), (20, 38.2), (8, 38.9), (2, 37.6)):
        _record(vault, patient.id, {"temp": temp, "hr": 100, "rr": 20, "spo2": 95,
                                     "o2": "air", "avpu": "A", "sbp": 110}, hours)
    chart = show(qtbot, ChartWidget(context(vault), patient.id))
    ARTEFACTS.mkdir(exist_ok=True)
    chart.grab().save(str(ARTEFACTS / "chart.png"))
    assert chart.model.rowCount() == 4


def test_form_in_progress_survives_a_lock(qtbot, vault, patient, sync_ops):
    """What the shell does on lock: draft_state() from the chart, then restore_draft() on a
    new chart after unlocking."""
    chart = show(qtbot, ChartWidget(context(vault), patient.id))
    assert chart.draft_state() is None  # nothing in progress
    dialog = chart._open_new("vital-signs", None)
    dialog.form.load({**dialog.form.raw_answers(), "temp": 39.1, "hr": 121})
    dialog.form.focus_item("hr")
    state = chart.draft_state()
    assert state["meta"]["mode"] == "new" and state["form"]["answers"]["temp"] == 39.1
    dialog.hide()  # the lock hides every dialog
    again = show(qtbot, ChartWidget(context(vault), patient.id))
    again.restore_draft(state)
    reopened = again.dialog
    assert reopened is not None and reopened.is_open()
    assert reopened.form.raw_answers() == dialog.form.raw_answers()
    assert "MÉNARD-LEFÈVRE" in reopened.subtitle.text()
    reopened.form.submit()
    save_anyway(reopened.form)
    assert again.model.rowCount() == 1  # and it saves like any form


def test_amendment_in_progress_survives_a_lock(qtbot, vault, patient, sync_ops):
    _record(vault, patient.id, {"temp": 38.0})
    chart = show(qtbot, ChartWidget(context(vault), patient.id))
    chart.amend_selected()
    chart.dialog.form.field("temp").set_value(37.0)
    state = chart.draft_state()
    assert state["meta"]["mode"] == "amend"
    chart.dialog.hide()
    again = show(qtbot, ChartWidget(context(vault), patient.id))
    again.restore_draft(state)
    assert again.dialog.form.raw_answers()["temp"] == 37.0
    again.dialog.form.submit()
    save_anyway(again.dialog.form)
    [summary] = records.patient_records(vault, patient.id)
    assert summary.revisions == 2 and summary.answers["temp"] == 37.0


def test_switching_language_changes_the_chart_texts(qtbot, vault, patient, sync_ops):
    from care_degraded.ui.checklists import ChecklistWidget
    from care_degraded.ui.context import Topic
    from care_degraded.ui.handover import HandoverWidget

    _record(vault, patient.id, {"temp": 37.0})
    ctx = context(vault)
    chart = show(qtbot, ChartWidget(ctx, patient.id))
    handover = show(qtbot, HandoverWidget(ctx))
    lists = show(qtbot, ChecklistWidget(ctx))
    assert chart.quick["vitals"].text() == "Constantes  (Alt+C)"
    i18n.install("en")  # what the window's Affichage ▸ Langue does before telling the screens
    ctx.lang = "en"
    ctx.notify(Topic.SETTINGS)
    assert chart.quick["vitals"].text() == "Vitals  (Alt+C)"
    assert chart.model.headerData(COL_STATUS, Qt.Orientation.Horizontal) == "Status"
    assert _cell(chart, 0, COL_STATUS) == "final"
    assert chart.panel.amend.text() == "Amend  (Alt+F)"
    assert chart.panel.title.text() == "Vital signs and NEWS2 score"  # the form's own text
    assert handover.title.text() == "Ward handover"
    assert lists.start["recovery"].text() == "Return to normal"


def test_a_saved_record_says_so(qtbot, vault, patient, sync_ops):
    chart = show(qtbot, ChartWidget(context(vault), patient.id))
    qtbot.waitUntil(lambda: chart.loading is not None and chart.loading.done)
    assert not chart.saved_note.isVisible()
    dialog = chart._open_new("vital-signs", None)
    dialog.form.load({**dialog.form.raw_answers(), "temp": 37.2, "hr": 80, "sbp": 120,
                      "rr": 16, "spo2": 97, "o2": "air", "avpu": "A"})
    dialog.form.submit()
    qtbot.waitUntil(chart.saved_note.isVisible)
    text = chart.saved_note.text()
    assert text.startswith("Enregistré ") and "— Constantes et score NEWS2, " in text
    assert text.endswith(patient.identity.display_name())
