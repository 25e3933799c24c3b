"""The ward handover: every present patient with their latest handover (SBAR or DAR).

``load_ward_handover`` runs on the vault lane (it calls the services); the table
model only shows what it returned.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont

from care_degraded.domain.record import SBAR_FORM_URL, TARGETED_NOTES_FORM_URL
from care_degraded.services import handover as handover_service
from care_degraded.services.handover import HandoverRow
from care_degraded.services.vaults import Vault
from care_degraded.ui.chart.timeline import local_time
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP
from care_degraded.ui.table_model import Index, RowsTableModel

__all__ = ["COL_AUTHOR", "COL_BED", "COL_KIND", "COL_PATIENT", "COL_SUMMARY", "COL_WHEN",
           "HANDOVER_FORMS", "SBAR_URL", "TARGETED_URL", "HandoverModel", "HandoverRow",
           "load_ward_handover"]

SBAR_URL = SBAR_FORM_URL
TARGETED_URL = TARGETED_NOTES_FORM_URL
HANDOVER_FORMS = {"sbar": ("sbar-handover", SBAR_URL), "dar": ("targeted-notes", TARGETED_URL)}

COL_BED, COL_PATIENT, COL_KIND, COL_WHEN, COL_AUTHOR, COL_SUMMARY = range(6)
#: The HandoverRow of a row.
RowRole = Qt.ItemDataRole.UserRole + 1

_HEADERS = (QT_TRANSLATE_NOOP("HandoverModel", "Bed"),
            QT_TRANSLATE_NOOP("HandoverModel", "Patient"),
            QT_TRANSLATE_NOOP("HandoverModel", "Handover"),
            QT_TRANSLATE_NOOP("HandoverModel", "Time"),
            QT_TRANSLATE_NOOP("HandoverModel", "Author"),
            QT_TRANSLATE_NOOP("HandoverModel", "Summary"))
_KIND = {"sbar": QT_TRANSLATE_NOOP("HandoverModel", "SBAR"),
         "dar": QT_TRANSLATE_NOOP("HandoverModel", "Focus notes (DAR)")}


def load_ward_handover(vault: Vault) -> tuple[list[HandoverRow], dict[str, str]]:
    """Rows in bed order and author names (login -> display name)."""
    return handover_service.ward_handover(vault)


class HandoverModel(RowsTableModel):
    HEADERS = _HEADERS
    HEADER_CONTEXT = "HandoverModel"

    def __init__(self, lang: str = "fr", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._rows: list[HandoverRow] = []
        self._authors: dict[str, str] = {}

    def set_rows(self, rows: list[HandoverRow], authors: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._authors = dict(authors)
        self.endResetModel()

    def row(self, number: int) -> HandoverRow:
        return self._rows[number]

    def row_of(self, patient_id: str) -> int:
        return next((n for n, r in enumerate(self._rows) if r.patient.id == patient_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            patient = row.patient
            if column == COL_BED:
                return patient.location.bed or patient.location.room or ""
            if column == COL_PATIENT:
                mark = self.tr(" (provisional)") if patient.is_provisional else ""
                return patient.identity.display_name() + mark
            if row.latest is None:
                return self.tr("none yet") if column == COL_KIND else ""
            if column == COL_KIND:
                return self.tr(_KIND[row.kind or "sbar"])
            if column == COL_WHEN:
                when = row.effective_at
                return local_time(when) if when else ""
            if column == COL_AUTHOR:
                return self._authors.get(row.latest.author, row.latest.author)
            if column == COL_SUMMARY:
                return row.summary().replace("\n", " ")
        if role == Qt.ItemDataRole.ForegroundRole and row.latest is None and column == COL_KIND:
            return QColor("#7a3e00")
        if role == Qt.ItemDataRole.FontRole and row.latest is None and column == COL_KIND:
            font = QFont()
            font.setItalic(True)
            return font
        return None
