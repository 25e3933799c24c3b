"""The ward board screen: search box, filter and the table of beds.

Double-click or Enter on a row emits ``open_patient(patient_id)``; Enter in the
search box opens the only match. The model and the filter are in ``board``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from care_degraded.services.board import BedRow
from care_degraded.ui.board import BoardFilter, BoardModel, Column, Filter, Role
from care_degraded.ui.table_model import row_table

_MIN_WIDTHS = {Column.BED: 60, Column.AGE: 70, Column.ALLERGY: 250, Column.VITALS: 110,
               Column.NEWS2: 80, Column.MEDS: 190, Column.HANDOVER: 110}


class BoardView(QWidget):
    """Search box, filter, and the table; ``open_patient(patient_id)`` on double-click/Enter."""

    open_patient = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BoardModel(self)
        self.proxy = BoardFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("boardSearch")
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox(self)
        self.filter.setObjectName("boardFilter")
        self.count = QLabel(self)
        self.count.setObjectName("boardCount")
        self.table = row_table(self.proxy, "boardTable", self)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.BED, Qt.SortOrder.AscendingOrder)
        # Allergies, due times and names are never cut: long cells wrap onto more lines
        # and each row is as tall as its text needs.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.PATIENT, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        self.filter_label = QLabel(self)
        self.filter_label.setBuddy(self.filter)
        top.addWidget(self.search_label)
        top.addWidget(self.search, 3)
        top.addSpacing(12)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter, 2)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.textChanged.connect(self._update_count)
        self.search.returnPressed.connect(self._open_first_match)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        # Double-click or Enter opens the chart ("activated" would also fire on a single
        # click under some desktop settings: a chart must not open by accident).
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)
        self.model.modelReset.connect(self._update_count)

    def retranslate(self) -> None:
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("name, bed, IPP or provisional number"))
        self.filter_label.setText(self.tr("&Show:"))
        current = max(self.filter.currentIndex(), 0)
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItems([self.tr("all patients"), self.tr("NEWS2 5 or more"),
                              self.tr("medications due"), self.tr("handover to write"),
                              self.tr("provisional identities"), self.tr("no vitals yet")])
        self.filter.setCurrentIndex(current)
        self.filter.blockSignals(False)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self._fit_columns()
        self._update_count()

    def _fit_columns(self) -> None:
        """Wide enough for each header in the current language (and its sort arrow)."""
        bold = QFont(self.table.horizontalHeader().font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column, minimum in _MIN_WIDTHS.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(minimum, metrics.horizontalAdvance(title) + 36)
            if column is Column.NEWS2:  # a partial score says what is missing: never cut
                cells = QFontMetrics(self.table.font())
                for r in range(self.model.rowCount()):
                    text = str(self.model.index(r, column).data() or "")
                    width = max(width, cells.horizontalAdvance(text) + 24)
            self.table.setColumnWidth(column, width)
        self.table.resizeRowsToContents()  # wrapped cells get the lines they need

    def set_rows(self, rows: list[BedRow], now: dt.datetime | None = None) -> None:
        """New rows; the selected patient stays selected."""
        selected = self.selected_patient()
        self.model.set_rows(rows, now)
        self._fit_columns()
        if selected:
            self.select_patient(selected)

    def selected_patient(self) -> str | None:
        index = self.table.currentIndex()
        return str(index.data(Role.PATIENT_ID)) if index.isValid() else None

    def select_patient(self, patient_id: str) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(Role.PATIENT_ID) == patient_id:
                self.table.setCurrentIndex(index)
                return

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._open_current()
            return True
        return super().eventFilter(watched, event)

    def _filter_changed(self, index: int) -> None:
        self.proxy.set_filter(Filter(max(index, 0)))
        self._update_count()

    def _update_count(self, *_args: Any) -> None:
        self.count.setText(self.tr("%1 of %2 patients").replace(
            "%1", str(self.proxy.rowCount())).replace("%2", str(self.model.rowCount())))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_patient.emit(str(index.data(Role.PATIENT_ID)))

    def _open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _open_first_match(self) -> None:
        if self.proxy.rowCount() == 1:
            self._open_index(self.proxy.index(0, 0))
        elif self.proxy.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.proxy.index(0, 0))
