"""Handover: the ward view lists every patient's latest handover; SBAR per patient."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from care_degraded.services import records
from care_degraded.services.forms import library
from care_degraded.ui import operations
from care_degraded.ui.handover import HandoverWidget
from care_degraded.ui.handover.model import COL_AUTHOR, COL_KIND, COL_SUMMARY, SBAR_URL
from tests.ui.chart_helpers import (
    ARTEFACTS,
    activate,
    context,
    install_patients,
    key,
    keys,
    make_patient,
    show,
)


@pytest.fixture
def sync_ops():
    with operations.synchronous():
        yield


@pytest.fixture
def ward(vault):
    return install_patients(vault, [
        make_patient("a", bed="1"), make_patient("b", bed="2", provisional=True)])


def _at(hours_ago: float) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours_ago)).isoformat(
        timespec="seconds")


def test_ward_view_shows_each_patients_latest_handover(qtbot, vault, ward, sync_ops):
    first, second = ward
    lib = library()
    records.record_care(vault, lib, first.id, "sbar-handover", {
        "effective": _at(5), "from": "IDE de jour", "situation": "Douleur thoracique",
        "assessment": "NEWS2 2", "recommendation": "ECG si récidive"})
    records.record_care(vault, lib, first.id, "targeted-notes", {
        "effective": _at(1), "target": [{"focus": "Chute", "data": "retrouvée au sol"},
                                        {"focus": "Douleur", "actions": "antalgique"}]})
    view = show(qtbot, HandoverWidget(context(vault)))
    assert view.model.rowCount() == 2
    by_bed = {view.model.index(r, 0).data(): r for r in range(2)}
    row = by_bed["1"]
    assert view.model.index(row, COL_KIND).data() == "Ciblée (DAR)"  # the newer one wins
    assert view.model.index(row, COL_SUMMARY).data() == "Chute · Douleur"
    assert view.model.index(row, COL_AUTHOR).data() == "Inès Durand-Test"
    other = by_bed["2"]
    assert view.model.index(other, COL_KIND).data() == "aucune"
    assert "(provisoire)" in view.model.index(other, 1).data()
    view.table.selectRow(row)
    assert "retrouvée au sol" in view.detail.toPlainText()
    ARTEFACTS.mkdir(exist_ok=True)
    view.grab().save(str(ARTEFACTS / "handover.png"))


def test_sbar_written_for_the_selected_patient(qtbot, vault, ward, sync_ops):
    first, second = ward
    view = show(qtbot, HandoverWidget(context(vault)))
    view.table.selectRow(view.model.row_of(second.id))
    view.table.setFocus()
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    dialog = view.dialog
    assert dialog is not None
    assert second.identity.display_name() in dialog.subtitle.text()
    assert dialog.form.raw_answers()["from"] == "Inès Durand-Test"
    activate(qtbot, dialog)
    dialog.form.focus_item("situation")
    keys(qtbot, "Essoufflement nouveau")
    dialog.form.focus_item("assessment")
    keys(qtbot, "SpO2 91 %")
    dialog.form.focus_item("recommendation")
    keys(qtbot, "Rappeler l'interne")
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    latest = records.latest_by_form(vault, second.id, SBAR_URL)
    assert latest is not None and latest.answer("situation") == "Essoufflement nouveau"
    row = view.model.row_of(second.id)
    assert view.model.index(row, COL_KIND).data() == "SBAR"
    assert view.model.index(row, COL_SUMMARY).data() == "Essoufflement nouveau"


def test_handover_in_progress_survives_a_lock(qtbot, vault, ward, sync_ops):
    first, second = ward
    view = show(qtbot, HandoverWidget(context(vault)))
    view.table.selectRow(view.model.row_of(second.id))
    dialog = view.write("sbar")
    dialog.form.field("situation").set_value("Agitation nocturne")
    state = view.draft_state()
    dialog.hide()
    again = show(qtbot, HandoverWidget(context(vault)))
    again.restore_draft(state)
    assert again.selected().patient.id == second.id
    assert again.dialog.form.raw_answers()["situation"] == "Agitation nocturne"
