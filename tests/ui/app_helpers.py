"""Helpers for the application-shell tests: synthetic patients, unlocking, text walks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from care_degraded.domain.patient import (
    Allergy,
    AllergyStatus,
    Identity,
    IdentityStatus,
    Location,
    Patient,
    Prescription,
    PresenceStatus,
)
from care_degraded.ui.main_window import MainWindow

SURNAMES = ["Lefèvre", "Ménard", "D'Almeida", "Nguyen", "Saint-Exupéry", "Bœuf", "Traoré",
            "Le Goff", "Haddad", "Poulain"]
GIVEN = ["Hélène", "Zoé", "Raphaël", "Anaïs", "Loïc", "Maëlle", "Noël", "Agnès", "Grégoire",
         "Solène"]


def synthetic_patients(count: int = 10) -> list[Patient]:
    """Fixed, invented patients (bed i+1), some provisional, some allergic."""
    patients = []
    for i in range(count):
        surname = SURNAMES[i % len(SURNAMES)] + ("" if i < len(SURNAMES) else f"-{i}")
        provisional = i % 7 == 3
        identity = Identity(
            surname, (GIVEN[i % len(GIVEN)],), dt.date(1930 + i % 60, 1 + i % 12, 1 + i % 27),
            ipp=None if provisional else f"{800000 + i}",
            status=IdentityStatus.PROVISIONAL if provisional else IdentityStatus.VALIDATED,
            provisional_number=f"TST-{i:04d}" if provisional else None)
        patients.append(Patient(
            id=f"patient-{i:03d}", identity=identity,
            location=Location("MED", str(i + 1), str(i + 1)), presence=PresenceStatus.PRESENT,
            allergy_status=AllergyStatus.PRESENT if i % 4 == 0 else AllergyStatus.NONE_KNOWN,
            allergies=(Allergy("Pénicilline"),) if i % 4 == 0 else (),
            prescriptions=(Prescription(f"rx{i}", "Paracétamol", "1", "g", "PO",
                                        times_of_day=("08:00", "14:00", "20:00")),)))
    return patients


def unlock(qtbot, window: MainWindow, login: str, passphrase: str) -> None:
    """Type the login and passphrase, press Unlock, wait for the board to be filled."""
    window.unlock.login.setEditText(login)
    window.unlock.passphrase.setText(passphrase)
    with qtbot.waitSignal(window.board_refreshed, timeout=15000):
        qtbot.mouseClick(window.unlock.button, Qt.MouseButton.LeftButton)


def _model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    try:
        model.columnCount(QModelIndex())
    except TypeError:  # a Qt-internal model (a completer's) keeps its methods private
        return

    def walk(parent: QModelIndex) -> Iterator[str]:
        for r in range(model.rowCount(parent)):
            for c in range(model.columnCount(parent)):
                index = model.index(r, c, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    if value:
                        yield str(value)
                try:
                    nested = model.hasChildren(index)
                except TypeError:  # private in some Qt-internal models
                    nested = False
                if nested:
                    yield from walk(index)

    for orientation in (Qt.Orientation.Horizontal,):
        for c in range(model.columnCount(QModelIndex())):
            title = model.headerData(c, orientation, Qt.ItemDataRole.DisplayRole)
            if title:
                yield str(title)
    yield from walk(QModelIndex())


def visible_texts() -> list[str]:
    """Every text a person could read on screen now (widgets, tabs, titles, models)."""
    texts: list[str] = []
    for w in QApplication.allWidgets():
        if not w.isVisible():
            continue
        texts += [w.toolTip(), w.windowTitle(), w.accessibleName(), w.statusTip()]
        if isinstance(w, QLabel | QAbstractButton) or (
                isinstance(w, QLineEdit) and w.echoMode() == QLineEdit.EchoMode.Normal):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QPlainTextEdit | QTextEdit):
            texts.append(w.toPlainText())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView):
            texts += list(_model_texts(w))
    return [t for t in texts if t]


def leaked_names(patients: list[Patient], window: QWidget | None = None) -> list[str]:
    """Patient names or numbers still readable anywhere on screen."""
    texts = " \n ".join(visible_texts()).casefold()
    found = []
    for p in patients:
        for needle in (p.identity.birth_name, p.identity.display_name(), p.reference()):
            if needle and needle.casefold() in texts:
                found.append(needle)
    return found
