"""Small dialogs of the chart: why a record is an error; which prescription is given."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain.patient import Prescription
from care_degraded.ui import i18n
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP

_REASONS = ("", QT_TRANSLATE_NOOP("VoidDialog", "Wrong patient"),
            QT_TRANSLATE_NOOP("VoidDialog", "Wrong value"),
            QT_TRANSLATE_NOOP("VoidDialog", "Entered twice"),
            QT_TRANSLATE_NOOP("VoidDialog", "Wrong form"))


class VoidDialog(QDialog):
    """Asks the reason a record is marked entered-in-error (required)."""

    def __init__(self, parent: QWidget | None, title: str, lang: str = "fr") -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        self.setWindowTitle(self.tr("Mark as entered in error"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("“%1” stays readable in the history, struck out, with the "
                               "reason.").replace("%1", title))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.preset = QComboBox()
        for text in _REASONS:
            self.preset.addItem(self.tr(text) if text else self.tr("— common reason —"))
        layout.addWidget(self.preset)
        layout.addWidget(QLabel(self.tr("Reason (required):")))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("voidReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Mark entered in error"))
        layout.addWidget(self.buttons)
        self.preset.currentIndexChanged.connect(self._preset)
        self.reason.textChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()
        self.reason.setFocus()

    def _preset(self, index: int) -> None:
        if index > 0:
            self.reason.setPlainText(self.preset.currentText())

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.text()))

    def text(self) -> str:
        return self.reason.toPlainText().strip()


class PrescriptionPicker(QDialog):
    """Which active prescription is being given (or none: a blank form)."""

    def __init__(self, parent: QWidget | None, prescriptions: tuple[Prescription, ...],
                 lang: str = "fr") -> None:
        super().__init__(parent)
        self.setObjectName("prescriptionPicker")
        self.setWindowTitle(self.tr("Medication to give"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Active prescriptions (Enter to choose):")))
        self.list = QListWidget()
        self.list.setStyleSheet("QListWidget { font-size: 12pt; } "
                                "QListWidget::item { min-height: 34px; }")
        for rx in prescriptions:
            times = ", ".join(rx.times_of_day)
            text = " — ".join(p for p in (rx.drug, i18n.number(rx.dose_label()), times or rx.frequency or "")
                              if p)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, rx)
            self.list.addItem(item)
        blank = QListWidgetItem(self.tr("Other medication (blank form)"))
        self.list.addItem(blank)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept())

    def chosen(self) -> Prescription | None:
        item = self.list.currentItem()
        found = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return found if isinstance(found, Prescription) else None
