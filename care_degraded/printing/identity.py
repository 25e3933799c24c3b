"""What a printed sheet says about a patient: the identity block and page header line.

Renderers take a :class:`PatientLabel`, never the vault: the service layer builds
labels from :class:`care_degraded.domain.patient.Patient` (or anything else).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from care_degraded.domain.patient import AllergyStatus, Patient, Sex

PROVISIONAL_MARK = "IDENTITÉ PROVISOIRE"
NOT_DOCUMENTED = "allergies non renseignées"
NONE_KNOWN = "aucune allergie connue"
ASK_MARK = "⚠ non renseignées — demander"


class AllergyLevel(StrEnum):
    """How an allergy line must stand out on paper."""

    SEVERE = "severe"  # anaphylaxis, "grave": white on red
    PRESENT = "present"  # framed, bold
    NONE = "none"  # "aucune allergie connue": framed, plain
    UNKNOWN = "unknown"  # not documented: flagged, to ask


_SEVERE_WORDS = ("grave", "anaphyla", "quincke", "choc", "severe", "sévère")

_SEX = {Sex.FEMALE: "F", Sex.MALE: "M", Sex.OTHER: "autre", Sex.UNKNOWN: ""}


@dataclass(frozen=True)
class PatientLabel:
    """A patient as paper shows them."""

    id: str  # internal id, for the QR code only
    name: str  # "SURNAME (née BIRTHNAME) Given"
    birth_date: str = ""  # dd/mm/yyyy
    sex: str = ""
    number: str = ""  # IPP, or the provisional number
    number_kind: str = "IPP"  # "IPP" or "N° provisoire"
    bed: str = ""  # "ch. 12, lit 2"
    allergies: str = ""  # "Pénicilline (grave), latex" or "aucune connue" or "non renseignées"
    provisional: bool = False
    attending: str = ""
    severe_allergy: bool = False  # a reaction marked high criticality or anaphylactic

    @property
    def allergy_level(self) -> AllergyLevel:
        text = self.allergies.strip().casefold()
        if not text or text in (NOT_DOCUMENTED, "non renseignées"):
            return AllergyLevel.UNKNOWN
        if text in (NONE_KNOWN, "aucune connue", "aucune"):
            return AllergyLevel.NONE
        if self.severe_allergy or any(w in text for w in _SEVERE_WORDS):
            return AllergyLevel.SEVERE
        return AllergyLevel.PRESENT

    def allergy_line(self) -> str:
        """The allergy block's text: severe first in capitals, unknown flagged to ask."""
        level = self.allergy_level
        if level is AllergyLevel.UNKNOWN:
            return f"ALLERGIES : {ASK_MARK}"
        if level is AllergyLevel.NONE:
            return "Allergies : aucune allergie connue"
        if level is AllergyLevel.SEVERE:
            return f"⚠ ALLERGIE GRAVE : {self.allergies}"
        return f"⚠ ALLERGIES : {self.allergies}"

    def one_line(self) -> str:
        """The identity line printed at the top of every page of the sheet."""
        parts = [self.name]
        if self.birth_date:
            parts.append(f"né(e) le {self.birth_date}")
        if self.sex:
            parts.append(self.sex)
        if self.number:
            parts.append(f"{self.number_kind} {self.number}")
        if self.bed:
            parts.append(self.bed)
        return " · ".join(parts)


def allergy_text(patient: Patient) -> str:
    """Allergies in a few words; "none known" is not "not documented"."""
    if patient.allergy_status is AllergyStatus.NONE_KNOWN and not patient.allergies:
        return NONE_KNOWN
    if not patient.allergies:
        return NOT_DOCUMENTED
    parts = []
    for allergy in patient.allergies:
        text = allergy.substance
        extra = [x for x in (allergy.reaction,
                             "grave" if allergy.criticality == "high" else None) if x]
        if extra:
            text += f" ({', '.join(extra)})"
        parts.append(text)
    return ", ".join(parts)


def label_for(patient: Patient) -> PatientLabel:
    """The paper label of a stored patient."""
    ident = patient.identity
    if ident.ipp:
        number, kind = ident.ipp, "IPP"
    elif ident.provisional_number:
        number, kind = ident.provisional_number, "N° provisoire"
    else:
        number, kind = "", "IPP"
    return PatientLabel(
        id=patient.id,
        name=ident.display_name(),
        birth_date=ident.birth_date.strftime("%d/%m/%Y") if ident.birth_date else "",
        sex=_SEX.get(ident.sex, ""),
        number=number,
        number_kind=kind,
        bed=patient.location.label(),
        allergies=allergy_text(patient),
        provisional=patient.is_provisional,
        attending=patient.attending or "",
        severe_allergy=any(a.criticality == "high" for a in patient.allergies),
    )


def bed_sort_key(label: PatientLabel) -> tuple[tuple[int, str], ...]:
    """Order by room then bed, numbers numerically ("ch. 2" before "ch. 10")."""
    import re

    return tuple((int(t), "") if t.isdigit() else (10**9, t)
                 for t in re.findall(r"\d+|[^\d\s,.]+", label.bed or "~")) + ((0, label.name),)
