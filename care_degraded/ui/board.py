"""The ward board model: beds in a table model with named columns and roles, and
the filter proxy (search, filters, natural bed order). The screen is ``board_view``.

The model is a real ``QAbstractTableModel`` (Vorta's archive table is the model):
named column constants, custom roles, testable without a window. It only formats
``BedRow`` values that ``services.board.ward_board`` computed.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from care_degraded.domain.names import fold
from care_degraded.domain.patient import AllergyStatus
from care_degraded.services.board import BedRow, bed_sort_key
from care_degraded.ui import i18n, style

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    BED = 0
    PATIENT = 1
    AGE = 2
    ALLERGY = 3
    VITALS = 4
    NEWS2 = 5
    MEDS = 6
    HANDOVER = 7


_COLUMNS = tuple(Column)


class Role(IntEnum):
    PATIENT_ID = Qt.ItemDataRole.UserRole + 1
    NEWS2_LEVEL = Qt.ItemDataRole.UserRole + 2  # "low" | "medium" | "high" | ""
    SORT = Qt.ItemDataRole.UserRole + 3
    PROVISIONAL = Qt.ItemDataRole.UserRole + 4
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 5
    ROW = Qt.ItemDataRole.UserRole + 6  # the BedRow itself


class Filter(IntEnum):
    ALL = 0
    NEWS2_ALERT = 1  # NEWS2 medium or high
    MEDS_DUE = 2
    NO_HANDOVER = 3
    PROVISIONAL = 4
    NO_VITALS = 5


_BED_WORDS = re.compile(r"^(?:lit|bed|chambre|ch\.?)\s*(\w+)$")


class BoardModel(QAbstractTableModel):
    """Beds of the ward; ``set_rows`` replaces them all (a refresh is cheap)."""

    def __init__(self, parent: Any = None, tz: dt.tzinfo | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BedRow] = []
        self._bed_keys: list[Any] = []
        self._search: list[str] = []
        self._tz = tz
        self._now = dt.datetime.now(dt.UTC)
        self.high_contrast = False

    @property
    def lang(self) -> str:
        """The interface language (ui.i18n.install)."""
        from care_degraded.ui import i18n

        return i18n.current()

    # -- content -------------------------------------------------------------------------
    def set_rows(self, rows: list[BedRow], now: dt.datetime | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        # Computed once per refresh: sorting and filtering ask for them many times.
        self._bed_keys = [bed_sort_key(r.bed) for r in self._rows]
        self._search = [fold(" ".join((r.bed, r.display_name, r.reference))) for r in self._rows]
        self._now = now or dt.datetime.now(dt.UTC)
        self.endResetModel()

    def clear(self) -> None:
        """Forget every patient (on lock)."""
        self.set_rows([])

    def row_at(self, row: int) -> BedRow:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.BED: self.tr("Bed"),
            Column.PATIENT: self.tr("Patient"),
            Column.AGE: self.tr("Age"),
            Column.ALLERGY: self.tr("Allergies"),
            Column.VITALS: self.tr("Last vitals"),
            Column.NEWS2: self.tr("NEWS2"),
            Column.MEDS: self.tr("Meds due (1 h)"),
            Column.HANDOVER: self.tr("Handover"),
        }[Column(section)]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = _COLUMNS[index.column()]
        if role == Role.SORT:
            if column is Column.BED:
                return self._bed_keys[index.row()]
            return self._sort_key(row, column)
        if role == Role.SEARCH_TEXT:
            return self._search[index.row()]
        if role == Role.ROW:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return self._colour(row, column, role)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                Column.AGE, Column.NEWS2, Column.BED):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.headerData(column, Qt.Orientation.Horizontal)}: " \
                   f"{self._display(row, column)}"
        if role == Role.PATIENT_ID:
            return row.patient_id
        if role == Role.NEWS2_LEVEL:
            return row.news2_level
        if role == Role.PROVISIONAL:
            return row.provisional
        return None

    # -- formatting ------------------------------------------------------------------------
    def _display(self, row: BedRow, column: Column) -> str:
        if column is Column.BED:
            return row.bed
        if column is Column.PATIENT:
            if row.provisional:
                return self.tr("%1  [PROVISIONAL %2]").replace("%1", row.display_name) \
                    .replace("%2", row.reference)
            return row.display_name
        if column is Column.AGE:
            return "" if row.age is None else self.tr("%1 y").replace("%1", str(row.age))
        if column is Column.ALLERGY:
            if row.allergy_status is AllergyStatus.PRESENT:
                return "⚠ " + ", ".join(row.allergies) if row.allergies else "⚠"
            if row.allergy_status is AllergyStatus.NONE_KNOWN:
                return self.tr("none known")
            return self.tr("not documented")
        if column is Column.VITALS:
            return self._when(row.last_vitals_at)
        if column is Column.NEWS2:
            return row.news2_text(self.lang)
        if column is Column.MEDS:
            if not row.meds_due:
                return ""
            late = sum(1 for m in row.meds_due if m.overdue)
            if late:
                return "⚠ " + self.tr("%1 late (%2)").replace("%1", str(late)) \
                    .replace("%2", row.meds_due[0].at)
            return self.tr("%1 at %2").replace("%1", str(len(row.meds_due))) \
                .replace("%2", row.meds_due[0].at)
        if column is Column.HANDOVER:
            return self.tr("written") if row.handover_this_shift else self.tr("to write")
        return ""

    def _when(self, when: dt.datetime | None) -> str:
        if when is None:
            return self.tr("none")
        # the board's rows are in the ward's zone already when no zone was given
        zone = self._tz or (when.tzinfo if isinstance(when.tzinfo, ZoneInfo) else None)
        local = when.astimezone(zone)
        now_local = self._now.astimezone(zone)
        if local.date() == now_local.date():
            return local.strftime("%H:%M")
        return local.strftime("%d/%m %H:%M")

    def _tooltip(self, row: BedRow, column: Column) -> str | None:
        if column is Column.ALLERGY and row.allergies:
            return "\n".join(row.allergies)
        if column is Column.MEDS and row.meds_due:
            late = self.tr("late")
            return "\n".join(f"{m.at}  {m.drug} {i18n.number(m.dose)}".rstrip()
                             + (f"  ({late})" if m.overdue else "") for m in row.meds_due)
        if column is Column.NEWS2 and row.news2_single_3:
            return self.tr("One parameter scores 3: call for a review")
        if column is Column.PATIENT and row.provisional:
            return self.tr("Provisional identity: check it before any act")
        return None

    def _colour(self, row: BedRow, column: Column, role: int) -> Any:
        if column is Column.NEWS2:
            colours = style.news2_colors(row.news2_level, self.high_contrast)
            if colours is None:
                return None
            return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        if role == Qt.ItemDataRole.ForegroundRole:
            p = style.palette(self.high_contrast)
            if column is Column.ALLERGY and row.allergy_status is AllergyStatus.PRESENT:
                return QColor(p.allergy)
            if column is Column.MEDS and any(m.overdue for m in row.meds_due):
                return QColor(p.allergy)
            if column is Column.PATIENT and row.provisional:
                return QColor(p.provisional)
        return None

    def _font(self, row: BedRow, column: Column) -> QFont | None:
        if column is Column.PATIENT or (column is Column.NEWS2 and row.news2_level == "high") or (
                column is Column.ALLERGY and row.allergy_status is AllergyStatus.PRESENT) or (
                column is Column.MEDS and any(m.overdue for m in row.meds_due)):
            font = QFont()
            font.setBold(True)
            font.setItalic(column is Column.PATIENT and row.provisional)
            return font
        return None

    @staticmethod
    def _sort_key(row: BedRow, column: Column) -> Any:
        if column is Column.PATIENT:
            return fold(row.display_name)
        if column is Column.AGE:
            return -1 if row.age is None else row.age
        if column is Column.ALLERGY:
            return {AllergyStatus.PRESENT: 0, AllergyStatus.NOT_DOCUMENTED: 1}.get(
                row.allergy_status, 2)
        if column is Column.VITALS:
            return row.last_vitals_at.timestamp() if row.last_vitals_at else 0.0
        if column is Column.NEWS2:
            return -1 if row.news2 is None else row.news2
        if column is Column.MEDS:  # late doses weigh more than any number of due ones
            return 100 * sum(m.overdue for m in row.meds_due) + len(row.meds_due)
        return int(row.handover_this_shift)


class BoardFilter(QSortFilterProxyModel):
    """Search (accent-insensitive: name, bed, IPP or provisional number) and filters."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._filter = Filter.ALL
        self._bed = ""
        self.setSortRole(Role.SORT)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        needle = fold(text.strip())
        # "lit 12", "bed 12", "chambre 12": that bed (12 or 12A), not every "12" typed
        bed = _BED_WORDS.match(needle)

        def apply() -> None:
            self._needle = "" if bed else needle
            self._bed = bed.group(1) if bed else ""

        self._change(apply)

    def set_filter(self, which: Filter) -> None:
        self._change(lambda: setattr(self, "_filter", Filter(which)))

    def _change(self, apply: Any) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+: invalidateFilter is deprecated
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateFilter()

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(Role.SORT), right.data(Role.SORT)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if isinstance(model, BoardModel):  # direct access: no QVariant round trip per row
            row, text = model.row_at(source_row), model.search_text(source_row)
        else:
            index = model.index(source_row, 0, source_parent)
            row, text = index.data(Role.ROW), index.data(Role.SEARCH_TEXT)
        if self._needle and self._needle not in text:
            return False
        if self._bed:
            bed = fold(row.bed)
            if not (bed == self._bed or (bed.startswith(self._bed)
                                         and not bed[len(self._bed)].isdigit())):
                return False
        f = self._filter
        if f is Filter.NEWS2_ALERT:
            return row.news2_level in ("medium", "high")
        if f is Filter.MEDS_DUE:
            return bool(row.meds_due)
        if f is Filter.NO_HANDOVER:
            return not row.handover_this_shift
        if f is Filter.PROVISIONAL:
            return row.provisional
        if f is Filter.NO_VITALS:
            return row.last_vitals_at is None
        return True
