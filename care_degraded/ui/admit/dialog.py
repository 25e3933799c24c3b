"""AdmitDialog: admit someone the census does not know, with a provisional identity.

Identity checks come first: before anything is written, the dialog looks for
patients who may be the same person (same birth date, similar names) and lists
them. The nurse then either opens that patient instead, or states that it is
someone else and admits anyway. The provisional number is given by the service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
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
from care_degraded.ui.context import AppContext, Topic
from care_degraded.ui.operations import Operation, error_sentence

SEXES = (("female", "Femme", "Female"), ("male", "Homme", "Male"),
         ("other", "Autre", "Other"), ("unknown", "Inconnu", "Unknown"))
# The matching service's reasons, in the order they must be replaced.
_REASONS_FR = (("same birth date", "même date de naissance"),
               ("birth date with day and month swapped", "jour et mois de naissance inversés"),
               ("surname and given name swapped", "nom et prénom inversés"),
               ("given name: ", "prénom : "), ("surname: ", "nom : "),
               ("same", "identique"), ("spelling", "orthographe proche"),
               ("phonetic", "se prononce pareil"), ("compound", "nom composé en partie"))


def _tr(fr: str, en: str, lang: str) -> str:
    return en if lang.startswith("en") else fr


def reason_text(reason: str, lang: str = "fr") -> str:
    if lang.startswith("en"):
        return reason
    text = reason
    for en, fr in _REASONS_FR:
        text = text.replace(en, fr)
    return text


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
        self.setWindowTitle(_tr("Admettre un patient (identité provisoire)",
                                "Admit a patient (provisional identity)", self.lang))
        self._build()
        self._connect_callbacks()
        self.resize(980, 640)

    def _build(self) -> None:
        lang = self.lang
        layout = QVBoxLayout(self)
        self.setStyleSheet("QDialog { font-size: 12pt; } QLineEdit { min-height: 32px; }"
                           " QPushButton { min-height: 38px; padding: 0 14px; }"
                           " QLabel#admitError { color: #b00020; font-weight: bold; }")
        intro = QLabel(_tr(
            "Patient absent du recensement : une identité provisoire lui sera attribuée, "
            "à rapprocher par l'informatique au retour du système. Poser le bracelet "
            "« identité provisoire ».",
            "A patient missing from the census gets a provisional identity, reconciled by IT "
            "when the system is back. Put on a 'provisional identity' wristband.", lang))
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
        self.given.setPlaceholderText(_tr("séparés par des espaces", "separated by spaces", lang))
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(_tr("JJ/MM/AAAA", "DD/MM/YYYY", lang))
        self.birth.setMaximumWidth(180)
        sex_row = QHBoxLayout()
        self.sex = QButtonGroup(self)
        self.sex_buttons: dict[str, QRadioButton] = {}
        for number, (code, fr, en) in enumerate(SEXES):
            button = QRadioButton(_tr(fr, en, lang))
            self.sex.addButton(button, number)
            self.sex_buttons[code] = button
            sex_row.addWidget(button)
        sex_row.addStretch(1)
        self.room = QLineEdit()
        self.room.setMaximumWidth(120)
        self.bed = QLineEdit()
        self.bed.setMaximumWidth(120)
        form.addRow(_tr("Nom de naissance *", "Birth surname *", lang), self.surname)
        form.addRow(_tr("Nom d'usage", "Used surname", lang), self.used_name)
        form.addRow(_tr("Prénom(s) *", "Given name(s) *", lang), self.given)
        form.addRow(_tr("Date de naissance *", "Birth date *", lang), self.birth)
        form.addRow(_tr("Sexe *", "Sex *", lang), sex_row)
        place = QHBoxLayout()
        place.addWidget(QLabel(_tr("Chambre", "Room", lang)))
        place.addWidget(self.room)
        place.addWidget(QLabel(_tr("Lit", "Bed", lang)))
        place.addWidget(self.bed)
        place.addStretch(1)
        form.addRow(_tr("Emplacement", "Location", lang), place)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("admitError")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.dup_title = QLabel(_tr(
            "Patients qui pourraient être la même personne — vérifiez avant d'admettre :",
            "Patients who may be the same person — check before admitting:", lang))
        self.dup_title.setStyleSheet("color: #7a3e00; font-weight: bold;")
        layout.addWidget(self.dup_title)
        self.duplicates = QTableWidget(0, 4)
        self.duplicates.setObjectName("duplicateCandidates")
        self.duplicates.setHorizontalHeaderLabels([
            _tr("Patient", "Patient", lang), _tr("Né(e) le", "Born", lang),
            _tr("Numéro / lit", "Number / bed", lang), _tr("Pourquoi", "Why", lang)])
        self.duplicates.horizontalHeader().setStretchLastSection(True)
        self.duplicates.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.duplicates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.duplicates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.duplicates.verticalHeader().setVisible(False)
        layout.addWidget(self.duplicates, 1)
        self.not_them = QCheckBox(_tr(
            "J'ai vérifié : ce patient n'est aucun de ceux de la liste",
            "I checked: this patient is none of those listed", lang))
        layout.addWidget(self.not_them)
        buttons = QHBoxLayout()
        self.open_existing = QPushButton(_tr("C'est ce patient : ouvrir son dossier",
                                             "It is this patient: open the chart", lang))
        self.admit_button = QPushButton(_tr("Vérifier et admettre", "Check and admit", lang))
        self.admit_button.setDefault(True)
        self.cancel = QPushButton(_tr("Annuler", "Cancel", lang))
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
            missing.append(_tr("le nom de naissance", "the birth surname", self.lang))
        if not given:
            missing.append(_tr("le prénom", "the given name", self.lang))
        if birth is None:
            missing.append(_tr("une date de naissance valide (JJ/MM/AAAA)",
                               "a valid birth date (DD/MM/YYYY)", self.lang))
        if sex is None:
            missing.append(_tr("le sexe", "the sex", self.lang))
        if missing:
            self.error.setText(_tr("À compléter : ", "Missing: ", self.lang)
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
                         label=_tr("Admission…", "Admitting…", self.lang)).success(
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
            name = ident.display_name() + (_tr(" (provisoire)", " (provisional)", self.lang)
                                           if p.is_provisional else "")
            born = ident.birth_date.strftime("%d/%m/%Y") if ident.birth_date else "?"
            where = " · ".join(x for x in (p.reference(), p.location.label()) if x)
            why = ", ".join(reason_text(r, self.lang) for r in cand.reasons)
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
            self.admit_button.setText(_tr("Admettre quand même (autre personne)",
                                          "Admit anyway (someone else)", self.lang))
            self.admit_button.setEnabled(self.not_them.isChecked())
        else:
            self.admit_button.setText(_tr("Vérifier et admettre", "Check and admit", self.lang))
            self.admit_button.setEnabled(True)
        self.layout().activate()  # the button text changed length
        self.open_existing.setEnabled(bool(self.duplicates.selectedItems()))

    def _choose_existing(self) -> None:
        row = self.duplicates.currentRow()
        if 0 <= row < len(self.candidates):
            self.patient_id = self.candidates[row].patient.id
            self.existing_chosen.emit(self.candidates[row].patient.id)
            self.accept()


__all__ = ["AdmitDialog", "parse_birth_date", "reason_text"]
