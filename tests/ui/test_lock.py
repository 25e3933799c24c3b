"""Auto-lock: the timer fires, every patient disappears, the form in progress survives."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from care_degraded.services import board as board_service
from care_degraded.services.vaults import DEMO_USERS
from care_degraded.ui import i18n, style
from care_degraded.ui.chart import ChartWidget
from care_degraded.ui.lock import DEFAULT_MINUTES, InactivityLock, clamp_minutes
from care_degraded.ui.main_window import MainWindow
from care_degraded.ui.settings import Prefs
from tests.conftest import MANAGER, NURSE
from tests.ui.app_helpers import leaked_names, synthetic_patients, unlock


@pytest.fixture
def patients(monkeypatch):
    found = synthetic_patients(12)
    monkeypatch.setattr(board_service, "ward_patients", lambda vault: found)
    return found


@pytest.fixture
def window(qtbot, qapp, vault_path, patients):
    i18n.install("fr")
    style.apply(qapp, False)
    w = MainWindow(vault_path, Prefs(lang="fr"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_inactivity_timer_fires_and_activity_restarts_it(qtbot):
    lock = InactivityLock(minutes=DEFAULT_MINUTES)
    assert lock.timer.interval() == 5 * 60_000 and lock.timer.isSingleShot()
    lock.arm()
    assert lock.timer.isActive()
    lock.timer.stop()
    # any key press anywhere restarts the count
    QApplication.sendEvent(QApplication.instance(), QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
    assert lock.timer.isActive()
    with qtbot.waitSignal(lock.timed_out, timeout=1000):
        lock.timer.timeout.emit()
    assert not lock.armed  # fires once, then waits for the next unlock
    lock.timer.stop()
    QApplication.sendEvent(QApplication.instance(), QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
    assert not lock.timer.isActive()


@pytest.mark.parametrize(("stored", "minutes"), [(None, 5), ("12", 12), ("0", 1), ("999", 60),
                                                 ("abc", 5)])
def test_delay_is_clamped(stored, minutes):
    assert clamp_minutes(stored) == minutes


def test_auto_lock_hides_every_patient_and_closes_the_vault(qtbot, window, patients):
    unlock(qtbot, window, NURSE[0], NURSE[2])
    window.open_patient(patients[0].id)
    window.open_patient(patients[3].id)
    window.board.search.setText(patients[5].identity.birth_name)
    assert leaked_names(patients), "the names must be on screen before the lock"
    vault = window.ctx.vault
    assert window.auto_lock.timer.isActive()
    with qtbot.waitSignal(window.locked, timeout=5000):
        window.auto_lock.timer.timeout.emit()  # five minutes without activity, no sleeping
    assert leaked_names(patients) == []
    assert window.board.model.rowCount() == 0
    assert window.tabs.count() == 1
    assert vault.conn is None and window.ctx.vault is None
    assert window.pages.currentWidget() is window.unlock
    assert window.unlock.notice.text().startswith("Verrouillé après inactivité.")
    assert window.unlock.login.currentText() == NURSE[0]  # the same nurse proposed
    assert not window.menus.find.isEnabled()
    window.menus.find.trigger()  # shortcuts do nothing while locked
    assert leaked_names(patients) == []


def _demo_unlock(qtbot, window, user) -> None:
    login, _name, _role, secret = user
    unlock(qtbot, window, login, secret)


def _vitals_in_progress(qtbot, window) -> ChartWidget:
    """The first patient's chart with a vitals form open, heart rate 88 typed."""
    first = window.board.model.row_at(0).patient_id
    chart = window.open_patient(first)
    assert isinstance(chart, ChartWidget)
    qtbot.waitUntil(lambda: chart.loading is not None and chart.loading.done, timeout=10000)
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Alt+C: vitals
    dialog = chart.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.form.focus_item("hr")
    qtbot.keyClicks(QApplication.focusWidget(), "88")
    return chart


def _reopened(qtbot, window, patient_id: str) -> ChartWidget:
    charts = [window.tabs.widget(i) for i in range(window.tabs.count())
              if isinstance(window.tabs.widget(i), ChartWidget)]
    assert [c.patient_id for c in charts] == [patient_id]
    chart = charts[0]
    qtbot.waitUntil(lambda: chart.dialog is not None and chart.dialog.is_open(), timeout=10000)
    return chart


