"""What the read-only table models of the ward screens share (Vorta-style real models).

A model that shows a list of rows, one a line, with column titles in French and
English: the chart timeline, the ward handover. It keeps its rows in ``_rows`` and
its language in ``lang``, names its titles in ``HEADERS`` and writes its own ``data``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """Row and column counts and the column titles; the subclass writes ``data``."""

    #: Column titles by language ("fr", "en"); as many as there are columns.
    HEADERS: ClassVar[dict[str, tuple[str, ...]]] = {"fr": (), "en": ()}
    lang: str
    _rows: Sequence[Any]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS["fr"])

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS["en" if self.lang.startswith("en") else "fr"][section]
        return None
