"""Every window and dialog read in both languages: no French left in English, no English
left in French (our texts, the core's refusals, Qt's own dialogs, the room and bed).

The scan opens each screen of the real window on the demo ward, collects every text a
person could read (``visible_texts``) and looks for words only the other language uses.
Data typed by people (patient names, the ward's name, demo user names) is left out.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from care_degraded.services import board as board_service
from care_degraded.services.vaults import DEMO_USERS, DEMO_WARD
from care_degraded.ui import operations
from care_degraded.ui.chart.dialogs import PrescriptionPicker, VoidDialog
from care_degraded.ui.printing import PrintChoiceDialog, Request
from tests.ui.app_helpers import unlock, visible_texts

# Whole words (after "&" mnemonics are removed) that only one of the two languages uses.
ENGLISH_ONLY = re.compile(
    r"\b(the|of|and|with|by|to|in|is|are|not|none|yet|no|yes|Save|Cancel|Look|Files|Open|"
    r"Close|Print|Start|Started|Search|Show|Lock|Unlock|Login|passphrase|Passphrase|Ward|"
    r"Bed|Room|Handover|Vitals|Medication|Help|View|File|Language|Quit|Time|Author|Status|"
    r"Summary|Record|Directory|Name|Size|Date Modified|refused|common|passwords?|room|bed|"
    r"already|exists|cannot|only|must|your|this|that|login)\b")
FRENCH_ONLY = re.compile(
    r"(\b(le|la|les|des|du|de|et|au|aux|une?|pour|par|sur|avec|dans|aucune?|Annuler|"
    r"Enregistrer|Imprimer|Fichier|Affichage|Aide|Lit|lit|Chambre|ch|Nom|Taille|Dossier|"
    r"Verrouiller|Rechercher|Transmissions?|Constantes|refusée?|courants?|passe|phrase)\b"
    r"|\bà\b| :|«|»)")


def data_words(window) -> list[str]:
    """What people typed, not the interface: patient names and numbers, ward, users."""
    words = [DEMO_WARD, *(name for _l, name, _r, _p in DEMO_USERS)]
    for patient in board_service.ward_patients(window.ctx.vault):
        ident = patient.identity
        words += [ident.display_name(), patient.reference(), ident.birth_name,
                  ident.used_name or "", *ident.given_names]
        words += [a.substance for a in patient.allergies]
        words += [p.drug for p in patient.prescriptions]
    return sorted((w for w in words if w), key=len, reverse=True)


def leaks(lang: str, skip: list[str]) -> list[str]:
    """Texts now on screen holding a word of the other language."""
    marker = ENGLISH_ONLY if lang == "fr" else FRENCH_ONLY
    found = []
    for text in visible_texts():
        plain = re.sub(r"<[^>]+>", " ", text).replace("&", "")
        for word in skip:
            plain = plain.replace(word, " ")
        if marker.search(plain):
            found.append(text)
    return sorted(set(found))


def _open_dialogs(window) -> list[QWidget]:
    """The app's dialogs, opened without blocking (as the menus open them)."""
    opened: list[QWidget] = []
    window.menus.admit.trigger()
    opened.append(window.findChild(QWidget, "admitDialog"))
    opened.append(window.open_settings())
    chart = window.tabs.currentWidget()
    opened.append(VoidDialog(window, "NEWS2", window.ctx.lang))
    opened.append(PrescriptionPicker(window, chart.patient.prescriptions, window.ctx.lang))
    opened.append(PrintChoiceDialog(window, Request("kit", "Kit", "kit.pdf", window.ctx.lang,
                                                    ask_hours=True)))
    # The Qt file dialog the "Save as PDF" choice opens (its own texts come from qtbase).
    files = QFileDialog(window, "PDF", "", "PDF (*.pdf)")
    files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    opened.append(files)
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel, window)
    opened.append(box)
    for dialog in opened[2:]:
        dialog.show()
    return opened


def _scan(qtbot, window, lang: str) -> list[str]:
    if window.ctx.lang != lang:
        window.set_language(lang)
    skip = data_words(window)
    found: list[str] = []
    # The ward board, the handover and the checklists tabs.
    for index in range(3):
        window.show_tab(index)
        found += leaks(lang, skip)
    # A chart, then a form typed into it.
    window.open_patient(window.board.model.row_at(0).patient_id)
    chart = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: chart.patient is not None, timeout=10000)
    found += leaks(lang, skip)
    chart.new_record("vitals", "vital-signs")
    qtbot.waitUntil(lambda: chart.dialog is not None and chart.dialog.isVisible())
    found += leaks(lang, skip)
    chart.dialog.form.submit()  # every required field says so, in words
    found += leaks(lang, skip)
    chart.dialog.hide()
    # Every menu and its entries.
    for menu in window.menuBar().findChildren(QMenu):
        found += [a.text() for a in menu.actions()
                  if (ENGLISH_ONLY if lang == "fr" else FRENCH_ONLY).search(
                      a.text().replace("&", ""))]
    # The dialogs, and the refusal of a common password in the settings.
    opened = _open_dialogs(window)
    settings = opened[1]
    settings.new_login.setText("nouvelle")
    settings.new_name.setText("Nouvelle Personne")
    settings.new_pass.setText("password")
    settings.new_pass2.setText("password")
    with operations.synchronous():
        settings.add_user()
    found += leaks(lang, skip)
    settings.new_login.setText("cadre")  # a login already used, a good passphrase
    settings.new_pass.setText("une phrase assez longue 2026")
    settings.new_pass2.setText("une phrase assez longue 2026")
    with operations.synchronous():
        settings.add_user()
    assert settings.message.text()
    found += leaks(lang, skip)
    for dialog in opened:
        dialog.close()
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_text_of_the_other_language_on_any_screen(qtbot, demo_window, lang):
    window = demo_window
    unlock(qtbot, window, "cadre", "cadre-demo-2026")
    found = _scan(qtbot, window, lang)
    assert found == [], "\n".join(found)
    QApplication.processEvents()