def test_a_draft_reopens_only_for_its_author(qtbot, demo_window):
    """ide1 types HR 140 and locks; the manager unlocks: the form is not reopened for
    her, she is told whose it is and may discard it; ide1 gets it back."""
    window = demo_window
    _demo_unlock(qtbot, window, DEMO_USERS[1])  # ide1
    chart = _vitals_in_progress(qtbot, window)
    window.menus.lock.trigger()  # Ctrl+L
    assert window.is_locked
    # a manual lock says so, not "after inactivity"
    assert window.unlock.notice.text().startswith("Verrouillé. ")
    _demo_unlock(qtbot, window, DEMO_USERS[0])  # the ward manager, on the same machine
    notice = window.drafts_notice
    qtbot.waitUntil(notice.isVisible, timeout=10000)
    [(label, discard)] = notice.lines
    assert label.text().startswith("1 saisie en cours par Inès Infirmière (démo) (ide1), ")
    assert discard.text() == "Supprimer"
    assert window.tabs.count() == 4  # board, handover, checklists, crisis log: no chart
    window.lock_now()
    _demo_unlock(qtbot, window, DEMO_USERS[1])  # ide1 again: her form comes back
    restored = _reopened(qtbot, window, chart.patient_id)
    assert restored.dialog.form.raw_answers()["hr"] == 88
    assert not window.drafts_notice.isVisible()
    # taken once: a second lock without a form in progress brings nothing back
    restored.dialog.reject()
    restored.dialog.findChild(QMessageBox, "discardBox").button(
        QMessageBox.StandardButton.Discard).click()
    window.lock_now()
    _demo_unlock(qtbot, window, DEMO_USERS[1])
    assert window.tabs.count() == 3


def test_another_user_may_discard_a_draft_never_open_it(qtbot, demo_window):
    window = demo_window
    _demo_unlock(qtbot, window, DEMO_USERS[1])  # ide1
    _vitals_in_progress(qtbot, window)
    window.lock_now()
    _demo_unlock(qtbot, window, DEMO_USERS[2])  # ide2
    notice = window.drafts_notice
    qtbot.waitUntil(notice.isVisible, timeout=10000)
    [(_label, discard)] = notice.lines
    discard.click()
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=10000)
    window.lock_now()
    _demo_unlock(qtbot, window, DEMO_USERS[1])  # ide1: her draft was discarded
    assert window.tabs.count() == 3 and not window.drafts_notice.isVisible()


def test_switch_user_without_closing(qtbot, window, patients):
    unlock(qtbot, window, NURSE[0], NURSE[2])
    window.menus.switch.trigger()
    assert window.is_locked and window.unlock.login.currentText() == ""
    assert "Changement" in window.unlock.notice.text()
    logins = [window.unlock.login.itemText(i) for i in range(window.unlock.login.count())]
    assert NURSE[0] in logins  # offered again in this session (never written to disk)
    unlock(qtbot, window, MANAGER[0], MANAGER[2])
    assert window.ctx.vault.user.login == MANAGER[0]
    assert MANAGER[1] in window.banner.user.text()
    assert window.menus.settings.isEnabled()


def test_mouse_activity_keeps_the_session_open(qtbot, window):
    unlock(qtbot, window, NURSE[0], NURSE[2])
    window.auto_lock.timer.stop()
    qtbot.mouseMove(window.board.table.viewport(), window.board.table.viewport().rect().center())
    qtbot.mouseClick(window.board.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.board.table.viewport().rect().center())
    assert window.auto_lock.timer.isActive()
    assert not window.is_locked


def test_language_switch_rebuilds_screens_and_keeps_the_form(qtbot, demo_window):
    window = demo_window
    _demo_unlock(qtbot, window, DEMO_USERS[1])
    chart = _vitals_in_progress(qtbot, window)
    window.menus.languages["en"].trigger()
    try:
        rebuilt = _reopened(qtbot, window, chart.patient_id)
        assert rebuilt is not chart
        assert rebuilt.dialog.form.raw_answers()["hr"] == 88
        assert window.tabs.tabText(0) == "Ward board" and window.tabs.count() == 4
    finally:
        window.menus.languages["fr"].trigger()
    assert window.tabs.tabText(0) == "Tableau du service"


def test_lock_hides_open_dialogs_without_asking(qtbot, window, patients):
    from care_degraded.domain.errors import Refused
    from care_degraded.ui.operations import show_error

    unlock(qtbot, window, MANAGER[0], MANAGER[2])
    dialog = window.open_settings()
    box = show_error(window, Refused("x"))
    assert dialog.isVisible() and box.isVisible()
    with qtbot.waitSignal(window.locked, timeout=5000):
        window.auto_lock.timer.timeout.emit()
    assert not dialog.isVisible() and not box.isVisible()
    assert leaked_names(patients) == []
    qtbot.waitUntil(lambda: window.unlock.message.height() > 0)
    from tests.ui.test_unlock import ARTEFACTS

    ARTEFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTEFACTS / "unlock-after-auto-lock.png"))


def test_ctrl_l_locks_from_an_open_form_dialog_keeping_the_draft(qtbot, demo_window):
    window = demo_window
    _demo_unlock(qtbot, window, DEMO_USERS[1])
    chart = _vitals_in_progress(qtbot, window)
    dialog = chart.dialog
    assert dialog.isActiveWindow()
    with qtbot.waitSignal(window.locked, timeout=10000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L,
                       Qt.KeyboardModifier.ControlModifier)  # typed in the form's field
    assert window.is_locked
    assert window.unlock.notice.text().startswith("Verrouillé. ")
    _demo_unlock(qtbot, window, DEMO_USERS[1])
    restored = _reopened(qtbot, window, chart.patient_id)
    assert restored.dialog.form.raw_answers()["hr"] == 88
