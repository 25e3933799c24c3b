"""ChecklistWidget: start a downtime checklist for a phase, tick items, see progress.

Left, the runs (open ones first); right, the selected run. Every tick is recorded
through the checklist service on the vault lane, with who and when.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from care_degraded.services import checklists
from care_degraded.services.checklists import RunState
from care_degraded.ui.chart.timeline import local_time
from care_degraded.ui.chart.widget import library_of
from care_degraded.ui.checklists.run_view import RunView
from care_degraded.ui.context import AppContext, Topic
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP
from care_degraded.ui.operations import Operation
from care_degraded.ui.printing import PrintActions
from care_degraded.ui.screens import take_keyboard
from care_degraded.ui.style import action_button, screen_title, tall_button

PHASE_BUTTONS = (
    ("start", QT_TRANSLATE_NOOP("ChecklistWidget", "Start of downtime")),
    ("shift", QT_TRANSLATE_NOOP("ChecklistWidget", "Each shift")),
    ("recovery", QT_TRANSLATE_NOOP("ChecklistWidget", "Return to normal")),
)


class ChecklistWidget(QWidget):
    """Public children: start (phase -> button), runs (list), view (RunView)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklists")
        self.ctx = ctx
        self.lang = ctx.lang
        self.states: list[RunState] = []
        self.authors: dict[str, str] = {}
        self._wanted: str | None = None
        self._build()
        self._connect_callbacks()
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = screen_title()
        top.addWidget(self.title)
        top.addStretch(1)
        self.start_label = QLabel()
        top.addWidget(self.start_label)
        self.start: dict[str, QPushButton] = {}
        for phase, _label in PHASE_BUTTONS:
            button = action_button()
            self.start[phase] = button
            top.addWidget(button)
        self.printing = PrintActions(self.ctx, self)  # blank checklists for the paper round
        self.print_button = tall_button("checklistPrint")
        top.addWidget(self.print_button)
        layout.addLayout(top)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.runs = QListWidget()
        self.runs.setObjectName("checklistRuns")
        self.runs.setWordWrap(True)  # long checklist titles wrap instead of scrolling
        self.runs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.runs.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.runs.setStyleSheet("QListWidget { font-size: 12pt; } "
                                "QListWidget::item { min-height: 44px; }")
        split.addWidget(self.runs)
        self.view = RunView(self.lang)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.view)
        split.addWidget(scroll)
        split.setSizes([330, 1000])
        layout.addWidget(split, 1)
        self._set_texts()

    def _set_texts(self) -> None:
        self.title.setText(self.tr("Downtime checklists"))
        self.start_label.setText(self.tr("Start:"))
        for phase, label in PHASE_BUTTONS:
            self.start[phase].setText(self.tr(label))
        self.print_button.setText(self.tr("Print…"))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._set_texts()
        self.view.set_language(lang)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        take_keyboard(self, self.runs)

    def _connect_callbacks(self) -> None:
        for phase, button in self.start.items():
            button.clicked.connect(lambda _c=False, p=phase: self.start_run(p))
        self.runs.currentRowChanged.connect(self._on_run_chosen)
        self.print_button.clicked.connect(lambda: self.printing.checklists())
        self.view.toggled.connect(self.tick)
        self.view.close_requested.connect(self.close_run)
        self.ctx.changed.connect(self._on_changed)

    # -- loading --------------------------------------------------------------------------
    def reload(self) -> Operation:
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)

        def fetch() -> tuple[list[RunState], dict[str, str]]:
            states = checklists.runs(vault, lib)
            return states, {u.login: u.display_name for u in vault.users.list()}

        return Operation(self, fetch).success(self._loaded).run()

    def _loaded(self, result: tuple[list[RunState], dict[str, str]]) -> None:
        states, self.authors = result
        # Open runs first, newest first within each.
        self.states = sorted(states, key=lambda s: (s.ended_at is not None,
                                                   -s.started_at.timestamp()))
        current = self.view.state.run_id if self.view.state else None
        wanted = self._wanted or current
        self._wanted = None
        self.runs.blockSignals(True)
        self.runs.clear()
        for state in self.states:
            done = sum(d for d, _t in state.progress().values())
            total = sum(t for _d, t in state.progress().values())
            when = local_time(state.started_at)
            closed = state.ended_at is not None
            mark = self.tr(" (closed)") if closed else ""
            item = QListWidgetItem(f"{state.title}{mark}\n{when} · {done}/{total}")
            item.setData(Qt.ItemDataRole.UserRole, state.run_id)
            if closed:
                item.setForeground(QBrush(QColor("#6d6d6d")))
            self.runs.addItem(item)
        self.runs.blockSignals(False)
        row = next((n for n, s in enumerate(self.states) if s.run_id == wanted), 0)
        if self.states:
            self.runs.setCurrentRow(row)
            self._show(self.states[row])
        else:
            self.view.show_state(None, self.authors)

    def _on_changed(self, topic: str, _patient_id: str) -> None:
        if topic == Topic.SETTINGS and self.ctx.lang != self.lang and self.ctx.vault is not None:
            self.set_language(self.ctx.lang)
            return
        if topic == Topic.CHECKLISTS and self.ctx.vault is not None:
            self.reload()

    def _on_run_chosen(self, row: int) -> None:
        if 0 <= row < len(self.states):
            self._show(self.states[row])

    def _show(self, state: RunState) -> None:
        self.view.show_state(state, self.authors)

    # -- actions ----------------------------------------------------------------------------
    def start_run(self, phase: str) -> Operation:
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)
        return Operation(self, lambda: checklists.start_run(vault, lib, phase),
                         label=self.tr("Starting…")).success(
            self._changed_run).run()

    def tick(self, link_id: str, checked: bool) -> Operation | None:
        state = self.view.state
        if state is None:
            return None
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)
        run_id = state.run_id
        return Operation(self, lambda: checklists.tick(vault, lib, run_id, link_id, checked)
                         ).success(self._changed_run).failure(self._tick_failed).run()

    def _tick_failed(self, exc: BaseException) -> None:
        from care_degraded.ui.operations import show_error

        show_error(self, exc)
        if self.view.state is not None:  # put the box back as the vault has it
            self._show(self.view.state)

    def close_run(self) -> Operation | None:
        state = self.view.state
        if state is None:
            return None
        vault, lib = self.ctx.require_vault(), library_of(self.ctx)
        run_id = state.run_id
        return Operation(self, lambda: checklists.end_run(vault, lib, run_id)).success(
            self._changed_run).run()

    def _changed_run(self, state: Any) -> None:
        if isinstance(state, RunState):
            self._wanted = state.run_id
            self.states = [state if s.run_id == state.run_id else s for s in self.states]
            self._show(state)
        self.ctx.notify(Topic.CHECKLISTS)
