"""HandoverWidget: the ward handover view, and SBAR / focus notes per patient.

Left, every present patient with their latest handover; right, the selected one in
full. Writing a handover opens the form (SBAR or transmissions ciblées) for the
selected patient, pre-filled with the time and the author.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from care_degraded.services.forms import spec_for
from care_degraded.ui.chart import data
from care_degraded.ui.chart.header import identity_line
from care_degraded.ui.chart.record_panel import answers_html
from care_degraded.ui.chart.timeline import local_time
from care_degraded.ui.chart.widget import library_of
from care_degraded.ui.context import AppContext, Topic
from care_degraded.ui.draft_keeper import FormDraftMixin
from care_degraded.ui.forms.dialog import FormDialog, dispose
from care_degraded.ui.handover.model import (
    COL_PATIENT,
    COL_SUMMARY,
    HANDOVER_FORMS,
    HandoverModel,
    HandoverRow,
    RowRole,
    load_ward_handover,
)
from care_degraded.ui.operations import Operation
from care_degraded.ui.printing import PrintActions
from care_degraded.ui.screens import take_keyboard
from care_degraded.ui.style import action_button, screen_title, tall_button
from care_degraded.ui.table_model import row_table


class HandoverWidget(FormDraftMixin, QWidget):
    """Public children: table, model, detail, sbar, dar."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handover")
        self.ctx = ctx
        self.lang = ctx.lang
        self.dialog: FormDialog | None = None
        self.authors: dict[str, str] = {}
        self._wanted: str | None = None
        self._pending_draft: dict[str, Any] | None = None
        self.loading: Operation | None = None
        self._build()
        self._connect_callbacks()
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = screen_title()
        top.addWidget(self.title)
        top.addStretch(1)
        self.sbar = action_button()
        self.dar = action_button()
        top.addWidget(self.sbar)
        top.addWidget(self.dar)
        self.printing = PrintActions(self.ctx, self)  # the ward sheet on paper or PDF
        self.print_button = tall_button("handoverPrint")
        top.addWidget(self.print_button)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = HandoverModel(self.lang, self)
        self.table = row_table(self.model, "handoverTable")
        head = self.table.horizontalHeader()
        head.setResizeContentsPrecision(60)
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Long names are cut (the full name is in the detail): the summary needs room.
        head.setSectionResizeMode(COL_PATIENT, QHeaderView.ResizeMode.Interactive)
        head.resizeSection(COL_PATIENT, 260)
        head.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        split.addWidget(self.table)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.detail_title = QLabel()
        self.detail_title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.detail_title.setWordWrap(True)
        column.addWidget(self.detail_title)
        self.detail = QTextBrowser()
        self.detail.setObjectName("handoverDetail")
        column.addWidget(self.detail, 1)
        split.addWidget(right)
        split.setSizes([900, 450])
        layout.addWidget(split, 1)
        self._set_texts()

    def _set_texts(self) -> None:
        self.title.setText(self.tr("Ward handover"))
        self.sbar.setText("SBAR  (Alt+S)")
        self.dar.setText(self.tr("Focus notes  (Alt+T)"))
        self.print_button.setText(self.tr("Print the sheet…"))

    def set_language(self, lang: str) -> None:
        self.lang = self.model.lang = lang
        self._set_texts()
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        take_keyboard(self, self.table)

    def _connect_callbacks(self) -> None:
        self.sbar.clicked.connect(lambda: self.write("sbar"))
        self.dar.clicked.connect(lambda: self.write("dar"))
        self.print_button.clicked.connect(lambda: self.printing.ward_handover())
        self.shortcuts = []
        for sequence, kind in (("Alt+S", "sbar"), ("Alt+T", "dar")):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda k=kind: self.write(k))
            self.shortcuts.append(shortcut)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.ctx.changed.connect(self._on_changed)

    # -- loading ----------------------------------------------------------------------
    def reload(self) -> Operation:
        vault = self.ctx.require_vault()
        current = self.selected()
        self._wanted = current.patient.id if current else None
        self.loading = Operation(self, lambda: load_ward_handover(vault),
                                 label=self.tr("Loading…"))
        return self.loading.success(self._loaded).run()

    def _loaded(self, result: tuple[list[HandoverRow], dict[str, str]]) -> None:
        rows, self.authors = result
        self.model.set_rows(rows, self.authors)
        row = self.model.row_of(self._wanted) if self._wanted else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()
        self._reopen_draft()

    def _on_changed(self, topic: str, _patient_id: str) -> None:
        if topic == Topic.SETTINGS and self.ctx.lang != self.lang and self.ctx.vault is not None:
            self.set_language(self.ctx.lang)
            return
        if topic in (Topic.HANDOVER, Topic.RECORDS, Topic.PATIENTS) and \
                self.ctx.vault is not None:
            self.reload()

    def selected(self) -> HandoverRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole) if rows else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.sbar.setEnabled(has)
        self.dar.setEnabled(has)

    def _on_selection(self, *_args: Any) -> None:
        self._update_buttons()
        row = self.selected()
        if row is None:
            self.detail_title.clear()
            self.detail.clear()
            return
        name = self.model.index(self.table.currentIndex().row(), COL_PATIENT).data()
        if row.latest is None:
            self.detail_title.setText(name)
            self.detail.setHtml(self.tr("<p>No handover written for this patient.</p>"))
            return
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)
        latest = row.latest

        def shown(spec: Any) -> None:
            when = row.effective_at
            who = self.authors.get(latest.author, latest.author)
            self.detail_title.setText(f"{name}\n{spec.label(self.lang)} · "
                                      f"{local_time(when) if when else ''} · {who}")
            self.detail.setHtml(answers_html(spec, latest.answers, self.lang))

        Operation(self, lambda: spec_for(vault, lib, latest.form_url,
                                         latest.form_version)).success(shown).run()

    # -- writing ------------------------------------------------------------------------
    def write(self, kind: str) -> FormDialog | None:
        """Open the SBAR ("sbar") or focus notes ("dar") form for the selected patient."""
        row = self.selected()
        if row is None:
            return None
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)
        spec = lib.get(HANDOVER_FORMS[kind][0])
        answers = data.prefill(spec)
        if kind == "sbar" and vault.user.display_name:
            answers["from"] = vault.user.display_name
        pid = row.patient.id
        subtitle = identity_line(row.patient, self.lang)
        dialog = FormDialog(self, spec, lambda a: data.save_new(vault, lib, pid, spec, a),
                            lang=self.lang, answers=answers, subtitle=subtitle,
                            provisional=row.patient.is_provisional)
        dialog.meta = {"mode": "new", "kind": kind, "patient": pid}
        dialog.saved.connect(lambda _rev: self._saved(pid))
        dialog.open()
        dispose(self.dialog)
        self.dialog = dialog
        return dialog

    # -- forms in progress across a lock (draft_state/restore_draft: FormDraftMixin) -------
    def _reopen_draft(self) -> None:
        state, self._pending_draft = self._pending_draft, None
        if not state:
            return
        meta = dict(state.get("meta") or {})
        row = self.model.row_of(str(meta.get("patient")))
        if row < 0 or meta.get("kind") not in HANDOVER_FORMS:
            return  # the patient left the ward meanwhile: nothing to reopen
        self.table.selectRow(row)
        dialog = self.write(str(meta["kind"]))
        if dialog is not None:
            dialog.restore(state)

    def _saved(self, patient_id: str) -> None:
        self._wanted = patient_id
        self.ctx.notify(Topic.HANDOVER, patient_id)
