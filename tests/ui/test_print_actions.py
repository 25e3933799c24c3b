"""Print actions in the real window, on the demo ward: kit to PDF and to a printer,
ward sheets, the chart's MAR, cancelling, Ctrl+P, and a look at the Print menu.

The question "PDF or printer?" is asked by a destination object that the tests
replace, so that no modal dialog ever blocks a headless run.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QMessageBox

from care_degraded.services import printing as print_service
from care_degraded.services import records
from care_degraded.services.forms import library
from care_degraded.services.patients import ward_patients
from care_degraded.services.vaults import DEMO_USERS
from care_degraded.ui import i18n, operations
from care_degraded.ui.chart import ChartWidget
from care_degraded.ui.printing import Choice, PrintChoiceDialog, Request
from tests.printing.helpers import all_text, squash
from tests.ui.chart_helpers import ARTEFACTS


@pytest.fixture
def window(qtbot, demo_window):
    w = demo_window
    login, _name, _role, secret = DEMO_USERS[1]
    w.unlock.login.setEditText(login)
    w.unlock.passphrase.setText(secret)
    with qtbot.waitSignal(w.board_refreshed, timeout=30000):
        w.unlock.button.click()
    return w


class Asked:
    """A stand-in for the destination dialogs: records each request, answers ``choice``."""

    def __init__(self, choice: Choice | None) -> None:
        self.choice = choice
        self.requests: list[Request] = []

    def __call__(self, _parent, request: Request) -> Choice | None:
        self.requests.append(request)
        return self.choice


def _audit(window) -> list[tuple[str, str]]:
    return [(str(a), str(o)) for a, o in window.ctx.vault.conn.execute(
        "SELECT action, object FROM audit WHERE action LIKE 'print.%' ORDER BY seq")]


@pytest.fixture
def fake_lp(tmp_path, monkeypatch):
    """A stand-in for CUPS' lp first on PATH, and a private system temp folder to watch."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "lp.log"
    lp = bin_dir / "lp"
    # the PDF comes on lp's standard input: no file is named on its command line
    lp.write_text(f"#!/bin/sh\necho \"$@\" >> {log}\nhead -c 4 >> {log}\n")
    lp.chmod(0o755)
    sys_tmp = tmp_path / "systmp"
    sys_tmp.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setenv("TMPDIR", str(sys_tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return log, sys_tmp


def test_kit_to_pdf_from_the_menu(window, tmp_path):
    out = tmp_path / "out" / "kit.pdf"
    out.parent.mkdir()
    asked = Asked(Choice("pdf", str(out), hours=2))
    window.menus.printing.destination = asked
    assert window.menus.print_kit.isEnabled()
    with operations.synchronous():
        window.menus.print_kit.trigger()
    (request,) = asked.requests
    assert request.ask_hours and request.default_name.startswith("kit-")
    assert request.default_name.endswith(".pdf")
    pages = len(PdfReader(out).pages)
    assert pages > 0
    text = squash(all_text(out.read_bytes()))
    patients = ward_patients(window.ctx.vault)
    assert patients and squash(patients[0].identity.display_name()) in text
    (action, detail), = _audit(window)
    assert action == "print.kit" and "hours=2" in detail and f"pages={pages}" in detail
    message = window.statusBar().currentMessage()
    assert message == f"Kit enregistré : {pages} pages — kit.pdf"


def test_kit_to_a_printer_goes_through_lp_and_leaves_no_file(window, fake_lp):
    log, sys_tmp = fake_lp
    window.menus.printing.destination = Asked(Choice("printer", "Salle-de-soins", hours=1))
    with operations.synchronous():
        window.menus.print_kit.trigger()
    op = window.menus.printing.last
    assert op is not None and op.error is None, op.error
    logged = log.read_text()
    assert "-d Salle-de-soins" in logged and "%PDF" in logged
    spool = window.ctx.vault_path / print_service.SPOOL_DIR
    assert str(spool) not in logged  # no file named: the job went on standard input
    assert not spool.exists() or list(spool.iterdir()) == []
    assert os.listdir(sys_tmp) == []
    (action, detail), = _audit(window)
    assert action == "print.kit" and detail.endswith("to=printer")
    assert window.statusBar().currentMessage() == f"Kit imprimé : {op.result.pages} pages"


def test_a_refused_printer_job_is_a_sentence_and_leaves_nothing(window, qtbot, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no print service on this machine
    window.menus.printing.destination = Asked(Choice("printer", "default"))
    with operations.synchronous():
        window.menus.print_census.trigger()
    op = window.menus.printing.last
    assert op is not None and op.error is not None
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "errorBox"]
    assert boxes and boxes[-1].isVisible() and "refus" in boxes[-1].text().lower()
    spool = window.ctx.vault_path / print_service.SPOOL_DIR
    assert not spool.exists() or list(spool.iterdir()) == []
    assert _audit(window) == []


def test_ward_sheets_from_the_menu_and_the_screens(window, tmp_path):
    made = {}
    for name, trigger, action in (
            ("census", window.menus.print_census.trigger, "print.census"),
            ("handover", window.menus.print_handover.trigger, "print.handover"),
            ("checklists", window.menus.print_checklists.trigger, "print.checklist"),
            ("form", window.menus.print_form.trigger, "print.form")):
        out = tmp_path / f"{name}.pdf"
        window.menus.printing.destination = Asked(Choice("pdf", str(out)))
        with operations.synchronous():
            trigger()
        assert out.read_bytes().startswith(b"%PDF"), name
        made[name] = action
    assert [a for a, _ in _audit(window)] == list(made.values())
    assert "Transmissions" in all_text((tmp_path / "handover.pdf").read_bytes())
    # The handover and checklist screens have their own button.
    handover, checklists = window.tabs.widget(1), window.tabs.widget(2)
    for screen, action in ((handover, "print.handover"), (checklists, "print.checklist")):
        out = tmp_path / f"screen-{action}.pdf"
        screen.printing.destination = Asked(Choice("pdf", str(out)))
        with operations.synchronous():
            screen.print_button.click()
        assert out.exists(), action
        assert _audit(window)[-1][0] == action


def test_blank_form_and_checklist_are_chosen_from_the_library(window, tmp_path):
    out = tmp_path / "form.pdf"
    asked = Asked(Choice("pdf", str(out), form="vital-signs"))
    window.menus.printing.destination = asked
    with operations.synchronous():
        window.menus.print_form.trigger()
    (request,) = asked.requests
    values = [v for v, _label in request.options]
    assert "vital-signs" in values and not request.ask_hours
    assert "vital-signs" in _audit(window)[-1][1]
    asked = Asked(Choice("pdf", str(out), form="start"))
    window.menus.printing.destination = asked
    with operations.synchronous():
        window.menus.print_checklists.trigger()
    assert asked.requests[0].options[0][0] == ""  # "every checklist" first
    action, detail = _audit(window)[-1]
    assert action == "print.checklist" and "," not in detail.split()[0]


def test_chart_prints_the_mar_of_its_patient(window, qtbot, tmp_path):
    window.board.table.setFocus()
    window.board.table.setCurrentIndex(window.board.proxy.index(0, 0))
    qtbot.keyClick(window.board.table, Qt.Key.Key_Return)
    chart = window.tabs.currentWidget()
    assert isinstance(chart, ChartWidget)
    qtbot.waitUntil(lambda: chart.loading is not None and chart.loading.done, timeout=10000)
    out = tmp_path / "mar.pdf"
    chart.printing.destination = Asked(Choice("pdf", str(out)))
    menu = chart.print_button.menu()
    names = [a.objectName() for a in menu.actions()]
    ARTEFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTEFACTS / "chart-print-button.png"))
    assert names[:2] == ["printMar", "printFlowsheet"] and "printRecord" in names
    with operations.synchronous():
        next(a for a in menu.actions() if a.objectName() == "printMar").trigger()
    text = squash(all_text(out.read_bytes()))
    patient = chart.patient
    assert squash(patient.identity.display_name()) in text
    for rx in patient.prescriptions:
        assert squash(rx.drug) in text
    action, detail = _audit(window)[-1]
    assert action == "print.form" and f"patient={patient.id}" in detail
    # The selected record, with its history.
    operations.wait_idle()
    records.record_care(window.ctx.vault, library(), chart.patient_id, "sbar-handover", {
        "effective": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "from": "IDE de jour", "situation": "Douleur thoracique", "assessment": "NEWS2 2",
        "recommendation": "ECG si récidive"})
    with operations.synchronous():
        chart.reload()
    chart.table.selectRow(0)
    assert chart.selected() is not None
    out = tmp_path / "record.pdf"
    chart.printing.destination = Asked(Choice("pdf", str(out)))
    with operations.synchronous():
        next(a for a in menu.actions() if a.objectName() == "printRecord").trigger()
    assert squash("ECG si récidive") in squash(all_text(out.read_bytes()))
    assert _audit(window)[-1][0] == "print.record"


