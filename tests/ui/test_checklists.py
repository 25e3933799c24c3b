"""Checklists: start a run for a phase, tick by keyboard, who and when, progress per role."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from care_degraded.services import checklists
from care_degraded.services.forms import library
from care_degraded.ui import operations
from care_degraded.ui.checklists import ChecklistWidget
from tests.ui.chart_helpers import ARTEFACTS, context, key, show


@pytest.fixture
def sync_ops():
    with operations.synchronous():
        yield


def test_start_tick_and_close_a_downtime_checklist(qtbot, vault, sync_ops):
    view = show(qtbot, ChecklistWidget(context(vault)))
    assert view.runs.count() == 0 and view.view.state is None
    view.start["start"].click()
    run = view.view
    assert run.state is not None and run.state.phase == "start"
    assert view.runs.count() == 1
    assert set(run.progress) == {"manager", "nurse", "it"}
    total_nurse = run.progress["nurse"].maximum()
    assert run.progress["nurse"].value() == 0
    first_nurse = next(i.link_id for i in run.state.items if i.role == "nurse")
    run.boxes[first_nurse].setFocus()
    key(qtbot, Qt.Key.Key_Space)  # ticked from the keyboard
    assert run.boxes[first_nurse].isChecked()
    assert run.stamps[first_nurse].text().startswith("✓ Inès Durand-Test, ")
    assert run.progress["nurse"].value() == 1
    assert run.progress["nurse"].text() == f"1 / {total_nurse}"
    assert run.boxes[first_nurse].hasFocus()  # the focus stays where the nurse is
    stored = checklists.run_state(vault, library(), run.state.run_id)
    [item] = [i for i in stored.items if i.link_id == first_nurse]
    assert item.checked and item.by == "ide" and item.at is not None
    # Unticking is recorded too.
    run.boxes[first_nurse].click()
    assert run.stamps[first_nurse].text().startswith("décoché par Inès Durand-Test")
    run.boxes[first_nurse].click()
    ARTEFACTS.mkdir(exist_ok=True)
    QApplication.processEvents()  # let the scroll area take the new size before the picture
    view.grab().save(str(ARTEFACTS / "checklist.png"))
    run.close_button.click()
    assert run.state.ended_at is not None
    assert not run.boxes[first_nurse].isEnabled()
    assert "(clôturée)" in view.runs.item(0).text()
    assert checklists.active_runs(vault, library()) == []


def test_open_runs_listed_first_and_reopened(qtbot, vault, sync_ops):
    lib = library()
    old = checklists.start_run(vault, lib, "start")
    checklists.end_run(vault, lib, old.run_id)
    shift = checklists.start_run(vault, lib, "shift")
    view = show(qtbot, ChecklistWidget(context(vault)))
    assert view.runs.count() == 2
    assert view.view.state.run_id == shift.run_id
    view.runs.setCurrentRow(1)
    assert view.view.state.run_id == old.run_id
    assert not view.view.close_button.isVisible()
