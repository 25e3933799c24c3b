"""One checklist run on screen: items grouped by role, who ticked what and when.

A view only: it lays out a ``RunState`` and emits ``toggled(link_id, checked)``;
the controller (``widget.py``) records the tick through the services.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from care_degraded.services.checklists import ChecklistItem, RunState
from care_degraded.ui.chart.timeline import local_time
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP

ROLE_NAMES = {
    "manager": QT_TRANSLATE_NOOP("RunView", "Ward manager"),
    "nurse": QT_TRANSLATE_NOOP("RunView", "Nurse"),
    "it": QT_TRANSLATE_NOOP("RunView", "IT"),
    "all": QT_TRANSLATE_NOOP("RunView", "Everyone"),
}
ROLE_ORDER = ("manager", "nurse", "it", "all")


def role_name(role: str) -> str:
    """The role's name in the interface language (an unknown role as written)."""
    name = ROLE_NAMES.get(role)
    return QCoreApplication.translate("RunView", name) if name else role


class _ClickLabel(QLabel):
    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self._box = box
        self.setWordWrap(True)
        self.setStyleSheet("font-size: 12pt; font-weight: normal;")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._box.isEnabled():
            self._box.toggle()
            self._box.setFocus()
        event.accept()


class RunView(QWidget):
    """Public: ``boxes`` (link_id -> QCheckBox), ``stamps`` (link_id -> QLabel),
    ``progress`` (role -> QProgressBar), ``close_button``."""

    toggled = Signal(str, bool)
    close_requested = Signal()

    def __init__(self, lang: str = "fr", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.state: RunState | None = None
        self.boxes: dict[str, QCheckBox] = {}
        self.stamps: dict[str, QLabel] = {}
        self.progress: dict[str, QProgressBar] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("runTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self._layout.addWidget(self.title)
        self.meta = QLabel()
        self._layout.addWidget(self.meta)
        self.body = QVBoxLayout()
        self._layout.addLayout(self.body)
        self.close_button = QPushButton(self.tr("Close the checklist"))
        self.close_button.setMinimumHeight(40)
        self.close_button.clicked.connect(self.close_requested)
        self._layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._layout.addStretch(1)
        self.show_state(None, {})

    def set_language(self, lang: str) -> None:
        """Texts in ``lang``; the role boxes are rebuilt at the next ``show_state``."""
        self.lang = lang
        self.close_button.setText(self.tr("Close the checklist"))
        self._clear()

    def show_state(self, state: RunState | None, authors: dict[str, str]) -> None:
        """Lay out ``state``; keeps the keyboard focus on the same item if it had it."""
        focused = next((k for k, b in self.boxes.items() if b.hasFocus()), None)
        same_run = state is not None and self.state is not None and \
            state.run_id == self.state.run_id
        self.state = state
        if state is None:
            self._clear()
            self.title.setText(self.tr("No checklist running. Start one above."))
            self.meta.clear()
            self.close_button.setVisible(False)
            return
        if not same_run or set(self.boxes) != {i.link_id for i in state.items}:
            self._rebuild(state)
        self.title.setText(state.title)
        started = local_time(state.started_at)
        who = authors.get(state.started_by, state.started_by)
        text = self.tr("Started %1 by %2").replace("%1", started).replace("%2", who)
        if state.ended_at is not None:
            text += self.tr(" · closed %1").replace("%1", local_time(state.ended_at))
        self.meta.setText(text)
        closed = state.ended_at is not None
        for item in state.items:
            box = self.boxes[item.link_id]
            box.blockSignals(True)
            box.setChecked(item.checked)
            box.blockSignals(False)
            box.setEnabled(not closed)
            self.stamps[item.link_id].setText(self._stamp(item, authors))
        for role, (done, total) in state.progress().items():
            bar = self.progress[role]
            bar.setMaximum(max(total, 1))
            bar.setValue(done)
            bar.setFormat(f"{done} / {total}")
        self.close_button.setVisible(not closed)
        if focused in self.boxes:
            self.boxes[focused].setFocus()

    def _stamp(self, item: ChecklistItem, authors: dict[str, str]) -> str:
        if item.by is None or item.at is None:
            return ""
        who = authors.get(item.by, item.by)
        if item.checked:
            return f"✓ {who}, {local_time(item.at)}"
        return self.tr("unticked by %1, %2").replace("%1", who).replace("%2", local_time(item.at))

    def _clear(self) -> None:
        for group in self.groups.values():
            group.setParent(None)
            group.deleteLater()
        self.groups.clear()
        self.boxes.clear()
        self.stamps.clear()
        self.progress.clear()

    def _rebuild(self, state: RunState) -> None:
        self._clear()
        by_role: dict[str, list[ChecklistItem]] = {}
        for item in state.items:
            by_role.setdefault(item.role or "all", []).append(item)
        roles = [r for r in ROLE_ORDER if r in by_role] + [r for r in by_role
                                                            if r not in ROLE_ORDER]
        for role in roles:
            group = QGroupBox(role_name(role))
            group.setObjectName(f"role-{role}")
            group.setStyleSheet("QGroupBox { font-size: 13pt; font-weight: bold; }")
            grid = QGridLayout(group)
            bar = QProgressBar()
            bar.setTextVisible(True)
            bar.setMaximumWidth(320)
            self.progress[role] = bar
            grid.addWidget(bar, 0, 0, 1, 3)
            for row, item in enumerate(by_role[role], 1):
                box = QCheckBox()
                box.setAccessibleName(item.label)
                box.setStyleSheet("QCheckBox { min-height: 34px; } QCheckBox::indicator "
                                  "{ width: 22px; height: 22px; }")
                box.toggled.connect(lambda on, k=item.link_id: self.toggled.emit(k, on))
                # Long sentences wrap in a label; clicking the label ticks the box.
                text = _ClickLabel(item.label, box)
                stamp = QLabel()
                stamp.setStyleSheet("color: #1b5e20; font-weight: normal; font-size: 11pt;")
                stamp.setMinimumWidth(240)
                self.boxes[item.link_id] = box
                self.stamps[item.link_id] = stamp
                grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(text, row, 1)
                grid.addWidget(stamp, row, 2, Qt.AlignmentFlag.AlignRight)
            grid.setColumnStretch(1, 1)
            self.groups[role] = group
            self.body.addWidget(group)
            group.show()  # now, not at the next event loop turn (a grab may follow)