def test_cancelling_does_nothing(window, tmp_path):
    asked = Asked(None)
    window.menus.printing.destination = asked
    for act in (window.menus.print_kit, window.menus.print_handover, window.menus.print_census,
                window.menus.print_checklists, window.menus.print_form):
        with operations.synchronous():
            act.trigger()
        assert window.menus.printing.last is None
    assert len(asked.requests) == 5
    assert _audit(window) == []
    assert window.statusBar().currentMessage() == ""
    spool = window.ctx.vault_path / print_service.SPOOL_DIR
    assert not spool.exists()


def test_nothing_to_print_while_locked(window):
    window.lock_now()
    assert not window.menus.print_kit.isEnabled() and not window.menus.print_menu.isEnabled()
    asked = Asked(Choice("pdf", "never.pdf"))
    window.menus.printing.destination = asked
    assert window.menus.printing.kit() is None and asked.requests == []


def test_ctrl_p_opens_the_print_menu_and_look_at_it(window, qtbot):
    menu = window.menus.print_menu
    window.board.table.setFocus()
    qtbot.keyClick(window.board.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Kit papier du mode dégradé…", "Feuille de transmissions du service…",
                     "Liste des patients (recensement)…", "Check-lists…", "Main courante…",
                     "Formulaire vierge…"]
    assert menu.activeAction() is window.menus.print_kit
    # The window with the menu drawn where it drops down (a popup is its own window).
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(window.mapFromGlobal(menu.mapToGlobal(QPoint(0, 0))), menu.grab())
    painter.end()
    ARTEFACTS.mkdir(exist_ok=True)
    assert shot.save(str(ARTEFACTS / "print-menu.png"))
    menu.close()


