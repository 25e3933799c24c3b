"""The clinical screens inside the real window, on the demo ward, with real threads.

Vitals typed by keyboard are saved as the logged-in nurse, appear in the chart and
their NEWS2 on the ward board; a form in progress survives a lock and comes back
after unlocking.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from care_degraded.services.vaults import DEMO_USERS
from care_degraded.ui.board import Column
from care_degraded.ui.chart import ChartWidget
from tests.ui.chart_helpers import ARTEFACTS


@pytest.fixture
def window(demo_window):
    return demo_window


def _unlock(qtbot, window) -> None:
    login, _name, _role, secret = DEMO_USERS[1]
    window.unlock.login.setEditText(login)
    window.unlock.passphrase.setText(secret)
    with qtbot.waitSignal(window.board_refreshed, timeout=30000):
        window.unlock.button.click()


def _open_first_chart(qtbot, window) -> ChartWidget:
    window.board.table.setFocus()
    window.board.table.setCurrentIndex(window.board.proxy.index(0, 0))
    qtbot.keyClick(window.board.table, Qt.Key.Key_Return)
    chart = window.tabs.currentWidget()
    assert isinstance(chart, ChartWidget)
    qtbot.waitUntil(lambda: chart.loading is not None and chart.loading.done, timeout=10000)
    return chart


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _board_news2(window, patient_id: str):
    model = window.board.model
    for row in range(model.rowCount()):
        if model.row_at(row).patient_id == patient_id:
            return model.row_at(row).news2
    raise AssertionError("patient not on the board")


def test_vitals_by_keyboard_reach_the_chart_and_the_board(qtbot, window):
    _unlock(qtbot, window)
    chart = _open_first_chart(qtbot, window)
    before = chart.model.rowCount()
    _press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Alt+C: vitals
    dialog = chart.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert window.board.model.index(0, Column.PATIENT).data() is not None
    assert chart.patient is not None
    assert chart.patient.identity.display_name() in dialog.subtitle.text()
    _press(qtbot, Qt.Key.Key_Tab)  # from the (pre-filled) time to the temperature
    for text in ("39,2", "125", "95", "60", "26", "91"):  # temp hr sbp dbp rr spo2
        _type(qtbot, text)
        _press(qtbot, Qt.Key.Key_Tab)
    _press(qtbot, Qt.Key.Key_Tab)  # scale 2: no
    _type(qtbot, "1")  # room air
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "3")  # responds to voice
    total = dialog.form.field("news2-total").value()
    # RR 26 -> 3, SpO2 91 -> 3, air 0, SBP 95 -> 2, HR 125 -> 2, V -> 3, 39.2 -> 2
    assert total == 15
    _press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: chart.model.rowCount() == before + 1, timeout=10000)
    assert not dialog.isVisible()
    assert chart.model.index(0, 3).data() == DEMO_USERS[1][1]  # signed by the nurse
    pid = chart.patient_id
    qtbot.waitUntil(lambda: _board_news2(window, pid) == 15, timeout=10000)
    assert chart.model.index(0, 2).data().startswith("NEWS2 total 15 · Élevé")
    qtbot.waitUntil(lambda: chart.panel.summary is not None, timeout=10000)
    ARTEFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTEFACTS / "chart-in-app.png"))


def test_a_form_in_progress_survives_the_lock(qtbot, window):
    _unlock(qtbot, window)
    chart = _open_first_chart(qtbot, window)
    pid = chart.patient_id
    _press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    dialog = chart.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.form.focus_item("hr")
    _type(qtbot, "88")
    with qtbot.waitSignal(window.locked, timeout=10000):
        window.auto_lock.timer.timeout.emit()
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets()
                   if w.objectName() == "formDialog")
    _unlock(qtbot, window)
    charts = [window.tabs.widget(i) for i in range(window.tabs.count())
              if isinstance(window.tabs.widget(i), ChartWidget)]
    assert [c.patient_id for c in charts] == [pid]
    reopened = charts[0]
    qtbot.waitUntil(lambda: reopened.dialog is not None and reopened.dialog.is_open(),
                    timeout=10000)
    assert reopened.dialog.form.raw_answers()["hr"] == 88


def test_the_qt_binding_does_not_over_release_none_or_booleans(qapp):
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None (or True/False) on
    every void call and every emit: a ward session aborted after a few thousand
    operations. A few calls are enough to see it, long before it crashes."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Ping(QObject):
        ping = Signal()

    ping = Ping()
    ping.ping.connect(lambda: None)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(50):
        qapp.processEvents()
        ping.ping.emit()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    assert all(a >= b for a, b in zip(after, before, strict=True)), (before, after)
