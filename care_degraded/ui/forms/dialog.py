"""A form in its own window, saved in the background: new records, amendments, handovers.

The dialog names the patient above the form (identity checks at every entry), hands
the clean answers to ``save`` on the vault lane of the operation helper, and closes
only once the save succeeded. Closing with unsaved answers asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from care_degraded.services.forms import FormSpec
from care_degraded.ui.forms.view import FormView
from care_degraded.ui.operations import Operation


def dispose(dialog: QDialog | None) -> None:
    """Free a finished dialog (kept hidden by its parent otherwise, one per record)."""
    if dialog is None:
        return
    try:
        if not dialog.isVisible():
            dialog.deleteLater()
    except RuntimeError:
        pass  # already deleted


class FormDialog(QDialog):
    """``saved(result)`` is emitted with what ``save(answers)`` returned."""

    saved = Signal(object)

    def __init__(self, parent: QWidget | None, spec: FormSpec, save: Callable[[dict[str, Any]], Any], *,
                 lang: str = "fr", answers: dict[str, Any] | None = None,
                 subtitle: str = "", provisional: bool = False, warning: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("formDialog")
        self.setWindowTitle(spec.label(lang))
        self.lang = lang
        self._save = save
        self._dirty = False
        #: What the host needs to open this form again after a lock (mode, ids...).
        self.meta: dict[str, Any] = {}
        self._operation: Operation | None = None
        layout = QVBoxLayout(self)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("formPatient")
        self.warning = QLabel()
        self.warning.setObjectName("formWarning")
        self.warning.setStyleSheet("color: #b00020; font-size: 13pt; font-weight: bold;"
                                   " padding: 0 8px;")
        self.warning.setWordWrap(True)
        #: "saving pending" while another program holds the vault's write lock
        self.pending = QLabel()
        self.pending.setObjectName("formPending")
        self.pending.setStyleSheet("color: #7a3e00; font-size: 13pt; font-weight: bold;"
                                   " padding: 0 8px;")
        self.pending.setWordWrap(True)
        self.pending.setVisible(False)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.warning)
        layout.addWidget(self.pending)
        self.set_patient(subtitle, warning, provisional)
        self.form = FormView(spec, lang=lang, answers=answers)
        layout.addWidget(self.form, 1)
        self.cancel = QPushButton(self.tr("Cancel (Esc)"))
        self.form.button_bar.insertWidget(self.form.button_bar.count() - 1, self.cancel)
        self._connect_callbacks()
        self.resize(1100, 700)

    def set_patient(self, subtitle: str, warning: str = "", provisional: bool = False) -> None:
        """Whose form this is (a provisional identity is framed and said in words)."""
        if provisional and subtitle:
            subtitle += self.tr("  — PROVISIONAL IDENTITY")
        self.subtitle.setText(subtitle)
        self.subtitle.setStyleSheet(
            "font-size: 14pt; font-weight: bold; padding: 4px 8px;"
            + (" color: #7a3e00; border: 2px dashed #7a3e00;" if provisional else ""))
        self.subtitle.setVisible(bool(subtitle))
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))

    def _connect_callbacks(self) -> None:
        self.form.submitted.connect(self._submit)
        self.form.changed.connect(self._mark_dirty)
        self.cancel.clicked.connect(self.reject)

    def _mark_dirty(self) -> None:
        self._dirty = True

    def is_open(self) -> bool:
        """Shown and not yet saved or closed (a deleted dialog counts as closed)."""
        try:
            return self.isVisible()
        except RuntimeError:
            return False

    def draft(self) -> dict[str, Any]:
        """The host's ``meta`` and the form in progress, as plain JSON."""
        return {"meta": dict(self.meta), "form": self.form.draft_state()}

    def restore(self, draft: dict[str, Any]) -> None:
        """Put back a form captured by :meth:`draft`; it counts as unsaved."""
        self.form.restore_draft(dict(draft.get("form") or {}))
        self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.form.focus_first()

    def _submit(self, answers: dict[str, Any]) -> None:
        if self._operation is not None and not self._operation.done:
            return  # Ctrl+S twice: one save
        self.form.setEnabled(False)
        self._operation = Operation(self, lambda: self._save(answers),
                                    label=self.tr("Saving…"))
        self._operation.waiting.connect(self._waiting)
        self._operation.success(self._saved).failure(self._failed).run()

    def _waiting(self) -> None:
        self.pending.setText(self.tr(
            "Saving pending: the vault is busy with another program. Your answers are "
            "kept and saved as soon as it is free."))
        self.pending.setVisible(True)

    def _saved(self, result: Any) -> None:
        self.pending.setVisible(False)
        self._dirty = False
        self.form.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from care_degraded.ui.operations import show_error

        self.pending.setVisible(False)
        self.form.setEnabled(True)
        show_error(self, exc)

    def reject(self) -> None:
        if not self._dirty:
            super().reject()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                          self.tr("Discard what you typed?"),
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("discardBox")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        discard = int(QMessageBox.StandardButton.Discard.value)
        box.finished.connect(lambda code: self._discard() if int(code) == discard else None)
        box.open()

    def _discard(self) -> None:
        self._dirty = False
        super().reject()
