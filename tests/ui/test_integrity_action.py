"""Ward ▸ Check integrity: a manager's action that says what ``audit verify`` finds."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from care_degraded.ui import i18n, style
from care_degraded.ui.main_window import MainWindow
from care_degraded.ui.settings import Prefs
from tests.conftest import MANAGER, NURSE
from tests.ui.app_helpers import unlock
from tests.vault.util import dek_from_slot, raw_connect


@pytest.fixture
def window(qtbot, qapp, vault_path):
    i18n.install("fr")
    style.apply(qapp, False)
    w = MainWindow(vault_path, Prefs(lang="fr"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.ctx.vault is not None:
        w.lock_now()


def _check(qtbot, window) -> QMessageBox:
    op = window.menus.check_integrity()
    assert op is not None
    with qtbot.waitSignal(op.finished, timeout=15000):
        pass
    box = window.findChild(QMessageBox, "integrityBox")
    assert box is not None and box.isVisible()
    return box


def test_a_manager_sees_the_vault_intact(qtbot, window):
    unlock(qtbot, window, MANAGER[0], MANAGER[2])
    assert window.menus.integrity.isEnabled()
    assert window.menus.integrity.text() == "Vérifier l’&intégrité…"
    box = _check(qtbot, window)
    assert box.text().startswith("Intégrité vérifiée : le journal d’audit est intact")
    assert box.icon() == QMessageBox.Icon.Information


def test_a_rewritten_audit_row_is_reported_with_what_to_do(qtbot, window):
    unlock(qtbot, window, MANAGER[0], MANAGER[2])
    # Someone holding the database key edits a row behind the application's back.
    conn = raw_connect(window.ctx.vault_path,
                       dek_from_slot(window.ctx.vault_path, MANAGER[0], MANAGER[2]))
    conn.execute("UPDATE audit SET actor = 'quelqu-un' WHERE seq = 2")
    conn.close()
    box = _check(qtbot, window)
    assert box.text().startswith("ÉCHEC DE LA VÉRIFICATION D’INTÉGRITÉ")
    assert "Appelez l’informatique" in box.text()
    assert "ligne 2" in box.informativeText()
    assert box.icon() == QMessageBox.Icon.Critical


def test_a_nurse_has_no_integrity_action(qtbot, window):
    unlock(qtbot, window, NURSE[0], NURSE[2])
    assert not window.menus.integrity.isEnabled()
    assert window.menus.check_integrity() is None