def test_the_choice_dialog_asks_hours_within_bounds(window):
    request = Request("kit", "Kit papier du mode dégradé", "kit-2026-11-29.pdf", "fr",
                      ask_hours=True)
    dialog = PrintChoiceDialog(window, request)
    assert (dialog.hours.minimum(), dialog.hours.value(), dialog.hours.maximum()) == (1, 8, 72)
    assert dialog.pdf.text() == "Enregistrer en PDF…" and dialog.printer.text() == "Imprimer…"
    dialog.show()
    ARTEFACTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(ARTEFACTS / "print-choice.png"))
    dialog.pdf.click()
    assert dialog.target == "pdf" and dialog.result() == dialog.DialogCode.Accepted
    i18n.install("en")
    english = PrintChoiceDialog(window, Request("census", "Patient list", "x.pdf", "en"))
    assert english.pdf.text() == "Save as PDF…" and english.printer.text() == "Print…"
    english.cancel.click()
    assert english.target == ""


def test_the_real_destination_flow_without_blocking(window, tmp_path, monkeypatch):
    """PDF: the file dialog opens in Documents with the default name, ".pdf" is added."""
    from care_degraded.ui import printing as ui_printing

    seen = {}

    def fake_exec(dialog):
        dialog.hours.setValue(12)
        dialog.target = "pdf"
        return ui_printing.QDialog.DialogCode.Accepted

    def fake_save(_parent, _title, start, _filter):
        seen["start"] = start
        return str(tmp_path / "mon-kit"), "PDF (*.pdf)"

    monkeypatch.setattr(ui_printing.PrintChoiceDialog, "exec", fake_exec)
    monkeypatch.setattr(ui_printing.QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.setattr(ui_printing, "documents_folder", lambda: tmp_path / "Documents")
    request = Request("kit", "Kit", "kit-2026-11-29.pdf", "fr", ask_hours=True)
    choice = ui_printing.ask_destination(window, request)
    assert choice == Choice("pdf", str(tmp_path / "mon-kit.pdf"), 12, "")
    assert seen["start"] == str(tmp_path / "Documents" / "kit-2026-11-29.pdf")
    monkeypatch.setattr(ui_printing.PrintChoiceDialog, "exec",
                        lambda _d: ui_printing.QDialog.DialogCode.Rejected)
    assert ui_printing.ask_destination(window, request) is None


def test_english_texts_when_the_window_is_in_english(window, tmp_path):
    window.set_language("en")
    assert window.menus.print_menu.title() == "&Print"
    assert window.menus.print_kit.text() == "Downtime paper &kit…"
    out = tmp_path / "census.pdf"
    asked = Asked(Choice("pdf", str(out)))
    window.menus.printing.destination = asked
    with operations.synchronous():
        window.menus.print_census.trigger()
    assert asked.requests[0].title == "Patient list (census)"
    pages = window.menus.printing.last.result.pages
    assert window.statusBar().currentMessage() == \
        f"Patient list saved: {pages} page{'s' if pages != 1 else ''} — census.pdf"
    window.set_language("fr")


def test_print_checklists_through_the_real_dialogs(qtbot, window, tmp_path):
    """Print ▸ Checklists with nothing replaced: the choice dialog, then Qt's file dialog,
    answered as a user would once each is on screen; the PDF is written."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    out = tmp_path / "check-lists.pdf"
    seen: list[str] = []

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, PrintChoiceDialog):
            seen.append(modal.windowTitle())
            modal.pdf.click()
            QTimer.singleShot(0, answer)  # the file dialog comes next
        elif isinstance(modal, QFileDialog):
            seen.append("file")
            modal.selectFile(str(out))
            modal.accept()
        else:  # not shown yet: look again at the next turn of its event loop
            QTimer.singleShot(0, answer)

    QTimer.singleShot(0, answer)
    window.menus.print_checklists.trigger()
    op = window.menus.printing.last
    assert op is not None
    if not op.done:
        with qtbot.waitSignal(op.finished, timeout=60000):
            pass
    assert seen == ["Check-lists", "file"]
    assert op.error is None and out.exists() and op.result.pages >= 1
    assert "Check-lists" in window.statusBar().currentMessage()
