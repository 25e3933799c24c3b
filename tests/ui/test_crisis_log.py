"""The crisis log in the app: Ctrl+M for everyone, the managers' tab, amend and void."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from care_degraded.domain.crisis_entry import CrisisCategory
from care_degraded.domain.revision import RevisionStatus
from care_degraded.services import crisis_log
from care_degraded.ui import i18n, operations
from care_degraded.ui.crisis import CrisisEntryDialog, CrisisLogWidget
from care_degraded.ui.crisis.widget import STATUS, TEXT
from tests.ui.app_helpers import unlock
from tests.ui.chart_helpers import ARTEFACTS, context, show


@pytest.fixture
def sync_ops():
    with operations.synchronous():
        yield


def _save(dialog: CrisisEntryDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_dialog_refuses_without_category_or_text_then_saves_as_typed(qtbot, vault, sync_ops):
    dialog = CrisisEntryDialog(context(vault))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.category.currentIndex() == -1  # no category chosen for the nurse
    qtbot.keyClicks(dialog.text, "Chariot d'urgence verifie")
    _save(dialog)
    assert dialog.problem.isVisible() and "catégorie" in dialog.problem.text()
    assert crisis_log.entries(vault) == []
    assert dialog.text.toPlainText() == "Chariot d'urgence verifie"  # nothing lost
    dialog.category.setCurrentIndex(dialog.category.findData("action"))
    dialog.text.clear()
    _save(dialog)
    assert "vide" in dialog.problem.text() and crisis_log.entries(vault) == []
    qtbot.keyClicks(dialog.text, "Chariot d'urgence verifie ")
    with qtbot.waitSignal(dialog.accepted):
        _save(dialog)
    [entry] = crisis_log.entries(vault)
    assert entry.text == "Chariot d'urgence verifie " and entry.author == "ide"
    assert entry.category is CrisisCategory.ACTION and entry.patient_ref is None
    assert dialog.saved is not None and dialog.saved.entry_id == entry.entry_id


def test_manager_screen_lists_amends_and_voids(qtbot, manager_vault, sync_ops):
    v = manager_vault
    first = crisis_log.add_entry(v, "decision", "Activation du plan blanc")
    crisis_log.add_entry(v, "information", "Retour réseau prévu à 8 h")
    view = show(qtbot, CrisisLogWidget(context(v)))
    assert view.model.rowCount() == 2
    assert view.model.index(0, TEXT).data() == "Activation du plan blanc"
    view.table.selectRow(0)
    dialog = view.open_dialog(view.selected())
    assert dialog is not None and dialog.text.toPlainText() == "Activation du plan blanc"
    dialog.text.setPlainText("Activation du plan blanc à 02:40")
    with qtbot.waitSignal(dialog.accepted):
        _save(dialog)
    assert crisis_log.get_entry(v, first.uuid).status is RevisionStatus.AMENDED
    assert view.model.index(0, TEXT).data() == "Activation du plan blanc à 02:40"
    assert "rectifiée" in view.model.index(0, STATUS).data()
    view.table.selectRow(1)
    view.void_selected("information fausse")
    voided = crisis_log.entries(v)[1]
    assert voided.voided and voided.reason == "information fausse"
    assert "information fausse" in view.model.index(1, STATUS).data()
    assert view.model.index(1, TEXT).data(Qt.ItemDataRole.FontRole).strikeOut()


def test_ctrl_m_for_everyone_tab_for_managers_grabs(qtbot, demo_window):
    w = demo_window
    unlock(qtbot, w, "ide1", "ide1-demo-2026")
    assert w.tabs.count() == 3  # a nurse has no crisis log tab
    qtbot.keyClick(w.board.search, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = w.menus.crisis_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.patient.count() > 1)  # the ward's patients, to choose
    dialog.category.setCurrentIndex(dialog.category.findData("patient"))
    dialog.patient.setCurrentIndex(1)
    dialog.text.setPlainText("Chute au lever, sans gravité, médecin prévenu")
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        _save(dialog)
    assert dialog.saved is not None and dialog.saved.patient_ref
    w.lock_now()

    unlock(qtbot, w, "cadre", "cadre-demo-2026")
    assert w.tabs.count() == 4 and w.tabs.tabText(3) == "Main courante"
    w.activateWindow()  # the closed dialog took the activation with it (offscreen)
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w.board.search, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    screen = w.tabs.currentWidget()
    assert isinstance(screen, CrisisLogWidget)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert "Inès Infirmière (démo)" in screen.model.index(0, 2).data()
    ARTEFACTS.mkdir(exist_ok=True)
    QApplication.processEvents()
    assert w.grab().save(str(ARTEFACTS / "crisis-log-fr.png"))
    qtbot.keyClick(w.board.search, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert w.menus.crisis_dialog is not None
    assert w.menus.crisis_dialog.windowTitle() == "Ajouter à la main courante"
    assert w.menus.crisis_dialog.grab().save(str(ARTEFACTS / "crisis-entry-fr.png"))
    w.menus.crisis_dialog.reject()
    w.set_language("en")
    try:
        assert w.tabs.tabText(3) == "Crisis log"
        screen = w.tabs.widget(3)
        w.tabs.setCurrentIndex(3)
        qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
        QApplication.processEvents()
        assert w.grab().save(str(ARTEFACTS / "crisis-log-en.png"))
    finally:
        w.set_language("fr")
        i18n.install("fr")


def test_an_entry_in_progress_survives_a_lock(qtbot, demo_window):
    w = demo_window
    unlock(qtbot, w, "ide1", "ide1-demo-2026")
    qtbot.keyClick(w.board.search, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = w.menus.crisis_dialog
    assert dialog is not None
    dialog.category.setCurrentIndex(dialog.category.findData("information"))
    dialog.text.setPlainText("Appel de la cellule de crise : inventaire à 03:00")
    w.lock_now()
    assert not any(d.isVisible() for d in QApplication.topLevelWidgets()
                   if isinstance(d, CrisisEntryDialog))
    unlock(qtbot, w, "ide1", "ide1-demo-2026")
    qtbot.waitUntil(lambda: w.menus.crisis_dialog is not None
                    and w.menus.crisis_dialog is not dialog
                    and w.menus.crisis_dialog.isVisible(), timeout=15000)
    back = w.menus.crisis_dialog
    assert back.text.toPlainText() == "Appel de la cellule de crise : inventaire à 03:00"
    assert back.category.currentData() == "information"
    assert crisis_log.entries(w.ctx.vault) == []  # a draft, never saved behind her back
