"""The main window: unlock to the ward board, charts in tabs, menus, language, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from care_degraded.services import board as board_service
from care_degraded.ui import i18n, style
from care_degraded.ui.main_window import MainWindow
from care_degraded.ui.settings import Prefs
from tests.conftest import MANAGER, NURSE
from tests.ui.app_helpers import synthetic_patients, unlock

ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"


@pytest.fixture
def patients(monkeypatch):
    found = synthetic_patients(12)
    monkeypatch.setattr(board_service, "ward_patients", lambda vault: found)
    return found


@pytest.fixture
def window(qtbot, qapp, vault_path, patients):
    i18n.install("fr")
    style.apply(qapp, False)  # as app.main does
    w = MainWindow(vault_path, Prefs(lang="fr"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    i18n.install("fr")


def test_unlock_shows_the_ward_board_and_banner(qtbot, window, patients):
    assert window.pages.currentWidget() is window.unlock
    unlock(qtbot, window, NURSE[0], NURSE[2])
    assert window.pages.currentWidget() is window.workspace
    assert window.board.model.rowCount() == len(patients)
    assert window.banner.mode.text() == "MODE DÉGRADÉ"
    assert "Médecine B (test)" in window.banner.ward.text()
    assert "synchronisation" in window.banner.sync.text()
    assert NURSE[1] in window.banner.user.text()
    assert "Médecine B (test)" in window.windowTitle()
    assert not window.menus.settings.isEnabled()  # a nurse is no manager


def test_open_patient_from_the_board_by_keyboard(qtbot, window, patients):
    unlock(qtbot, window, NURSE[0], NURSE[2])
    window.board.table.setFocus()
    window.board.table.setCurrentIndex(window.board.proxy.index(1, 0))
    qtbot.keyClick(window.board.table, Qt.Key.Key_Return)
    chart = window.tabs.currentWidget()
    assert window.tabs.currentIndex() == 3  # board, handover, checklists, then the chart
    assert chart.patient_id == patients[1].id
    assert patients[1].identity.birth_name.upper() in window.tabs.tabText(3)
    # opening again focuses the same tab
    window.tabs.setCurrentIndex(0)
    assert window.open_patient(patients[1].id) is chart and window.tabs.count() == 4
    window.close_current_chart()
    assert window.tabs.count() == 3


def test_a_screen_that_fails_to_import_is_a_bug_not_a_placeholder(qtbot, window, monkeypatch):
    import sys

    unlock(qtbot, window, NURSE[0], NURSE[2])
    tabs = window.tabs.count()
    # A module that cannot be imported (sys.modules set to None makes import raise).
    monkeypatch.delitem(sys.modules, "care_degraded.ui.chart", raising=False)
    monkeypatch.setitem(sys.modules, "care_degraded.ui.chart", None)
    with pytest.raises(ImportError):
        window.open_patient("patient-001")
    assert window.tabs.count() == tabs  # no stand-in tab either


def test_search_shortcut_and_refresh(qtbot, window, patients):
    unlock(qtbot, window, NURSE[0], NURSE[2])
    window.menus.find.trigger()
    assert window.board.search.hasFocus() or window.focusWidget() is window.board.search
    qtbot.keyClicks(window.board.search, "traore")
    assert window.board.proxy.rowCount() == 1
    with qtbot.waitSignal(window.board_refreshed, timeout=5000):
        window.menus.refresh.trigger()
    assert window.board.proxy.rowCount() == 1  # the search survives a refresh


def test_switching_language_changes_the_menus(qtbot, window):
    assert window.menus.ward_menu.title() == "&Service"
    assert window.unlock.button.text() == "Déverrouiller"
    window.menus.languages["en"].trigger()
    assert window.ctx.lang == "en"
    assert window.menus.ward_menu.title() == "&Ward"
    assert window.menus.lock.text() == "&Lock now"
    assert window.unlock.button.text() == "Unlock"
    assert Prefs.load(window.ctx.vault_path).lang == "en"  # remembered on this machine
    window.menus.languages["fr"].trigger()
    assert window.menus.lock.text() == "&Verrouiller"


def test_high_contrast_toggles_the_style(qtbot, window):
    from PySide6.QtWidgets import QApplication

    window.menus.contrast.setChecked(True)
    assert QApplication.instance().property("highContrast") is True
    assert window.board.model.high_contrast
    window.menus.contrast.setChecked(False)
    assert QApplication.instance().property("highContrast") is False


def test_manager_settings_add_and_disable_a_user_and_set_auto_lock(qtbot, window):
    unlock(qtbot, window, MANAGER[0], MANAGER[2])
    assert window.menus.settings.isEnabled()
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    dialog.new_login.setText("ide3")
    dialog.new_name.setText("Noé Test")
    dialog.new_pass.setText("relève du matin 77")
    dialog.new_pass2.setText("relève du matin 77")
    with qtbot.waitSignal(dialog.add_user().finished, timeout=15000):
        pass
    logins = [dialog.users.item(r, 0).text() for r in range(dialog.users.rowCount())]
    assert "ide3" in logins, dialog.message.text()
    row = logins.index("ide3")
    dialog.users.selectRow(row)
    with qtbot.waitSignal(dialog.disable_selected().finished, timeout=15000):
        pass
    assert dialog.users.item(row, 3).text() == "désactivé"
    dialog.minutes.setValue(12)
    with qtbot.waitSignal(dialog.save_auto_lock().finished, timeout=5000):
        pass
    assert window.auto_lock.minutes == 12
    assert window.ctx.vault.meta("ui.auto_lock_minutes") == "12"


def test_settings_errors_are_sentences(qtbot, window):
    unlock(qtbot, window, MANAGER[0], MANAGER[2])
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    dialog.new_login.setText("x y")
    dialog.new_name.setText("Someone")
    dialog.new_pass.setText("short")
    dialog.new_pass2.setText("short")
    with qtbot.waitSignal(dialog.add_user().finished, timeout=15000):
        pass
    text = dialog.message.text()
    assert text and "Traceback" not in text and "ne peut pas être acceptée" in text


def _sub_scores(total: int, rr: int = 0) -> dict[str, int]:
    """Every NEWS2 sub-score, as the form computes them, adding up to ``total``."""
    from care_degraded.domain.record import NEWS2_PARAMETERS

    parts = {key: 0 for key in NEWS2_PARAMETERS}
    parts["news2-rr"] = rr
    left = total - rr
    for key in parts:
        if key != "news2-rr" and left > 0:
            parts[key] = min(3, left)
            left -= parts[key]
    return parts


def test_grab_of_the_ward_board(qtbot, window, patients):
    import datetime as dt

    unlock(qtbot, window, NURSE[0], NURSE[2])
    vault = window.ctx.vault
    now = dt.datetime.now(dt.UTC)
    for i, score in ((0, 2), (1, 6), (2, 8), (4, 1), (6, 3), (8, 0)):
        with vault.transaction():
            vault.revisions.append("record", patients[i].id, {
                "form_url": board_service.VITALS_FORM_URL, "form_version": "1.0.0",
                "effective_at": (now - dt.timedelta(minutes=20 * i)).isoformat(),
                "answers": {"news2-total": score, **_sub_scores(score, rr=3 if i == 6 else 0)}})
    with qtbot.waitSignal(window.board_refreshed, timeout=5000):
        window.refresh()
    banner = window.banner
    qtbot.waitUntil(lambda: banner.census.width() >= banner.census.sizeHint().width()
                    and window.board.count.width() >= window.board.count.sizeHint().width())
    assert window.board.model.data(window.board.model.index(2, 5)) == "8"
    ARTEFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTEFACTS / "ward-board.png"))
    window.menus.contrast.setChecked(True)
    qtbot.waitUntil(lambda: banner.sync.width() >= banner.sync.sizeHint().width()
                    and window.board.search_label.width()
                    >= window.board.search_label.sizeHint().width())
    assert window.grab().save(str(ARTEFACTS / "ward-board-high-contrast.png"))
    window.menus.contrast.setChecked(False)


def test_admit_opens_the_new_patients_chart(qtbot, window, patients):
    from PySide6.QtWidgets import QDialog

    unlock(qtbot, window, NURSE[0], NURSE[2])
    window.menus.admit.trigger()  # Ctrl+N
    dialogs = [w for w in window.findChildren(QDialog) if w.isVisible()]
    assert dialogs, "the admission dialog is shown"
    dialog = dialogs[-1]
    dialog.patient_id = patients[4].id  # as the dialog sets it once the nurse confirmed
    dialog.accept()
    assert window.tabs.currentWidget().patient_id == patients[4].id


def test_keyboard_shortcuts_lock_and_find(qtbot, window, patients):
    unlock(qtbot, window, NURSE[0], NURSE[2])
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(window.board.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.board.search
    qtbot.keyClick(window.board.search, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2
    with qtbot.waitSignal(window.locked, timeout=5000):
        qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_L,
                       Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
