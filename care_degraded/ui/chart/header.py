"""The identity header: who this chart is about, always in sight above the timeline.

Identity checks ("identitovigilance") need the name, birth date and number read
together; a provisional identity is marked in words, not only in colour; allergies
are in red, and "not documented" is told apart from "none known".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from care_degraded.domain.patient import AllergyStatus, Location, Patient
from care_degraded.ui.style import is_high_contrast, palette


def age_years(birth: dt.date | None, today: dt.date | None = None) -> int | None:
    if birth is None:
        return None
    today = today or dt.date.today()
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def allergy_text(patient: Patient, lang: str = "fr") -> str:
    if patient.allergy_status is AllergyStatus.PRESENT and patient.allergies:
        names = ", ".join(a.substance for a in patient.allergies)
        return QCoreApplication.translate("IdentityHeader", "ALLERGIES: %1").replace("%1", names)
    if patient.allergy_status is AllergyStatus.NONE_KNOWN:
        return QCoreApplication.translate("header", "No known allergy")
    return QCoreApplication.translate("header", "Allergies: not documented")


def number_text(patient: Patient, lang: str = "fr") -> str:
    ident = patient.identity
    if ident.ipp:
        return f"IPP {ident.ipp}"
    if ident.provisional_number:
        return QCoreApplication.translate("IdentityHeader", "Provisional no. %1").replace(
            "%1", ident.provisional_number)
    return QCoreApplication.translate("header", "no number")


def location_text(location: Location) -> str:
    """Room and bed in the interface language ("ch. 12, lit 2" / "room 12, bed 2")."""
    translate = QCoreApplication.translate
    parts = []
    if location.room:
        parts.append(translate("IdentityHeader", "room %1").replace("%1", location.room))
    if location.bed and location.bed != location.room:
        parts.append(translate("IdentityHeader", "bed %1").replace("%1", location.bed))
    return ", ".join(parts)


def identity_line(patient: Patient, lang: str = "fr") -> str:
    """Name · birth date · number · room: the identity a form window repeats."""
    ident = patient.identity
    born = ident.birth_date.strftime("%d/%m/%Y") if ident.birth_date else "?"
    return " · ".join(p for p in (ident.display_name(), born, number_text(patient, lang),
                                  location_text(patient.location)) if p)


class IdentityHeader(QFrame):
    """Name / birth date and age / number / bed / allergies. Never scrolls away."""

    def __init__(self, lang: str = "fr", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("identityHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(24)
        self.name = QLabel()
        self.name.setObjectName("patientName")
        self.birth = QLabel()
        self.birth.setObjectName("patientBirth")
        self.number = QLabel()
        self.number.setObjectName("patientNumber")
        self.provisional = QLabel(self.tr("PROVISIONAL IDENTITY"))
        self.provisional.setObjectName("provisionalBadge")
        self.bed = QLabel()
        self.bed.setObjectName("patientBed")
        self.allergies = QLabel()
        self.allergies.setObjectName("patientAllergies")
        self.allergies.setWordWrap(True)
        grid.addWidget(self.name, 0, 0, 1, 2)
        grid.addWidget(self.provisional, 0, 2)
        grid.addWidget(self.bed, 0, 3)
        grid.addWidget(self.birth, 1, 0)
        grid.addWidget(self.number, 1, 1)
        grid.addWidget(self.allergies, 1, 2, 1, 2)
        grid.setColumnStretch(3, 1)
        self.restyle()
        self.show_patient(None)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.provisional.setText(self.tr("PROVISIONAL IDENTITY"))

    def restyle(self) -> None:
        """Colours from the current palette (normal or high contrast)."""
        p = palette(is_high_contrast())
        self.setStyleSheet(f"""
#identityHeader {{ background: #ffffff; border: 2px solid #555555; border-radius: 4px; }}
#patientName {{ font-size: 18pt; font-weight: bold; }}
#patientNumber, #patientBed {{ font-size: 13pt; font-weight: bold; }}
#patientBirth {{ font-size: 12pt; }}
#provisionalBadge {{ color: #ffffff; background: {p.provisional}; font-weight: bold;
    font-size: 12pt; padding: 3px 10px; border-radius: 3px; }}
#patientAllergies[present="true"] {{ color: {p.allergy}; font-weight: bold; font-size: 13pt; }}
#patientAllergies[present="false"] {{ font-size: 12pt; }}
#patientAllergies[unknown="true"] {{ color: #7a3e00; font-style: italic; }}
""")

    def show_patient(self, patient: Patient | None) -> None:
        if patient is None:
            self.name.setText(self.tr("Patient not found"))
            for label in (self.birth, self.number, self.bed, self.allergies):
                label.clear()
            self.provisional.setVisible(False)
            return
        ident = patient.identity
        self.name.setText(ident.display_name())
        age = age_years(ident.birth_date)
        if ident.birth_date is not None:
            born = ident.birth_date.strftime("%d/%m/%Y")
            self.birth.setText(self.tr("born %1 (%2 y)").replace("%1", born).replace(
                "%2", str(age)))
        else:
            self.birth.setText(self.tr("birth date unknown"))
        self.number.setText(number_text(patient, self.lang))
        self.provisional.setVisible(patient.is_provisional)
        where = location_text(patient.location)
        self.bed.setText(where or self.tr("no bed"))
        self.allergies.setText(allergy_text(patient, self.lang))
        present = patient.allergy_status is AllergyStatus.PRESENT
        self.allergies.setProperty("present", present)
        self.allergies.setProperty(
            "unknown", patient.allergy_status is AllergyStatus.NOT_DOCUMENTED)
        self.allergies.style().unpolish(self.allergies)
        self.allergies.style().polish(self.allergies)
