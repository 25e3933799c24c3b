"""Repeating questions and repeating groups, with add/remove buttons.

A repeating question's answer is a list; a repeating group's is a list of dicts,
one per occurrence (see ``questionnaire/answers.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from care_degraded.services.forms import Item
from care_degraded.ui.forms.fields import Field
from care_degraded.ui.forms.nodes import (
    LABEL_WIDTH,
    FormState,
    Node,
    QuestionRow,
    add_button,
    build_nodes,
    item_label,
)
from care_degraded.ui.forms.registry import field_for


class RepeatingQuestionNode(Node):
    """label | one field per answer, each with a remove button | add button."""

    def __init__(self, item: Item, lang: str, on_change: Callable[[], None]) -> None:
        self.item = item
        self.lang = lang
        self.on_change = on_change
        self.widget = QWidget()
        self.widget.setObjectName(f"row-{item.link_id}")
        outer = QHBoxLayout(self.widget)
        outer.setContentsMargins(0, 2, 0, 2)
        label = QLabel(item_label(item, lang))
        label.setWordWrap(True)
        label.setFixedWidth(LABEL_WIDTH)
        outer.addWidget(label)
        column = QVBoxLayout()
        self.list = QVBoxLayout()
        column.addLayout(self.list)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        column.addWidget(self.error)
        self.add = add_button(QCoreApplication.translate("RepeatingQuestionNode", "+ Add an answer"))
        self.add.clicked.connect(lambda: self._add_and_focus())
        column.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addLayout(column, 1)
        self.entries: list[tuple[QWidget, Field, QWidget]] = []
        self._add()

    def _add(self) -> Field:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        fld = field_for(self.item, self.lang)
        fld.changed.connect(self.on_change)
        row.addWidget(fld, 1)
        remove = add_button(QCoreApplication.translate("RepeatingQuestionNode", "Remove"))
        remove.clicked.connect(lambda: self._remove(holder))
        row.addWidget(remove)
        self.list.addWidget(holder)
        self.entries.append((holder, fld, remove))
        return fld

    def _add_and_focus(self) -> None:
        fld = self._add()
        self.on_change()
        if fld.focus_widgets():
            fld.focus_widgets()[0].setFocus()

    def _remove(self, holder: QWidget) -> None:
        self.entries = [e for e in self.entries if e[0] is not holder]
        holder.setParent(None)
        holder.deleteLater()
        if not self.entries:
            self._add()
        self.on_change()

    def collect(self, frame: dict[str, Any]) -> None:
        values = [e[1].value() for e in self.entries]
        values = [v for v in values if v is not None]
        if values:
            frame[self.item.link_id] = values

    def load(self, frame: Mapping[str, Any]) -> None:
        raw = frame.get(self.item.link_id)
        values = raw if isinstance(raw, list) else ([] if raw is None else [raw])
        while len(self.entries) > max(1, len(values)):
            self._remove(self.entries[-1][0])
        while len(self.entries) < len(values):
            self._add()
        for (_h, fld, _r), value in zip(self.entries, values or [None], strict=False):
            fld.set_value(value)

    def apply(self, state: FormState, frame: Mapping[str, Any]) -> None:
        super().apply(state, frame)
        answered = any(e[1].value() is not None for e in self.entries)
        text = state.message(self.item.link_id, answered)
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def tab_widgets(self) -> list[QWidget]:
        out: list[QWidget] = []
        for _holder, fld, remove in self.entries:
            out += [*fld.inputs, remove]
        return [*out, self.add]


class _Occurrence:
    def __init__(self, frame: QFrame, nodes: list[Node]) -> None:
        self.frame = frame
        self.nodes = nodes


class RepeatingGroupNode(Node):
    """A titled box holding occurrences of the group, each removable; an add button."""

    def __init__(self, item: Item, lang: str, on_change: Callable[[], None]) -> None:
        self.item = item
        self.lang = lang
        self.on_change = on_change
        self.widget = QGroupBox(item_label(item, lang))
        self.widget.setObjectName(f"group-{item.link_id}")
        layout = QVBoxLayout(self.widget)
        self.list = QVBoxLayout()
        layout.addLayout(self.list)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.add = add_button(QCoreApplication.translate("RepeatingGroupNode", "+ Add: %1").replace(
            "%1", item.label(lang)))
        self.add.clicked.connect(self._add_and_focus)
        layout.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        self.occurrences: list[_Occurrence] = []
        self.removers: dict[int, QWidget] = {}
        self._add()

    def _add(self) -> _Occurrence:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        nodes = build_nodes(self.item.items, self.lang, self.on_change)
        for node in nodes:
            inner.addWidget(node.widget)
        remove = add_button(QCoreApplication.translate("RepeatingGroupNode", "Remove this entry"))
        occurrence = _Occurrence(frame, nodes)
        remove.clicked.connect(lambda: self._remove(occurrence))
        inner.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)
        self.removers[id(occurrence)] = remove
        self.list.addWidget(frame)
        self.occurrences.append(occurrence)
        return occurrence

    def _add_and_focus(self) -> None:
        occurrence = self._add()
        self.on_change()
        for node in occurrence.nodes:
            widgets = [w for w in node.tab_widgets() if w.isEnabled()]
            if widgets:
                widgets[0].setFocus()
                return

    def _remove(self, occurrence: _Occurrence) -> None:
        self.occurrences = [o for o in self.occurrences if o is not occurrence]
        self.removers.pop(id(occurrence), None)
        occurrence.frame.setParent(None)
        occurrence.frame.deleteLater()
        if not self.occurrences:
            self._add()
        self.on_change()

    def collect(self, frame: dict[str, Any]) -> None:
        values = []
        for occurrence in self.occurrences:
            sub: dict[str, Any] = {}
            for node in occurrence.nodes:
                node.collect(sub)
            if sub:
                values.append(sub)
        if values:
            frame[self.item.link_id] = values

    def load(self, frame: Mapping[str, Any]) -> None:
        raw = frame.get(self.item.link_id)
        values = [v for v in raw if isinstance(v, Mapping)] if isinstance(raw, list) else []
        while len(self.occurrences) > max(1, len(values)):
            self._remove(self.occurrences[-1])
        while len(self.occurrences) < len(values):
            self._add()
        for occurrence, sub in zip(self.occurrences, values or [{}], strict=False):
            for node in occurrence.nodes:
                node.load(sub)

    def apply(self, state: FormState, frame: Mapping[str, Any]) -> None:
        super().apply(state, frame)
        raw = frame.get(self.item.link_id)
        cleaned = [v for v in raw if isinstance(v, Mapping)] if isinstance(raw, list) else []
        index = 0
        for occurrence in self.occurrences:
            sub: dict[str, Any] = {}
            for node in occurrence.nodes:
                node.collect(sub)
            # Empty occurrences are dropped by validation: keep the others aligned.
            scope = cleaned[index] if sub and index < len(cleaned) else {}
            if sub:
                index += 1
            for node in occurrence.nodes:
                node.apply(state, scope)
        text = state.message(self.item.link_id, False)
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def tab_widgets(self) -> list[QWidget]:
        out: list[QWidget] = []
        for occurrence in self.occurrences:
            for node in occurrence.nodes:
                out += node.tab_widgets()
            out.append(self.removers[id(occurrence)])
        return [*out, self.add]

    def rows(self) -> Iterator[QuestionRow]:
        for occurrence in self.occurrences:
            for node in occurrence.nodes:
                yield from node.rows()
