"""ChartWidget: one patient's chart (controller: wires the header, timeline and panel).

Layout: the identity header and the quick actions stay at the top whatever happens
below; under them the timeline (left) and the opened record (right). Everything
that touches the vault runs through the operation helper (``ui/operations.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain.errors import NotFound
from care_degraded.domain.patient import AllergyStatus, Patient, Prescription
from care_degraded.services.forms import FormLibrary, spec_for
from care_degraded.services.records import RecordSummary
from care_degraded.ui.chart import data
from care_degraded.ui.chart.dialogs import PrescriptionPicker, VoidDialog
from care_degraded.ui.chart.header import IdentityHeader, allergy_text, identity_line
from care_degraded.ui.chart.record_panel import RecordPanel
from care_degraded.ui.chart.timeline import (
    COL_DIGEST,
    RecordRole,
    TimelineModel,
)
from care_degraded.ui.context import AppContext, Topic
from care_degraded.ui.draft_keeper import FormDraftMixin
from care_degraded.ui.forms.dialog import FormDialog, dispose
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP
from care_degraded.ui.operations import Operation
from care_degraded.ui.printing import PrintActions, patient_menu
from care_degraded.ui.screens import take_keyboard
from care_degraded.ui.style import action_button, tall_button
from care_degraded.ui.table_model import row_table

#: key -> (button, shortcut). The shortcut is shown on the button.
QUICK_LABELS = {
    "vitals": (QT_TRANSLATE_NOOP("ChartWidget", "Vitals"), "Alt+C"),
    "medication": (QT_TRANSLATE_NOOP("ChartWidget", "Medication"), "Alt+M"),
    "note": (QT_TRANSLATE_NOOP("ChartWidget", "Note"), "Alt+T"),
    "pain": (QT_TRANSLATE_NOOP("ChartWidget", "Pain"), "Alt+D"),
    "glucose": (QT_TRANSLATE_NOOP("ChartWidget", "Glucose"), "Alt+G"),
}


def library_of(ctx: AppContext) -> FormLibrary:
    """The form library the window loaded, or the shipped one while it loads."""
    if ctx.forms is not None:
        return ctx.forms
    from care_degraded.services.forms import library

    return library()


class ChartWidget(FormDraftMixin, QWidget):
    """The chart of ``patient_id``. Public children: header, quick, table, panel."""

    def __init__(self, ctx: AppContext, patient_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chart")
        self.ctx = ctx
        self.patient_id = patient_id
        self.lang = ctx.lang
        self.patient: Patient | None = None
        self.authors: dict[str, str] = {}
        self.zone: dt.tzinfo | None = None  # the ward's, from the last load
        self.loading: Operation | None = None
        self._wanted: str | None = None  # record to select after the next load
        self._pending_draft: dict[str, Any] | None = None  # a form to reopen once loaded
        self.dialog: FormDialog | None = None
        self.picker: PrescriptionPicker | None = None
        self.void_dialog: VoidDialog | None = None
        self._build()
        self._connect_callbacks()
        self.reload()

    # -- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.header = IdentityHeader(self.lang)
        layout.addWidget(self.header)
        # "Enregistré 02:15 — Constantes et score NEWS2, FRANÇOIS Hervé": a save says so.
        self.saved_note = QLabel()
        self.saved_note.setObjectName("savedNote")
        self.saved_note.setStyleSheet("color: #1e5e20; font-weight: bold; padding: 2px 8px;")
        self.saved_note.setVisible(False)
        layout.addWidget(self.saved_note)
        bar = QHBoxLayout()
        self.quick: dict[str, QPushButton] = {}
        for key, _form in data.QUICK_FORMS:
            button = action_button(f"quick-{key}")
            self.quick[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        # Paper for this patient (MAR, flowsheet, blank form, a record): ui/printing.py.
        self.printing = PrintActions(self.ctx, self)
        self.print_button = tall_button("chartPrint")
        bar.addWidget(self.print_button)
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = TimelineModel(self.lang, self)
        self.table = row_table(self.model, "timeline")
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        # Columns fit their contents, judged on the newest rows only: sizing on every
        # row of a 2,000-record chart would cost more than the chart itself.
        head.setResizeContentsPrecision(40)
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(COL_DIGEST, QHeaderView.ResizeMode.Stretch)
        head.setMinimumSectionSize(90)
        split.addWidget(self.table)
        self.panel = RecordPanel(self.lang)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([890, 460])
        layout.addWidget(split, 1)
        self._set_texts()

    def _set_texts(self) -> None:
        for key, button in self.quick.items():
            label, keys = QUICK_LABELS[key]
            button.setText(f"{self.tr(label)}  ({keys})")
        self.print_button.setText(self.tr("Print…"))
        old = self.print_button.menu()
        self.print_button.setMenu(patient_menu(
            self.printing, lambda: self.patient_id,
            lambda: summary.uuid if (summary := self.selected()) else None, self))
        if old is not None:
            old.deleteLater()

    def set_language(self, lang: str) -> None:
        """Switch the chart's texts to ``lang`` (forms already open keep theirs)."""
        self.lang = self.model.lang = lang
        self.header.set_language(lang)
        self.panel.set_language(lang)
        self._set_texts()
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        take_keyboard(self, self.table)

    def _connect_callbacks(self) -> None:
        self.shortcuts: list[QShortcut] = []
        for key, form_id in data.QUICK_FORMS:
            self.quick[key].clicked.connect(
                lambda _c=False, k=key, f=form_id: self.new_record(k, f))
            # Explicit shortcuts rather than "&" mnemonics: they act at once, in any language.
            shortcut = QShortcut(QKeySequence(QUICK_LABELS[key][1]), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda k=key, f=form_id: self.new_record(k, f))
            self.shortcuts.append(shortcut)
        for sequence, slot in (("Alt+F", self.amend_selected), ("Alt+E", self.void_selected)):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(lambda _i: self.panel.amend.setFocus())
        self.panel.amend.clicked.connect(self.amend_selected)
        self.panel.void.clicked.connect(self.void_selected)
        self.ctx.changed.connect(self._on_changed)

    # -- loading ----------------------------------------------------------------------
    def reload(self) -> Operation:
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)
        pid, lang = self.patient_id, self.lang
        selected = self.selected()
        if self._wanted is None and selected is not None:
            self._wanted = selected.record_id
        self.loading = Operation(self, lambda: data.load_chart(vault, lib, pid, lang),
                                 label=self.tr("Loading the chart…"))
        return self.loading.success(self._loaded).run()

    def _loaded(self, chart: data.ChartData) -> None:
        self.patient = chart.patient
        self.authors = chart.authors
        self.zone = chart.zone
        self.header.show_patient(chart.patient)
        self.model.set_records(chart.records, chart.authors, chart.prepared, chart.digest)
        row = self.model.row_of(self._wanted) if self._wanted else -1
        self._wanted = None
        if row < 0 and self.model.rowCount() and not self.panel.summary:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.panel.clear()
        if self.dialog is not None and self.dialog.is_open() and chart.patient is not None:
            kwargs = self._dialog_kwargs()
            self.dialog.set_patient(kwargs["subtitle"], kwargs["warning"], kwargs["provisional"])
        self._reopen_draft()

    def _on_changed(self, topic: str, patient_id: str) -> None:
        if topic == Topic.SETTINGS:
            self.header.restyle()  # high contrast may have changed
            if self.ctx.lang != self.lang and self.ctx.vault is not None:
                self.set_language(self.ctx.lang)
            return
        if topic in (Topic.RECORDS, Topic.PATIENTS, Topic.HANDOVER) and \
                patient_id in ("", self.patient_id) and self.ctx.vault is not None:
            self.reload()

    def selected(self) -> RecordSummary | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(RecordRole) if rows else None

    def _on_selection(self, _new: QItemSelection, _old: QItemSelection) -> None:
        summary = self.selected()
        if summary is None:
            self.panel.clear()
            return
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)

        def fetch() -> tuple[Any, Any]:
            return data.history(vault, summary.uuid), data.form_of(vault, lib, summary)

        Operation(self, fetch).success(
            lambda got: self.panel.show_record(summary, got[1], got[0], self.authors)).run()

    # -- actions --------------------------------------------------------------------------
    def patient_line(self) -> str:
        return identity_line(self.patient, self.lang) if self.patient is not None else ""

    def _dialog_kwargs(self) -> dict[str, Any]:
        """Who the form is about, repeated above every form (and allergies, in red)."""
        p = self.patient
        warning = ""
        if p is not None and p.allergy_status is AllergyStatus.PRESENT:
            warning = allergy_text(p, self.lang)
        return {"lang": self.lang, "subtitle": self.patient_line(), "warning": warning,
                "provisional": bool(p and p.is_provisional)}

    def new_record(self, key: str, form_id: str,
                   prescription: Prescription | None = None) -> FormDialog | None:
        """Open the form of a quick action (pre-filled: now, the prescription)."""
        if key == "medication" and prescription is None and self.patient is not None \
                and self.patient.prescriptions:
            picker = PrescriptionPicker(self, self.patient.prescriptions, self.lang)
            picker.accepted.connect(lambda: self._open_new(form_id, picker.chosen()))
            picker.open()
            dispose(self.picker)
            self.picker = picker
            return None
        return self._open_new(form_id, prescription)

    def _open_new(self, form_id: str, prescription: Prescription | None) -> FormDialog:
        vault, lib, pid = self.ctx.require_vault(), library_of(self.ctx), self.patient_id
        try:
            spec = lib.get(form_id)
        except NotFound:  # a draft of a form version this machine no longer has
            spec = lib.get(form_id.split("|")[0])
        answers = data.prefill(spec, prescription=prescription)
        dialog = FormDialog(self, spec, lambda a: data.save_new(vault, lib, pid, spec, a),
                            answers=answers, **self._dialog_kwargs())
        dialog.meta = {"mode": "new", "form": f"{spec.url or spec.short_id}",
                       "version": spec.version}
        dialog.saved.connect(self._saved)
        title = spec.label(self.lang)
        dialog.saved.connect(lambda rev: self._say_saved(rev, title))
        dialog.open()
        dispose(self.dialog)
        self.dialog = dialog
        return dialog

    def _say_saved(self, revision: Any, title: str) -> None:
        """Say the record is stored: when, what, for whom."""
        at = getattr(revision, "created_at", None)
        # the ward's zone as the last chart load read it (never the vault on this thread)
        when = at.astimezone(self.zone) if at else None
        name = self.patient.identity.display_name() if self.patient is not None else ""
        self.saved_note.setText(self.tr("Saved %1 — %2, %3").replace(
            "%1", f"{when:%H:%M}" if when else "").replace("%2", title).replace("%3", name))
        self.saved_note.setVisible(True)

    def _saved(self, revision: Any) -> None:
        self._wanted = getattr(revision, "record_id", None)
        self.ctx.notify(Topic.RECORDS, self.patient_id)

    def amend_selected(self) -> Operation | None:
        """Open the selected record's form, pre-filled, to write a new revision."""
        summary = self.selected()
        if summary is None:
            return None
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)
        answers = dict(summary.answers)
        return Operation(self, lambda: data.form_of(vault, lib, summary)).success(
            lambda spec: self._open_amend(spec, summary.uuid, answers)).run()

    def _open_amend(self, spec: Any, record_uuid: str, answers: dict[str, Any],
                    draft: dict[str, Any] | None = None) -> FormDialog:
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)
        dialog = FormDialog(self, spec,
                            lambda a: data.save_amendment(vault, lib, record_uuid, a),
                            answers=answers, **self._dialog_kwargs())
        dialog.setWindowTitle(self.tr("Amend: ") + spec.label(self.lang))
        dialog.meta = {"mode": "amend", "form": spec.url or spec.short_id,
                       "version": spec.version, "record": record_uuid}
        dialog.saved.connect(self._saved)
        title = spec.label(self.lang)
        dialog.saved.connect(lambda rev: self._say_saved(rev, title))
        dialog.open()
        if draft:
            dialog.restore(draft)
        dispose(self.dialog)
        self.dialog = dialog
        return dialog

    # -- forms in progress across a lock (draft_state/restore_draft: FormDraftMixin) -------
    def _reopen_draft(self) -> None:
        state, self._pending_draft = self._pending_draft, None
        if not state:
            return
        meta = dict(state.get("meta") or {})
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)
        url, version = str(meta.get("form")), meta.get("version")
        if meta.get("mode") == "amend":
            record = str(meta.get("record"))
            Operation(self, lambda: spec_for(vault, lib, url, version)).success(
                lambda spec: self._open_amend(spec, record, {}, state)).run()
            return
        dialog = self._open_new(f"{url}|{version}" if version else url, None)
        dialog.restore(state)

    def void_selected(self) -> VoidDialog | None:
        """Ask why, then mark the selected record entered-in-error."""
        summary = self.selected()
        if summary is None:
            return None
        dialog = VoidDialog(self, summary.form_title, self.lang)
        vault = self.ctx.require_vault()

        def confirmed() -> None:
            reason = dialog.text()
            Operation(self, lambda: data.void(vault, summary.uuid, reason),
                      label=QCoreApplication.translate("ChartWidget", "Saving…")).success(
                self._saved).run()

        dialog.accepted.connect(confirmed)
        dialog.open()
        dispose(self.void_dialog)
        self.void_dialog = dialog
        return dialog
