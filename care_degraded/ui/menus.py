"""Menus, actions and keyboard shortcuts of the main window.

Frequent actions have a shortcut a nurse can learn in one shift:
Ctrl+F (or Ctrl+K) find a patient, F5 refresh, Ctrl+L lock, Ctrl+U switch user,
Ctrl+N admit, Ctrl+1/2/3 board, handover, checklists, Ctrl+W close the chart,
Ctrl+P the print menu (the downtime kit first), Ctrl+M add to the crisis log
(everyone), Ctrl+4 the crisis log (ward managers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget

from care_degraded.ui import screens
from care_degraded.ui.integrity import verify_integrity
from care_degraded.ui.operations import Operation
from care_degraded.ui.printing import PrintActions

if TYPE_CHECKING:
    from care_degraded.ui.crisis import CrisisEntryDialog
    from care_degraded.ui.main_window import MainWindow


#: the object name of the Ctrl+M dialog, under which its draft is kept
CRISIS_DRAFT_SCREEN = "crisisEntryDialog"


def _alive_and_shown(widget: QWidget) -> bool:
    """Shown on screen; False once Qt deleted it (after a lock)."""
    try:
        return widget.isVisible()
    except RuntimeError:
        return False


class Menus(QObject):
    """Builds the menu bar once; ``retranslate`` sets every text again."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        bar = window.menuBar()
        self.ward_menu = bar.addMenu("")
        self.ward_menu.setObjectName("menuWard")
        self.print_menu = bar.addMenu("")
        self.print_menu.setObjectName("menuPrint")
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("menuView")
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("menuHelp")

        def action(name: str, slot: Callable[[], object], keys: tuple[str, ...] = ()) -> QAction:
            act = QAction(window)
            act.setObjectName(name)
            if keys:
                act.setShortcuts([QKeySequence(k) for k in keys])
            act.triggered.connect(lambda _checked=False: slot())
            return act

        self.find = action("actionFind", window.focus_search, ("Ctrl+F", "Ctrl+K"))
        self.refresh = action("actionRefresh", window.refresh_all, ("F5",))
        self.admit = action("actionAdmit", window.admit_patient, ("Ctrl+N",))
        self.crisis_add = action("actionCrisisAdd", self.add_crisis_entry, ("Ctrl+M",))
        self.crisis_dialog: CrisisEntryDialog | None = None
        self.settings = action("actionSettings", window.open_settings, ("Ctrl+,",))
        self.integrity = action("actionCheckIntegrity", self.check_integrity)
        self.lock = action("actionLock", window.lock_now, ("Ctrl+L",))
        # Ctrl+L locks from every window and dialog (a form open, a message shown).
        self.lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.switch = action("actionSwitchUser", window.switch_user, ("Ctrl+U",))
        self.quit = action("actionQuit", window.close, ("Ctrl+Q",))
        for act in (self.find, self.refresh, self.admit, self.crisis_add, None, self.settings, self.integrity,
                    None, self.lock,
                    self.switch, None, self.quit):
            if act is None:
                self.ward_menu.addSeparator()
            else:
                self.ward_menu.addAction(act)

        # Print: each action asks PDF or printer (``ui/printing.py``, replaceable in tests).
        self.printing = PrintActions(window.ctx, window)
        self.print_kit = action("actionPrintKit", self.printing.kit)
        self.print_handover = action("actionPrintHandover", self.printing.ward_handover)
        self.print_census = action("actionPrintCensus", self.printing.census)
        self.print_checklists = action("actionPrintChecklists", self.printing.checklists)
        self.print_form = action("actionPrintForm", self.printing.blank_form)
        self.print_crisis = action("actionPrintCrisisLog", self.printing.crisis_log)
        for act in (self.print_kit, None, self.print_handover, self.print_census,
                    self.print_checklists, self.print_crisis, None, self.print_form):
            if act is None:
                self.print_menu.addSeparator()
            else:
                self.print_menu.addAction(act)
        self.open_print = action("actionOpenPrintMenu", self.open_print_menu, ("Ctrl+P",))
        window.addAction(self.open_print)  # not in a menu: the key opens the menu itself

        self.board = action("actionBoard", lambda: window.show_tab(0), ("Ctrl+1",))
        self.handover = action("actionHandover", lambda: window.show_tab(1), ("Ctrl+2",))
        self.checklists = action("actionChecklists", lambda: window.show_tab(2), ("Ctrl+3",))
        self.crisis_log = action("actionCrisisLog", lambda: window.show_tab(3), ("Ctrl+4",))
        self.close_chart = action("actionCloseChart", window.close_current_chart, ("Ctrl+W",))
        self.contrast = QAction(window)
        self.contrast.setObjectName("actionHighContrast")
        self.contrast.setCheckable(True)
        self.contrast.setChecked(window.prefs.high_contrast)
        self.contrast.toggled.connect(window.set_high_contrast)
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.setObjectName("menuLanguage")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.languages: dict[str, QAction] = {}
        for code, native in (("fr", "Français"), ("en", "English")):
            act = QAction(native, window)  # language names are never translated
            act.setObjectName(f"actionLanguage_{code}")
            act.setCheckable(True)
            act.setChecked(window.ctx.lang == code)
            act.triggered.connect(lambda _c=False, c=code: window.set_language(c))
            group.addAction(act)
            self.language_menu.addAction(act)
            self.languages[code] = act
        for act in (self.board, self.handover, self.checklists, self.crisis_log,
                    self.close_chart, None,
                    self.contrast):
            if act is None:
                self.view_menu.addSeparator()
            else:
                self.view_menu.addAction(act)

        self.shortcuts = action("actionShortcuts", self._show_shortcuts, ("F1",))
        self.help_menu.addAction(self.shortcuts)
        self.set_unlocked(False, False)

    def set_unlocked(self, unlocked: bool, manager: bool) -> None:
        for act in (self.find, self.refresh, self.admit, self.lock, self.switch, self.board,
                    self.handover, self.checklists, self.close_chart, self.print_kit,
                    self.print_handover, self.print_census, self.print_checklists,
                    self.print_form, self.open_print, self.crisis_add):
            act.setEnabled(unlocked)
        self.crisis_log.setEnabled(unlocked and manager)
        self.print_crisis.setEnabled(unlocked and manager)
        self.print_menu.setEnabled(unlocked)
        self.settings.setEnabled(unlocked and manager)
        self.integrity.setEnabled(unlocked and manager)

    def add_crisis_entry(self) -> CrisisEntryDialog | None:
        """Ctrl+M: the quick "add to the crisis log" dialog, for everyone."""
        window = self.window
        if window.is_locked:
            return None
        dialog = screens.crisis_entry(window.ctx)
        dialog.setParent(window, dialog.windowFlags())
        dialog.open()
        self.crisis_dialog = dialog
        return dialog

    def crisis_drafts(self) -> list[dict[str, Any]]:
        """The Ctrl+M dialog's text in progress, kept across a lock like a form's."""
        dialog = self.crisis_dialog
        if dialog is None or not _alive_and_shown(dialog) or dialog.entry is not None:
            return []
        state = dialog.draft_state()
        return [{"screen": dialog.objectName(), "patient_id": None, "state": state}] \
            if state else []

    def restore_crisis_drafts(self, kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Reopen the Ctrl+M dialog with its draft; the other drafts are returned."""
        name = CRISIS_DRAFT_SCREEN
        mine = [d for d in kept if d.get("screen") == name]
        dialog = self.crisis_dialog
        still_open = dialog is not None and _alive_and_shown(dialog)
        if mine and not still_open and (opened := self.add_crisis_entry()) is not None:
            opened.restore_draft(dict(mine[0].get("state") or {}))
        return [d for d in kept if d.get("screen") != name]

    def retranslate(self) -> None:
        self.ward_menu.setTitle(self.tr("&Ward"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.print_menu.setTitle(self.tr("&Print"))
        self.language_menu.setTitle(self.tr("&Language"))
        texts = {
            self.find: self.tr("&Find a patient"), self.refresh: self.tr("&Refresh"),
            self.admit: self.tr("&Admit a patient…"), self.settings: self.tr("Ward &settings…"),
            self.integrity: self.tr("Check &integrity…"),
            self.lock: self.tr("&Lock now"), self.switch: self.tr("S&witch user"),
            self.quit: self.tr("&Quit"), self.board: self.tr("Ward &board"),
            self.handover: self.tr("&Handover"), self.checklists: self.tr("&Checklists"),
            self.close_chart: self.tr("&Close the chart"), self.contrast: self.tr("High &contrast"),
            self.shortcuts: self.tr("&Keyboard shortcuts"),
            self.print_kit: self.tr("Downtime paper &kit…"),
            self.print_handover: self.tr("Ward &handover sheet…"),
            self.print_census: self.tr("&Patient list (census)…"),
            self.print_checklists: self.tr("&Checklists…"),
            self.print_form: self.tr("&Blank form…"),
            self.crisis_add: self.tr("Add to the crisis lo&g…"),
            self.crisis_log: self.tr("Crisis lo&g"),
            self.print_crisis: self.tr("Crisis lo&g…"),
            self.open_print: self.tr("&Print…"),
        }
        for act, text in texts.items():
            act.setText(text)
        for code, act in self.languages.items():
            act.setChecked(self.window.ctx.lang == code)

    def check_integrity(self) -> Operation | None:
        """Ward ▸ Check integrity (a manager's action): the result opens in a box."""
        if self.window.is_locked or not self.integrity.isEnabled():
            return None
        return verify_integrity(self.window, self.window.ctx)

    def open_print_menu(self) -> None:
        """Ctrl+P: drop the Print menu down, the kit first (Enter prints it)."""
        if not self.print_menu.isEnabled():
            return
        bar = self.window.menuBar()
        bar.setActiveAction(self.print_menu.menuAction())
        self.print_menu.setActiveAction(self.print_kit)

    def _show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        rows = [(a.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                 a.text().replace("&", "")) for a in
                (self.find, self.refresh, self.admit, self.crisis_add, self.lock, self.switch,
                 self.board, self.handover, self.checklists, self.crisis_log, self.close_chart,
                 self.open_print, self.quit)]
        box = QMessageBox(self.window)
        box.setObjectName("shortcutsBox")
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setText("\n".join(f"{keys}\t{text}" for keys, text in rows)
                    + "\n" + self.tr("Enter\topen the selected patient's chart"))
        box.open()
