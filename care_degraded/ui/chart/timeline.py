"""The chart timeline: a table model of the patient's records, newest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QFont

from care_degraded.domain.revision import RevisionStatus
from care_degraded.services.records import RecordSummary
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP
from care_degraded.ui.table_model import Index, RowsTableModel

COL_WHEN, COL_FORM, COL_DIGEST, COL_AUTHOR, COL_STATUS = range(5)
#: The RecordSummary of a row.
RecordRole = Qt.ItemDataRole.UserRole + 1

_HEADERS = (QT_TRANSLATE_NOOP("TimelineModel", "Date and time"),
            QT_TRANSLATE_NOOP("TimelineModel", "Form"),
            QT_TRANSLATE_NOOP("TimelineModel", "At a glance"),
            QT_TRANSLATE_NOOP("TimelineModel", "Author"),
            QT_TRANSLATE_NOOP("TimelineModel", "Status"))
_STATUS = {
    RevisionStatus.FINAL: QT_TRANSLATE_NOOP("status", "final"),
    RevisionStatus.AMENDED: QT_TRANSLATE_NOOP("status", "amended"),
    RevisionStatus.ENTERED_IN_ERROR: QT_TRANSLATE_NOOP("status", "entered in error"),
}


def ward_clock(moment: dt.datetime) -> dt.datetime:
    """The time on the ward's wall clock.

    Records come from the services in the ward's zone (a named zone): shown as they
    are, whatever this machine's zone. Other times (UTC) are shown in this machine's.
    """
    return moment if isinstance(moment.tzinfo, ZoneInfo) else moment.astimezone()


def local_time(moment: dt.datetime, today: dt.date | None = None) -> str:
    """"14:05" today, "28/11 14:05" otherwise (the ward's local time)."""
    local = ward_clock(moment)
    if local.date() == (today or dt.datetime.now(local.tzinfo).date()):
        return local.strftime("%H:%M")
    return local.strftime("%d/%m/%Y %H:%M")


def status_text(status: RevisionStatus) -> str:
    """A revision's status in the interface language."""
    return QCoreApplication.translate("status", _STATUS[status])


PreparedRows = tuple[list[RecordSummary], list[tuple[str, str, str, str, str]]]


def prepare_rows(rows: list[RecordSummary], authors: dict[str, str],
                 lang: str = "fr") -> PreparedRows:
    """Rows newest first and their display texts, formatted once (any thread).

    The "at a glance" column is left empty here: the model writes it when shown."""
    first = rows[0].effective_at.tzinfo if rows else None
    today = dt.datetime.now(dt.UTC).astimezone(
        first if isinstance(first, ZoneInfo) else None).date()
    ordered = sorted(rows, key=lambda r: (r.effective_at.astimezone(dt.UTC),
                                          r.recorded_at.astimezone(dt.UTC)), reverse=True)
    texts = []
    for summary in ordered:
        status = status_text(summary.status)
        if summary.revisions > 1 and summary.status is not RevisionStatus.ENTERED_IN_ERROR:
            status += QCoreApplication.translate("TimelineModel", " (%1 versions)").replace(
                "%1", str(summary.revisions))
        texts.append((local_time(summary.effective_at, today), summary.form_title,
                      "",
                      authors.get(summary.author, summary.author), status))
    return ordered, texts


class TimelineModel(RowsTableModel):
    """Rows are RecordSummary (latest revision of each record), newest first."""

    HEADERS = _HEADERS
    HEADER_CONTEXT = "TimelineModel"

    def __init__(self, lang: str = "fr", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self._rows: list[RecordSummary] = []
        self._digest: Callable[[RecordSummary], str] | None = None
        self._digests: dict[int, str] = {}
        self._texts: list[tuple[str, str, str, str, str]] = []

    def set_records(self, rows: list[RecordSummary], authors: dict[str, str] | None = None,
                    prepared: PreparedRows | None = None,
                    digest: Callable[[RecordSummary], str] | None = None) -> None:
        """Replace the rows. ``prepared`` (from :func:`prepare_rows`, computed off the GUI
        thread for a long chart) saves formatting them here."""
        if prepared is None:
            prepared = prepare_rows(rows, authors or {}, self.lang)
        self.beginResetModel()
        self._rows, self._texts = prepared
        self._digest = digest
        self._digests = {}
        self.endResetModel()

    def digest_text(self, row: int) -> str:
        """The "at a glance" text of a row, written the first time it is shown."""
        if self._digest is None:
            return ""
        text = self._digests.get(row)
        if text is None:
            text = self._digests[row] = self._digest(self._rows[row])
        return text

    def record(self, row: int) -> RecordSummary:
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        for number, summary in enumerate(self._rows):
            if summary.record_id == record_id:
                return number
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        column = index.column()
        voided = summary.status is RevisionStatus.ENTERED_IN_ERROR
        if role == RecordRole:
            return summary
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_DIGEST:
                return self.digest_text(index.row())
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DIGEST:
            return self.digest_text(index.row()) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_WHEN:
            recorded = ward_clock(summary.recorded_at).strftime("%d/%m/%Y %H:%M")
            return self.tr("entered %1").replace("%1", recorded)
        if role == Qt.ItemDataRole.FontRole and voided:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and voided:
            return QColor("#6d6d6d")
        return None
