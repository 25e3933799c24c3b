"""Helpers for the clinical screen tests: a context, patients, keyboard typing."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from care_degraded.census.model import ParsedCensus
from care_degraded.domain.patient import (
    Allergy,
    AllergyStatus,
    CensusEntry,
    Identity,
    IdentityStatus,
    Location,
    Patient,
    Prescription,
    PresenceStatus,
)
from care_degraded.services import census as census_service
from care_degraded.services.forms import library
from care_degraded.ui.context import AppContext

ARTEFACTS = Path(__file__).resolve().parents[2] / "artefacts"


def make_patient(pid: str = "p-001", *, provisional: bool = False,
                 allergies: tuple[str, ...] = ("Pénicilline",), bed: str = "12") -> Patient:
    """An invented patient (fixed data, no real person)."""
    identity = Identity(
        "Ménard-Lefèvre", ("Hélène", "Marie"), dt.date(1941, 3, 14),
        ipp=None if provisional else "800123",
        status=IdentityStatus.PROVISIONAL if provisional else IdentityStatus.VALIDATED,
        provisional_number="TST-0007" if provisional else None)
    return Patient(
        id=pid, identity=identity, location=Location("MED", bed, bed),
        presence=PresenceStatus.PRESENT,
        allergy_status=AllergyStatus.PRESENT if allergies else AllergyStatus.NONE_KNOWN,
        allergies=tuple(Allergy(a) for a in allergies),
        prescriptions=(Prescription("rx1", "Paracétamol 1 g cp", "1", "g", "PO",
                                    times_of_day=("08:00", "14:00", "20:00")),
                       Prescription("rx2", "Enoxaparine 4000 UI", "4000", "UI", "SC",
                                    times_of_day=("20:00",))))


def install_patients(vault, patients: list[Patient]) -> list[Patient]:
    """Store ``patients`` through the services (census import, admission) and return
    them as the vault holds them (with their real ids)."""
    from care_degraded.services import patients as service

    census = [p for p in patients if not p.is_provisional]
    stored: list[Patient] = []
    if census:
        entries = [CensusEntry(p.identity, p.location, p.allergy_status, p.allergies,
                               p.prescriptions) for p in census]
        parsed = ParsedCensus(source="test.json", source_kind="fhir",
                              content_sha256=hashlib.sha256(repr(entries).encode()).hexdigest(),
                              generated_at=dt.datetime.now(dt.UTC),
                              generated_at_basis="bundle-timestamp", entries=entries)
        census_service.import_parsed(vault, parsed)
    for p in patients:
        if p.is_provisional:
            ident = p.identity
            stored.append(service.admit_patient(
                vault, surname=ident.birth_name, given_names=list(ident.given_names),
                birth_date=ident.birth_date, sex=ident.sex, bed=p.location.bed,
                room=p.location.room, force=True).patient)
        else:
            stored.append(service.get_patient(vault, p.identity.ipp))
    return stored


def context(vault, lang: str = "fr") -> AppContext:
    return AppContext(vault=vault, vault_path=vault.path, lang=lang, forms=library())


def show(qtbot, widget: QWidget, size=(1366, 768)) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def activate(qtbot, widget: QWidget) -> None:
    widget.activateWindow()
    widget.raise_()
    qtbot.waitUntil(widget.isActiveWindow)


def _target() -> QWidget:
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def keys(qtbot, text: str) -> None:
    """Type into whatever has the keyboard focus, like a nurse would."""
    qtbot.keyClicks(_target(), text)


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_target(), k, modifier)


def save_anyway(form) -> None:
    """Answer "save anyway" to the question a partial vitals set asks before saving."""
    box = form.confirm_box
    assert box is not None and box.isVisible(), "no save question was asked"
    next(b for b in box.buttons() if b.objectName() == "confirmSave").click()
