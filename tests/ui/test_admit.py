"""Admission: provisional identity; likely duplicates shown before confirming."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from care_degraded.services import patients
from care_degraded.ui import operations
from care_degraded.ui.admit import AdmitDialog
from care_degraded.ui.admit.dialog import parse_birth_date
from tests.ui.chart_helpers import (
    ARTEFACTS,
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


def _fill(qtbot, dialog: AdmitDialog, surname: str, given: str, born: str) -> None:
    dialog.surname.setFocus()
    keys(qtbot, surname)
    key(qtbot, Qt.Key.Key_Tab)  # used name: left empty
    key(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, given)
    key(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, born)
    dialog.sex_buttons["female"].setChecked(True)


def test_birth_dates_as_wards_write_them():
    assert parse_birth_date("14/03/1941") == dt.date(1941, 3, 14)
    assert parse_birth_date("1941-03-14") == dt.date(1941, 3, 14)
    assert parse_birth_date("31/02/1941") is None


def test_admit_without_duplicates_gives_a_provisional_identity(qtbot, vault, sync_ops):
    ctx = context(vault)
    seen = []
    ctx.changed.connect(lambda topic, pid: seen.append((topic, pid)))
    dialog = show(qtbot, AdmitDialog(ctx), (980, 640))
    assert not dialog.duplicates.isVisible()
    dialog.admit_button.click()
    assert "le nom de naissance" in dialog.error.text()  # said in words, nothing written
    _fill(qtbot, dialog, "Inconnue", "Jeanne", "01/01/1950")
    with qtbot.waitSignal(dialog.admitted) as got:
        dialog.admit_button.click()
    patient = got.args[0]
    assert patient.is_provisional and patient.identity.provisional_number
    assert patients.get_patient(vault, patient.id) is not None
    assert seen == [("patients", patient.id)]


def test_duplicates_are_shown_before_confirming(qtbot, vault, sync_ops):
    [known] = install_patients(vault, [make_patient()])
    dialog = show(qtbot, AdmitDialog(context(vault)), (980, 640))
    _fill(qtbot, dialog, "Menard Lefevre", "Helene", "14/03/1941")  # typed without accents
    admitted = []
    dialog.admitted.connect(admitted.append)
    dialog.admit_button.click()
    assert admitted == []  # nothing written yet
    assert dialog.duplicates.isVisible() and dialog.duplicates.rowCount() == 1
    assert "MÉNARD-LEFÈVRE" in dialog.duplicates.item(0, 0).text()
    assert "même date de naissance" in dialog.duplicates.item(0, 3).text()
    assert not dialog.admit_button.isEnabled()  # must say it is someone else first
    ARTEFACTS.mkdir(exist_ok=True)
    dialog.grab().save(str(ARTEFACTS / "admit-duplicates.png"))
    with qtbot.waitSignal(dialog.existing_chosen) as chosen:
        dialog.open_existing.click()
    assert chosen.args == [known.id]
    assert len(patients.ward_patients(vault)) == 1


def test_admit_anyway_after_stating_it_is_someone_else(qtbot, vault, sync_ops):
    install_patients(vault, [make_patient()])
    dialog = show(qtbot, AdmitDialog(context(vault)), (980, 640))
    _fill(qtbot, dialog, "Menard", "Helene", "14/03/1941")
    dialog.admit_button.click()
    assert dialog.duplicates.rowCount() >= 1
    dialog.not_them.setChecked(True)
    assert dialog.admit_button.isEnabled()
    # Changing the identity cancels the statement: the check runs again.
    dialog.given.setText("Hélène Marie")
    assert not dialog.not_them.isChecked()
    dialog.admit_button.click()
    dialog.not_them.setChecked(True)
    with qtbot.waitSignal(dialog.admitted) as got:
        dialog.admit_button.click()
    assert got.args[0].is_provisional
    assert len(patients.ward_patients(vault)) == 2
