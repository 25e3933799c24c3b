"""The ward handover: every present patient with their latest handover (SBAR or DAR).

``load_ward_handover`` runs on the vault lane (it calls the services); the table
model only shows what it returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFont

from care_degraded.domain.patient import Patient
from care_degraded.domain.revision import Revision
from care_degraded.services import patients as patient_service
from care_degraded.services import records
from care_degraded.ui.chart.timeline import local_time
from care_degraded.ui.table_model import Index, RowsTableModel
from care_degraded.vault import Vault

SBAR_URL = "https://care-degraded.example/fhir/Questionnaire/sbar-handover"
TARGETED_URL = "https://care-degraded.example/fhir/Questionnaire/targeted-notes"
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


@dataclass(frozen=True)
class HandoverRow:
    patient: Patient
    latest: Revision | None  # the newest valid SBAR or targeted-notes record
    kind: str | None  # "sbar" | "dar"

    @property
    def effective_at(self) -> dt.datetime | None:
        if self.latest is None:
            return None
        return dt.datetime.fromisoformat(str(self.latest.payload["effective_at"]))

    def summary(self) -> str:
        """One line: the SBAR situation, or the targets of the focus notes."""
        if self.latest is None:
            return ""
        answers: dict[str, Any] = self.latest.payload.get("answers") or {}
        if self.kind == "sbar":
            return str(answers.get("situation") or "")
        targets = answers.get("target") or []
        return " · ".join(str(t.get("focus")) for t in targets if isinstance(t, dict)
                          and t.get("focus"))


def load_ward_handover(vault: Vault) -> tuple[list[HandoverRow], dict[str, str]]:
    """Rows in bed order and author names (login -> display name)."""
    rows = []
    for patient in patient_service.ward_patients(vault):
        best: tuple[Revision, str] | None = None
        for kind, (_short, url) in HANDOVER_FORMS.items():
            rev = records.latest_by_form(vault, patient.id, url)
            if rev is not None and (best is None or rev.payload["effective_at"]
                                    > best[0].payload["effective_at"]):
                best = (rev, kind)
        rows.append(HandoverRow(patient, best[0] if best else None, best[1] if best else None))
    authors = {u.login: u.display_name for u in vault.users.list()}
    return rows, authors


class HandoverModel(RowsTableModel):
    HEADERS = _HEADERS
    HEADER_CONTEXT = "HandoverModel"

    def __init__(self, lang: str = "fr", parent=None) -> None:
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
