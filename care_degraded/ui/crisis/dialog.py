"""CrisisEntryDialog: "Ajouter à la main courante" (Ctrl+M), for everyone.

A category (none chosen until the person chooses one), the text as typed, and
optionally a patient of the ward. Saving goes through the crisis log service on
the vault lane; a refusal is said next to the field and nothing typed is lost.
The same dialog amends an entry (``entry=``): category and text start as stored.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain.crisis_entry import CrisisCategory, CrisisEntry
from care_degraded.domain.patient import Patient
from care_degraded.services import crisis_log
from care_degraded.services import patients as patient_service
from care_degraded.ui.context import AppContext, Topic
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP
from care_degraded.ui.operations import Operation, error_sentence

CATEGORY_TEXTS = {
    CrisisCategory.DECISION: QT_TRANSLATE_NOOP("CrisisLog", "Decision"),
    CrisisCategory.INFORMATION: QT_TRANSLATE_NOOP("CrisisLog", "Information"),
    CrisisCategory.ACTION: QT_TRANSLATE_NOOP("CrisisLog", "Action"),
    CrisisCategory.INCIDENT: QT_TRANSLATE_NOOP("CrisisLog", "Incident"),
    CrisisCategory.PATIENT: QT_TRANSLATE_NOOP("CrisisLog", "Patient event"),
}


def patient_text(p: Patient) -> str:
    """"ch. 12, lit 2 · DUPONT Jeanne": where the patient lies, then the name in full."""
    where = p.location.label()
    name = p.identity.display_name()
    return f"{where} · {name}" if where else name


def category_text(category: CrisisCategory) -> str:
    return QCoreApplication.translate("CrisisLog", CATEGORY_TEXTS[category])


class CrisisEntryDialog(QDialog):
    """Public children: category, text, patient (combo), problem (label), buttons.

    ``saved`` holds the entry once stored; the dialog then closes (accepted)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 entry: CrisisEntry | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crisisEntryDialog")
        self.ctx = ctx
        self.entry = entry
        self.saved: CrisisEntry | None = None
        self.patients: list[Patient] = []
        self._build()
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        if entry is None:
            self._load_patients()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        # The heading says what the dialog does, and that time and author are recorded.
        self.heading = QLabel()
        self.heading.setObjectName("crisisHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.hint = QLabel()
        self.hint.setObjectName("crisisHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        form = QFormLayout()
        self.category = QComboBox()
        self.category.setObjectName("crisisCategory")
        for cat in CrisisCategory:
            self.category.addItem(category_text(cat), cat.value)
        self.category.setCurrentIndex(-1)  # unanswered until chosen
        self.category.setPlaceholderText(self.tr("— choose —"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("crisisText")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(140)
        self.patient = QComboBox()
        self.patient.setObjectName("crisisPatient")
        self.patient.addItem(self.tr("No patient"), "")
        self.problem = QLabel()
        self.problem.setObjectName("crisisProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00000; font-weight: bold;")
        self.problem.hide()
        form.addRow(self.tr("&Category:"), self.category)
        form.addRow(self.tr("&Entry:"), self.text)
        form.addRow(self.tr("&Patient (optional):"), self.patient)
        for row, widget in enumerate((self.category, self.text, self.patient)):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(self.buttons)
        for button in self.buttons.buttons():  # "Enregistrer" whole, whatever the style
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 48)
        vault = self.ctx.vault
        who = vault.user.display_name if vault is not None else ""
        if self.entry is not None:
            self.heading.setText(self.tr("Amend a crisis log entry"))
            self.hint.setText(self.tr("The entry keeps its time; the amendment is signed "
                                      "with your name (%1).").replace("%1", who))
            self.setWindowTitle(self.tr("Amend a crisis log entry"))
            self.category.setCurrentIndex(self.category.findData(self.entry.category.value))
            self.text.setPlainText(self.entry.text)
            self.patient.setEnabled(False)  # an amendment keeps the entry's patient
        else:
            self.heading.setText(self.tr("Add to the crisis log"))
            self.hint.setText(self.tr("Timed now and signed with your name (%1).").replace(
                "%1", who))
            self.setWindowTitle(self.tr("Add to the crisis log"))
        self.resize(560, 360)
        self.category.setFocus()

    # -- the draft contract (see ui/draft_keeper.py): what is typed survives a lock ----------
    def draft_state(self) -> dict[str, str] | None:
        """Category, text and patient as on screen; None when nothing was entered."""
        category = str(self.category.currentData() or "")
        text = self.text.toPlainText()
        if self.saved is not None or not (category or text):
            return None
        state = {"category": category, "text": text,
                 "patient": str(self.patient.currentData() or "")}
        if self.entry is not None:
            state["entry"] = self.entry.uuid
        return state

    def restore_draft(self, state: dict[str, str]) -> None:
        self.category.setCurrentIndex(self.category.findData(state.get("category") or None))
        self.text.setPlainText(state.get("text", ""))
        self._wanted_patient = state.get("patient", "")
        self._select_patient()

    def _select_patient(self) -> None:
        wanted = getattr(self, "_wanted_patient", "")
        index = self.patient.findData(wanted) if wanted else -1
        if index >= 0:
            self.patient.setCurrentIndex(index)

    def _load_patients(self) -> None:
        vault = self.ctx.vault
        if vault is None:
            return
        Operation(self, lambda: patient_service.ward_patients(vault)).success(
            self._patients_loaded).run()

    def _patients_loaded(self, patients: list[Patient]) -> None:
        self.patients = patients
        for p in patients:
            self.patient.addItem(patient_text(p), p.id)
        self._select_patient()

    def _refuse(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def save(self) -> Operation | None:
        """Store the entry (or the amendment); refuse next to the field, keep the text."""
        vault = self.ctx.vault
        if vault is None:
            return None
        value = self.category.currentData()
        if not value:
            self._refuse(self.tr("Choose a category: decision, information, action, incident "
                                 "or patient event."))
            self.category.setFocus()
            return None
        text = self.text.toPlainText()
        if not text.strip():
            self._refuse(self.tr("Write the entry: it cannot be empty."))
            self.text.setFocus()
            return None
        patient = str(self.patient.currentData() or "") or None
        entry = self.entry
        if entry is None:
            op = Operation(self, lambda: crisis_log.add_entry(vault, str(value), text, patient),
                           label=self.tr("Saving…"))
        else:
            op = Operation(self, lambda: crisis_log.amend_entry(vault, entry.uuid, text,
                                                                str(value)),
                           label=self.tr("Saving…"))
        return op.success(self._saved).failure(
            lambda exc: self._refuse(error_sentence(exc))).run()

    def _saved(self, entry: CrisisEntry) -> None:
        self.saved = entry
        self.ctx.notify(Topic.CRISIS_LOG)
        self.accept()
