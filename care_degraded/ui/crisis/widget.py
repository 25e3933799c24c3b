"""CrisisLogWidget: the crisis log (main courante) for ward managers.

Every entry in the order the log was kept, with who wrote it, its category, the
patient if any and whether it was amended or marked entered-in-error (with the
reason). Add, amend, mark entered-in-error and print, all through the crisis log
service. ``CrisisLogModel`` is a table model tested without a window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain.crisis_entry import CrisisEntry
from care_degraded.services import crisis_log
from care_degraded.services import patients as patient_service
from care_degraded.ui.chart.timeline import local_time
from care_degraded.ui.context import AppContext, Topic
from care_degraded.ui.crisis.dialog import CrisisEntryDialog, category_text, patient_text
from care_degraded.ui.operations import Operation, show_error
from care_degraded.ui.printing import PrintActions
from care_degraded.ui.screens import take_keyboard
from care_degraded.ui.style import action_button, screen_title, tall_button

Index = QModelIndex | QPersistentModelIndex
TIME, CATEGORY, AUTHOR, TEXT, PATIENT, STATUS = range(6)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class CrisisLogModel(QAbstractTableModel):
    """One row per entry; ``ENTRY_ROLE`` gives the ``CrisisEntry``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[CrisisEntry] = []
        self.authors: dict[str, str] = {}
        self.patients: dict[str, str] = {}

    def set_entries(self, entries: list[CrisisEntry], authors: dict[str, str],
                    patients: dict[str, str]) -> None:
        self.beginResetModel()
        self.entries, self.authors, self.patients = entries, authors, patients
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Time"), self.tr("Category"), self.tr("Author"), self.tr("Entry"),
                self.tr("Patient"), self.tr("Status"))[section]

    def _who(self, login: str) -> str:
        name = self.authors.get(login)
        return f"{name} ({login})" if name else login

    def status(self, e: CrisisEntry) -> str:
        if e.voided:
            return self.tr("entered in error by %1: %2").replace(
                "%1", self._who(e.revised_by)).replace("%2", e.reason or "")
        if e.revisions > 1:
            return self.tr("amended by %1, %2").replace(
                "%1", self._who(e.revised_by)).replace("%2", local_time(e.revised_at))
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        col = index.column()
        if role == ENTRY_ROLE:
            return e
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            patient = (self.patients.get(e.patient_ref, e.patient_ref)
                       if e.patient_ref else "")
            return (local_time(e.at), category_text(e.category), self._who(e.author), e.text,
                    patient, self.status(e))[col]
        if role == Qt.ItemDataRole.FontRole and e.voided and col == TEXT:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and e.voided:
            return QColor("#6d6d6d")
        return None


class CrisisLogWidget(QWidget):
    """Public children: add_button, amend_button, void_button, print_button, table, model."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crisisLog")
        self.ctx = ctx
        self.model = CrisisLogModel(self)
        self.dialog: CrisisEntryDialog | None = None
        self._build()
        self._connect_callbacks()
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = screen_title()
        top.addWidget(self.title)
        top.addStretch(1)
        self.add_button = action_button("crisisAdd")
        self.amend_button = action_button("crisisAmend")
        self.void_button = action_button("crisisVoid")
        self.printing = PrintActions(self.ctx, self)
        self.print_button = tall_button("crisisPrint")
        for button in (self.add_button, self.amend_button, self.void_button, self.print_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.table = QTableView()
        self.table.setObjectName("crisisTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)  # an entry is never elided: the row grows
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for col, width in ((TIME, 130), (CATEGORY, 140), (AUTHOR, 190), (PATIENT, 190),
                           (STATUS, 220)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self._set_texts()

    def _set_texts(self) -> None:
        self.title.setText(self.tr("Crisis log"))
        self.add_button.setText(self.tr("Add an entry…"))
        self.amend_button.setText(self.tr("Amend…"))
        self.void_button.setText(self.tr("Entered in error…"))
        self.print_button.setText(self.tr("Print…"))

    def _connect_callbacks(self) -> None:
        self.add_button.clicked.connect(lambda: self.open_dialog())
        self.amend_button.clicked.connect(lambda: self.open_dialog(self.selected()))
        self.void_button.clicked.connect(lambda: self.void_selected())
        self.print_button.clicked.connect(lambda: self.printing.crisis_log())
        self.ctx.changed.connect(self._on_changed)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        take_keyboard(self, self.table)

    def reload(self) -> Operation:
        vault = self.ctx.require_vault()

        def fetch() -> tuple[list[CrisisEntry], dict[str, str], dict[str, str]]:
            entries = crisis_log.entries(vault)
            authors = {u.login: u.display_name for u in vault.users.list()}
            names = {p.id: patient_text(p) for p in patient_service.ward_patients(vault)}
            return entries, authors, names

        return Operation(self, fetch).success(
            lambda result: self.model.set_entries(*result)).run()

    def _on_changed(self, topic: str, _patient_id: str) -> None:
        if topic in (Topic.CRISIS_LOG, Topic.RECORDS, Topic.SETTINGS) \
                and self.ctx.vault is not None:
            self._set_texts()
            self.reload()

    def selected(self) -> CrisisEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        entry = self.model.data(rows[0], ENTRY_ROLE)
        return entry if isinstance(entry, CrisisEntry) else None

    def open_dialog(self, entry: CrisisEntry | None = None) -> CrisisEntryDialog | None:
        """The entry dialog (a new entry, or ``entry`` to amend)."""
        if self.ctx.vault is None or (entry is not None and entry.voided):
            return None
        self.dialog = CrisisEntryDialog(self.ctx, self, entry)
        self.dialog.open()
        return self.dialog

    def void_selected(self, reason: str | None = None) -> Operation | None:
        """Mark the selected entry entered-in-error; the reason is asked if not given."""
        entry, vault = self.selected(), self.ctx.vault
        if entry is None or vault is None or entry.voided:
            return None
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Entered in error"),
                                              self.tr("Reason (required):"))
            if not ok:
                return None
        given = reason
        return Operation(self, lambda: crisis_log.void_entry(vault, entry.uuid, given)).success(
            lambda _e: self.ctx.notify(Topic.CRISIS_LOG)).failure(
            lambda exc: show_error(self, exc)).run()
