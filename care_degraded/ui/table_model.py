"""What the read-only tables of the ward screens share (Vorta-style real models).

A model that shows a list of rows, one a line, with column titles in French and
English: the chart timeline, the ward handover. It keeps its rows in ``_rows`` and
its language in ``lang``, names its titles in ``HEADERS`` and writes its own ``data``.
The view of such a model (and of the ward board) is made by :func:`row_table`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 34  # px: rows tall enough to pick with a finger or a gloved hand


def row_table(model: QAbstractItemModel, object_name: str,
              parent: QWidget | None = None) -> QTableView:
    """A table to read and pick from: one whole row selected at a time, never edited
    in place, tall alternating rows, no row numbers. Columns are the caller's."""
    table = QTableView(parent)
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.setAlternatingRowColors(True)
    return table


class RowsTableModel(QAbstractTableModel):
    """Row and column counts and the column titles; the subclass writes ``data``."""

    #: Column titles as written in the code (marked with ``QT_TRANSLATE_NOOP`` in the
    #: ``HEADER_CONTEXT`` context), translated when shown; as many as there are columns.
    HEADERS: ClassVar[tuple[str, ...]] = ()
    HEADER_CONTEXT: ClassVar[str] = "columns"
    lang: str
    _rows: Sequence[Any]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.HEADER_CONTEXT, self.HEADERS[section])
        return None
