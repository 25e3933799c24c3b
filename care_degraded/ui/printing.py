"""Print actions of the desktop application: the downtime kit, ward sheets, forms, charts.

Every action asks where the sheets go — a PDF file or a printer — then renders in
the background through ``Operation`` and says how many pages it made. A printer
job goes through the printing service (``printer=``): its temporary PDF lives in
the vault folder and is removed afterwards, never in the system temp folder.

The question is asked by a ``Destination`` object that tests replace::

    actions = PrintActions(ctx, parent)
    actions.destination = lambda parent, request: Choice("pdf", "/tmp/kit.pdf", hours=2)
    actions.kit()                 # -> Operation, or None when cancelled
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from care_degraded.services import printing as service
from care_degraded.ui.context import AppContext
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP
from care_degraded.ui.operations import Operation

log = logging.getLogger(__name__)

DEFAULT_HOURS = 8
MIN_HOURS, MAX_HOURS = 1, 72
STATUS_MS = 15_000  # how long the "printed" line stays in the status bar


#: What the status bar says once a print is done, per kind: (saved as PDF, printed).
#: Whole sentences, so that each language can agree its words with the noun.
DONE_TEXTS = {
    "kit": (QT_TRANSLATE_NOOP("PrintActions", "Kit saved: %1 — %2"),
            QT_TRANSLATE_NOOP("PrintActions", "Kit printed: %1")),
    "handover": (QT_TRANSLATE_NOOP("PrintActions", "Handover sheet saved: %1 — %2"),
                 QT_TRANSLATE_NOOP("PrintActions", "Handover sheet printed: %1")),
    "census": (QT_TRANSLATE_NOOP("PrintActions", "Patient list saved: %1 — %2"),
               QT_TRANSLATE_NOOP("PrintActions", "Patient list printed: %1")),
    "checklist": (QT_TRANSLATE_NOOP("PrintActions", "Checklists saved: %1 — %2"),
                  QT_TRANSLATE_NOOP("PrintActions", "Checklists printed: %1")),
    "form": (QT_TRANSLATE_NOOP("PrintActions", "Form saved: %1 — %2"),
             QT_TRANSLATE_NOOP("PrintActions", "Form printed: %1")),
    "sheet": (QT_TRANSLATE_NOOP("PrintActions", "Sheet saved: %1 — %2"),
              QT_TRANSLATE_NOOP("PrintActions", "Sheet printed: %1")),
    "crisis-log": (QT_TRANSLATE_NOOP("PrintActions", "Crisis log saved: %1 — %2"),
                   QT_TRANSLATE_NOOP("PrintActions", "Crisis log printed: %1")),
    "record": (QT_TRANSLATE_NOOP("PrintActions", "Record saved: %1 — %2"),
               QT_TRANSLATE_NOOP("PrintActions", "Record printed: %1")),
}


class Choice(NamedTuple):
    """Where a print goes: ("pdf", file path) or ("printer", queue name), and its options."""

    target: str
    where: str
    hours: int = DEFAULT_HOURS
    form: str = ""


@dataclass(frozen=True)
class Request:
    """What the destination dialog shows: a title, a default file name, options to ask."""

    kind: str
    title: str
    default_name: str
    lang: str = "fr"
    ask_hours: bool = False
    #: (value, label) pairs to choose from (a blank form, one checklist...); empty: none
    options: tuple[tuple[str, str], ...] = field(default=())
    option_label: str = ""


class Destination(Protocol):
    def __call__(self, parent: QWidget, request: Request) -> Choice | None: ...


# -- the real dialogs ----------------------------------------------------------------------------
class PrintChoiceDialog(QDialog):
    """Asks the options (hours, which form) and PDF or printer. ``choice`` after exec."""

    def __init__(self, parent: QWidget, request: Request) -> None:
        super().__init__(parent)
        self.setObjectName("printChoice")
        self.setWindowTitle(request.title)
        self.target = ""
        layout = QVBoxLayout(self)
        heading = QLabel(request.title)
        heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.hours = QSpinBox()
        self.hours.setObjectName("printHours")
        self.hours.setRange(MIN_HOURS, MAX_HOURS)
        self.hours.setValue(DEFAULT_HOURS)
        self.hours.setSuffix(" h")
        if request.ask_hours:
            form.addRow(self.tr("Hours to cover:"), self.hours)
        self.options = QComboBox()
        self.options.setObjectName("printOptions")
        for value, label in request.options:
            self.options.addItem(label, value)
        if request.options:
            form.addRow(request.option_label, self.options)
        layout.addLayout(form)
        self.pdf = QPushButton(self.tr("Save as PDF…"))
        self.printer = QPushButton(self.tr("Print…"))
        self.cancel = QPushButton(self.tr("Cancel"))
        for button in (self.printer, self.pdf, self.cancel):
            button.setMinimumHeight(40)
            layout.addWidget(button)
        self.printer.setDefault(True)
        self.pdf.clicked.connect(lambda: self._chosen("pdf"))
        self.printer.clicked.connect(lambda: self._chosen("printer"))
        self.cancel.clicked.connect(self.reject)

    def _chosen(self, target: str) -> None:
        self.target = target
        self.accept()


def documents_folder() -> Path:
    """The user's Documents folder (home when the system has none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_destination(parent: QWidget, request: Request) -> Choice | None:
    """The real chooser: options and PDF/printer, then a file dialog or the Qt print dialog."""
    dialog = PrintChoiceDialog(parent, request)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.target:
        return None
    hours = dialog.hours.value()
    option = str(dialog.options.currentData() or "")
    if dialog.target == "pdf":
        path, _filter = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("printing", "Save as PDF"),
            str(documents_folder() / request.default_name), "PDF (*.pdf)")
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        return Choice("pdf", path, hours, option)
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    printer.setDocName(request.default_name)
    chooser = QPrintDialog(printer, parent)
    chooser.setWindowTitle(QCoreApplication.translate("printing", "Print"))
    if chooser.exec() != QDialog.DialogCode.Accepted:
        return None
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        # "Print to file" in the Qt dialog: the same as saving a PDF.
        return Choice("pdf", printer.outputFileName(), hours, option)
    return Choice("printer", printer.printerName() or "default", hours, option)


