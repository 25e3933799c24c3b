"""AdmitDialog: admit someone the census does not know, with a provisional identity.

Identity checks come first: before anything is written, the dialog looks for
patients who may be the same person (same birth date, similar names) and lists
them. The nurse then either opens that patient instead, or states that it is
someone else and admits anyway. The provisional number is given by the service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain.errors import CareError
from care_degraded.domain.patient import Patient
from care_degraded.services import patients
from care_degraded.ui.chart.header import location_text
from care_degraded.ui.context import AppContext, Topic
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP
from care_degraded.ui.operations import Operation, error_sentence

SEXES = (("female", QT_TRANSLATE_NOOP("AdmitDialog", "Female")),
         ("male", QT_TRANSLATE_NOOP("AdmitDialog", "Male")),
         ("other", QT_TRANSLATE_NOOP("AdmitDialog", "Other")),
         ("unknown", QT_TRANSLATE_NOOP("AdmitDialog", "Unknown")))
# The matching service's reasons are codes ("surname: phonetic"); their words are made here.
_REASONS = {
    "same birth date": QT_TRANSLATE_NOOP("reasons", "same birth date"),
    "birth date with day and month swapped":
        QT_TRANSLATE_NOOP("reasons", "birth date with day and month swapped"),
    "surname and given name swapped": QT_TRANSLATE_NOOP("reasons", "surname and given name swapped"),
}
_WHICH = {"surname": QT_TRANSLATE_NOOP("reasons", "surname: %1"),
          "given name": QT_TRANSLATE_NOOP("reasons", "given name: %1")}
_HOW = {"same": QT_TRANSLATE_NOOP("reasons", "same"),
        "spelling": QT_TRANSLATE_NOOP("reasons", "spelling"),
        "phonetic": QT_TRANSLATE_NOOP("reasons", "phonetic"),
        "compound": QT_TRANSLATE_NOOP("reasons", "compound")}


def reason_text(reason: str) -> str:
    """One reason of the matching service in the interface language (unknown ones as given)."""
    translate = QCoreApplication.translate
    if reason in _REASONS:
        return translate("reasons", _REASONS[reason])
    which, sep, how = reason.partition(": ")
    if sep and which in _WHICH and how in _HOW:
        return translate("reasons", _WHICH[which]).replace("%1", translate("reasons", _HOW[how]))
    return reason


def parse_birth_date(text: str) -> dt.date | None:
    """JJ/MM/AAAA (or AAAA-MM-JJ); None if it is not a real date."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%d%m%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class AdmitDialog(QDialog):
    """Signals: ``admitted(Patient)``, ``existing_chosen(str patient_id)``."""

    admitted = Signal(object)
    existing_chosen = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admitDialog")
        self.ctx = ctx
        self.lang = ctx.lang
        self.candidates: list[Any] = []
        #: Set once done: the admitted patient, or the existing one chosen instead.
        self.patient_id: str | None = None
        self._checked_for: tuple[Any, ...] | None = None
        self.setWindowTitle(self.tr("Admit a patient (provisional identity)"))
        self._build()
        self._connect_callbacks()
        self.resize(980, 640)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.setStyleSheet("QDialog { font-size: 12pt; } QLineEdit { min-height: 32px; }"
                           " QPushButton { min-height: 38px; padding: 0 14px; }"
                           " QLabel#admitError { color: #b00020; font-weight: bold; }")
        intro = QLabel(self.tr("A patient missing from the census gets a provisional identity, "
                               "reconciled by IT when the system is back. Put on a 'provisional "
                               "identity' wristband."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.surname = QLineEdit()
        self.used_name = QLineEdit()
        self.given = QLineEdit()
        for edit in (self.surname, self.used_name, self.given):
            edit.setMinimumWidth(420)
        self.given.setPlaceholderText(self.tr("separated by spaces"))
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(self.tr("DD/MM/YYYY"))
        self.birth.setMaximumWidth(180)
        sex_row = QHBoxLayout()
        self.sex = QButtonGroup(self)
        self.sex_buttons: dict[str, QRadioButton] = {}
        for number, (code, label) in enumerate(SEXES):
            button = QRadioButton(self.tr(label))
            self.sex.addButton(button, number)
            self.sex_buttons[code] = button
            sex_row.addWidget(button)
        sex_row.addStretch(1)
        self.room = QLineEdit()
        self.room.setMaximumWidth(120)
        self.bed = QLineEdit()
        self.bed.setMaximumWidth(120)
        form.addRow(self.tr("Birth surname *"), self.surname)
        form.addRow(self.tr("Used surname"), self.used_name)
        form.addRow(self.tr("Given name(s) *"), self.given)
        form.addRow(self.tr("Birth date *"), self.birth)
        form.addRow(self.tr("Sex *"), sex_row)
        place = QHBoxLayout()
        place.addWidget(QLabel(self.tr("Room")))
        place.addWidget(self.room)
        place.addWidget(QLabel(self.tr("Bed")))
        place.addWidget(self.bed)
        place.addStretch(1)
        form.addRow(self.tr("Location"), place)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("admitError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.dup_title = QLabel(self.tr("Patients who may be the same person — check before "
                                        "admitting:"))
        self.dup_title.setStyleSheet("color: #7a3e00; font-weight: bold;")
        layout.addWidget(self.dup_title)
        self.duplicates = QTableWidget(0, 4)
        self.duplicates.setObjectName("duplicateCandidates")
        self.duplicates.setHorizontalHeaderLabels([
            self.tr("Patient"), self.tr("Born"),
            self.tr("Number / bed"), self.tr("Why")])
        self.duplicates.horizontalHeader().setStretchLastSection(True)
        self.duplicates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.duplicates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.duplicates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.duplicates.verticalHeader().setVisible(False)
        layout.addWidget(self.duplicates, 1)
        self.not_them = QCheckBox(self.tr("I checked: this patient is none of those listed"))
        layout.addWidget(self.not_them)
        buttons = QHBoxLayout()
        self.open_existing = QPushButton(self.tr("It is this patient: open the chart"))
        self.admit_button = QPushButton(self.tr("Check and admit"))
        self.admit_button.setDefault(True)
        self.cancel = QPushButton(self.tr("Cancel"))
        buttons.addWidget(self.open_existing)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.admit_button)
        layout.addLayout(buttons)
        self._show_candidates([])

    def _connect_callbacks(self) -> None:
        self.admit_button.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        self.open_existing.clicked.connect(self._choose_existing)
        self.not_them.toggled.connect(self._update_buttons)
        self.duplicates.itemSelectionChanged.connect(self._update_buttons)
        for edit in (self.surname, self.used_name, self.given, self.birth):
            edit.textChanged.connect(self._identity_edited)
        self.sex.idToggled.connect(lambda *_a: self._identity_edited())

    # -- input ------------------------------------------------------------------------
    def _identity(self) -> dict[str, Any] | None:
        """The typed identity, or None with the problem shown."""
        surname, given = self.surname.text().strip(), self.given.text().split()
        birth = parse_birth_date(self.birth.text())
        sex = next((code for code, b in self.sex_buttons.items() if b.isChecked()), None)
        missing = []
        if not surname:
            missing.append(self.tr("the birth surname"))
        if not given:
            missing.append(self.tr("the given name"))
        if birth is None:
            missing.append(self.tr("a valid birth date (DD/MM/YYYY)"))
        if sex is None:
            missing.append(self.tr("the sex"))
        if missing:
            self.error.setText(self.tr("Missing: ")
                               + ", ".join(missing) + ".")
            return None
        self.error.clear()
        return {"surname": surname, "given_names": given, "birth_date": birth, "sex": sex,
                "used_name": self.used_name.text().strip() or None,
                "room": self.room.text().strip() or None, "bed": self.bed.text().strip() or None}

    def _identity_edited(self) -> None:
        # A changed identity must be checked again before anyone can force it.
        self._checked_for = None
        self.not_them.setChecked(False)
        self._update_buttons()

    # -- steps ---------------------------------------------------------------------------
    def submit(self) -> Operation | None:
        """First press: look for duplicates (admit at once if none). Then: admit anyway."""
        ident = self._identity()
        if ident is None:
            return None
        key = tuple(sorted((k, str(v)) for k, v in ident.items()))
        vault = self.ctx.require_vault()
        force = self._checked_for == key and bool(self.candidates) and self.not_them.isChecked()
        if self._checked_for != key:
            def check_then_admit() -> Any:
                found = patients.find_duplicates(vault, ident["surname"], ident["given_names"],
                                                 ident["birth_date"], ident["used_name"])
                if found:
                    return found
                return patients.admit_patient(vault, **ident)

            return Operation(self, check_then_admit).success(
                lambda got: self._after(got, key)).failure(self._failed).run()
        if not force:
            return None
        return Operation(self, lambda: patients.admit_patient(vault, force=True, **ident),
                         label=self.tr("Admitting…")).success(
            lambda got: self._after(got, key)).failure(self._failed).run()

    def _after(self, result: Any, key: tuple[Any, ...]) -> None:
        if isinstance(result, list):
            self._checked_for = key
            self._show_candidates(result)
            return
        patient: Patient = result.patient
        self.patient_id = patient.id
        self.ctx.notify(Topic.PATIENTS, patient.id)
        self.admitted.emit(patient)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        candidates = getattr(exc, "candidates", None)
        if candidates:  # someone admitted a look-alike meanwhile
            self._show_candidates(list(candidates))
            return
        details = str(exc) if isinstance(exc, CareError) and exc.code == "invalid" else ""
        self.error.setText(" ".join(p for p in (error_sentence(exc), details) if p))

    def _show_candidates(self, candidates: list[Any]) -> None:
        self.candidates = candidates
        self.duplicates.setRowCount(len(candidates))
        for row, cand in enumerate(candidates):
            p: Patient = cand.patient
            ident = p.identity
            name = ident.display_name() + (self.tr(" (provisional)")
                                           if p.is_provisional else "")
            born = ident.birth_date.strftime("%d/%m/%Y") if ident.birth_date else "?"
            where = " · ".join(x for x in (p.reference(), location_text(p.location)) if x)
            why = ", ".join(reason_text(r) for r in cand.reasons)
            for column, text in enumerate((name, born, where, why)):
                self.duplicates.setItem(row, column, QTableWidgetItem(text))
        self.duplicates.resizeColumnsToContents()
        shown = bool(candidates)
        for widget in (self.dup_title, self.duplicates, self.not_them, self.open_existing):
            widget.setVisible(shown)
        if shown and not self.duplicates.selectedItems():
            self.duplicates.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        checked = self._checked_for is not None and bool(self.candidates)
        if checked:
            self.admit_button.setText(self.tr("Admit anyway (someone else)"))
            self.admit_button.setEnabled(self.not_them.isChecked())
        else:
            self.admit_button.setText(self.tr("Check and admit"))
            self.admit_button.setEnabled(True)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the button text changed length
        self.open_existing.setEnabled(bool(self.duplicates.selectedItems()))

    def _choose_existing(self) -> None:
        row = self.duplicates.currentRow()
        if 0 <= row < len(self.candidates):
            self.patient_id = self.candidates[row].patient.id
            self.existing_chosen.emit(self.candidates[row].patient.id)
            self.accept()


__all__ = ["AdmitDialog", "parse_birth_date", "reason_text"]