# -- the actions ---------------------------------------------------------------------------------
class PrintActions(QObject):
    """The print actions of one screen (the window's Print menu, a chart, handover...).

    ``printed(PrintResult)`` is emitted after each successful print; ``message`` keeps the
    last sentence shown to the user.
    """

    printed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget,
                 destination: Destination | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.destination: Destination = destination or ask_destination
        self.message = ""
        self.last: Operation | None = None

    @property
    def lang(self) -> str:
        return self.ctx.lang

    def _library(self) -> Any:
        if self.ctx.forms is not None:
            return self.ctx.forms
        from care_degraded.services.forms import library

        return library()

    def _name(self, stem: str) -> str:
        return f"{stem}-{self.ctx.clock().astimezone().date().isoformat()}.pdf"

    # -- ward-wide ------------------------------------------------------------------------------
    def kit(self) -> Operation | None:
        """The downtime kit for the whole ward, for N hours (asked, 8 by default)."""
        request = Request("kit", self.tr("Downtime paper kit"), self._name("kit"), self.lang,
                          ask_hours=True)
        return self._run(request, lambda v, out, pr, c: service.print_kit(
            v, out, c.hours, printer=pr, lib=self._library()),
            "kit")

    def ward_handover(self) -> Operation | None:
        """The ward handover sheet: every patient by bed."""
        request = Request("handover", self.tr("Ward handover sheet"),
                          self._name("transmissions"), self.lang)
        return self._run(request, lambda v, out, pr, c: service.print_handover(
            v, out, printer=pr, lib=self._library()),
            "handover")

    def census(self) -> Operation | None:
        """The list of the ward's patients, by bed."""
        request = Request("census", self.tr("Patient list (census)"),
                          self._name("recensement"), self.lang)
        return self._run(request, lambda v, out, pr, c: service.print_census(
            v, out, printer=pr), "census")

    def checklists(self, form: str = "") -> Operation | None:
        """Blank checklists with tick boxes: all of them, or one chosen (``form`` preset)."""
        specs = [s for s in self._library().list() if s.is_checklist]
        options: tuple[tuple[str, str], ...] = ()
        if not form:
            options = (("", self.tr("Every checklist")),
                       *((s.short_id, s.label(self.lang)) for s in specs))
        request = Request("checklist", self.tr("Checklists"),
                          self._name("checklists"), self.lang, options=options,
                          option_label=self.tr("Checklist:"))
        return self._run(request, lambda v, out, pr, c: service.print_checklist(
            v, out, form or c.form or None, printer=pr, lib=self._library()),
            "checklist")

    def crisis_log(self) -> Operation | None:
        """The crisis log (main courante): every entry, amended and voided ones marked."""
        request = Request("crisis-log", self.tr("Crisis log"), self._name("main-courante"),
                          self.lang)
        return self._run(request, lambda v, out, pr, c: service.print_crisis_log(
            v, out, printer=pr), "crisis-log")

    def blank_form(self, patient_id: str = "") -> Operation | None:
        """A blank form chosen from the library (identity pre-filled for a patient)."""
        specs = [s for s in self._library().list() if not s.is_checklist]
        options = tuple((s.short_id, s.label(self.lang)) for s in specs)
        request = Request("form", self.tr("Blank form"),
                          self._name("formulaire"), self.lang, options=options,
                          option_label=self.tr("Form:"))
        return self._run(request, lambda v, out, pr, c: service.print_form(
            v, out, c.form or specs[0].short_id, patient_id or None, printer=pr,
            lib=self._library()), "form")

    # -- one patient ----------------------------------------------------------------------------
    def patient_sheet(self, patient_id: str, sheet: str) -> Operation | None:
        """The patient's MAR (``sheet="mar"``) or 24 h vitals flowsheet ("flowsheet")."""
        titles = {"mar": self.tr("Medication administration record"),
                  "flowsheet": self.tr("Vitals flowsheet (24 h)")}
        request = Request(sheet, titles[sheet], self._name(sheet), self.lang)
        return self._run(request, lambda v, out, pr, c: service.print_form(
            v, out, sheet, patient_id, printer=pr, lib=self._library(), hours=24),
            "sheet")

    def patient_handover(self, patient_id: str) -> Operation | None:
        """One patient's handover sheet."""
        request = Request("handover", self.tr("This patient's handover"),
                          self._name("transmissions-patient"), self.lang)
        return self._run(request, lambda v, out, pr, c: service.print_handover(
            v, out, patient_id, printer=pr, lib=self._library()),
            "handover")

    def record(self, record_uuid: str) -> Operation | None:
        """A filled record with its author, time and amendment history."""
        request = Request("record", self.tr("Record and its history"),
                          self._name("enregistrement"), self.lang)
        return self._run(request, lambda v, out, pr, c: service.print_record(
            v, out, record_uuid, printer=pr, lib=self._library()),
            "record")

    # -- the common path ------------------------------------------------------------------------
    def _run(self, request: Request,
             render: Callable[[Any, Path | None, str | None, Choice], service.PrintResult],
             kind: str) -> Operation | None:
        if self.ctx.vault is None:
            return None
        choice = self.destination(self.parent_widget, request)
        vault = self.ctx.vault  # asked again: the session may have locked behind a dialog
        if choice is None or vault is None:
            return None
        if choice.target == "pdf":
            out: Path | None = Path(choice.where).expanduser()
            printer: str | None = None
        else:
            out, printer = None, choice.where or "default"
        label = (self.tr("Preparing the print…")
                 if printer is not None else
                 self.tr("Preparing the PDF…"))
        op = Operation(self.parent_widget, lambda: render(vault, out, printer, choice),
                       label=label)
        op.success(lambda result: self._done(kind, result))
        self.last = op
        return op.run()

    def _done(self, kind: str, result: service.PrintResult) -> None:
        count = result.pages
        pages = (self.tr("%1 page") if count <= 1 else self.tr("%1 pages")).replace(
            "%1", str(count))
        saved, printed = DONE_TEXTS[kind]
        if result.path is not None:
            text = self.tr(saved).replace("%1", pages).replace("%2", result.path.name)
        else:
            text = self.tr(printed).replace("%1", pages)
        self.message = text
        tell(self.parent_widget, text)
        self.printed.emit(result)


def tell(widget: QWidget, text: str) -> None:
    """A short sentence in the window's status bar (or a message box outside a window)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)
        return
    box = QMessageBox(window)
    box.setObjectName("printedBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(text)
    box.open()


def patient_menu(actions: PrintActions, patient_id: Callable[[], str],
                 record_uuid: Callable[[], str | None], parent: QWidget) -> QMenu:
    """The chart's print menu: MAR, flowsheet, blank form, handover, the selected record."""
    menu = QMenu(parent)
    menu.setObjectName("chartPrintMenu")
    translate = QCoreApplication.translate
    entries: list[tuple[str, str, Callable[[], object]]] = [
        ("printMar", translate("patient_menu", "Medication record (MAR)…"),
         lambda: actions.patient_sheet(patient_id(), "mar")),
        ("printFlowsheet", translate("patient_menu", "Vitals flowsheet…"),
         lambda: actions.patient_sheet(patient_id(), "flowsheet")),
        ("printBlankForm", translate("patient_menu", "Blank form for this patient…"),
         lambda: actions.blank_form(patient_id())),
        ("printPatientHandover", translate("patient_menu", "This patient's handover…"),
         lambda: actions.patient_handover(patient_id())),
        ("printRecord", translate("patient_menu", "Selected record with its history…"),
         lambda: _print_selected(actions, record_uuid)),
    ]
    for name, text, slot in entries:
        act = menu.addAction(text)
        act.setObjectName(name)
        act.triggered.connect(lambda _c=False, s=slot: s())
    record_action = menu.actions()[-1]
    menu.aboutToShow.connect(lambda: record_action.setEnabled(record_uuid() is not None))
    return menu


def _print_selected(actions: PrintActions, record_uuid: Callable[[], str | None]) -> None:
    uuid = record_uuid()
    if uuid:
        actions.record(uuid)

