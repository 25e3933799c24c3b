"""The form's tree of rows: one node per questionnaire item.

A node owns the widgets of one item (label, field, validation message, or the
occurrences of a repeating item), reads and writes its part of the plain answers
(``questionnaire/answers.py`` shapes) and applies the engine's verdicts: enabled or
hidden, calculated value, problems. Deciding those verdicts is the engine's job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from care_degraded.domain.numbers import decimal_text
from care_degraded.services.forms import Item, Problem
from care_degraded.ui.forms.fields import Field
from care_degraded.ui.forms.problems import problem_text
from care_degraded.ui.forms.registry import field_for

LABEL_WIDTH = 300


@dataclass
class FormState:
    """What the engine said about the current answers, for the nodes to show."""

    lang: str
    enabled: frozenset[str]
    problems: dict[str, list[Problem]]
    show_required: bool = False
    touched: set[str] = field(default_factory=set)

    def shown(self, link_id: str, answered: bool) -> list[Problem]:
        return [p for p in self.problems.get(link_id, [])
                if (p.code == "required" and self.show_required)
                or (p.code != "required" and (answered or self.show_required))]

    def message(self, link_id: str, answered: bool) -> str:
        return "\n".join(problem_text(p) for p in self.shown(link_id, answered))


def item_label(item: Item, lang: str) -> str:
    text = item.label(lang)
    if item.prefix:
        text = f"{item.prefix} {text}"
    return f"{text} *" if item.required and not item.is_calculated else text


class Node:
    """Base: one item's widgets inside a parent layout."""

    item: Item
    widget: QWidget

    def collect(self, frame: dict[str, Any]) -> None:
        """Write this item's answers into ``frame``."""

    def load(self, frame: Mapping[str, Any]) -> None:
        """Show the answers found in ``frame``."""

    def apply(self, state: FormState, frame: Mapping[str, Any]) -> None:
        self.widget.setVisible(self.item.link_id in state.enabled)

    def tab_widgets(self) -> list[QWidget]:
        return []

    def rows(self) -> Iterator[QuestionRow]:
        return iter(())


class QuestionRow(Node):
    """label | field (+ range hint) / validation message."""

    def __init__(self, item: Item, lang: str, on_change: Callable[[], None]) -> None:
        self.item = item
        self.widget = QWidget()
        self.widget.setObjectName(f"row-{item.link_id}")
        grid = QGridLayout(self.widget)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.label = QLabel(item_label(item, lang))
        self.label.setWordWrap(True)
        self.label.setFixedWidth(LABEL_WIDTH)
        # Level with the first line of the field, even when the field is tall (radios).
        self.label.setMinimumHeight(36)
        self.label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.label, 0, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.field: Field = field_for(item, lang)
        self.field.changed.connect(on_change)
        if item.is_calculated:
            self.label.setObjectName("calculatedLabel")
        focus = self.field.focus_widgets()
        if focus:
            self.label.setBuddy(focus[0])
        holder = QHBoxLayout()
        holder.addWidget(self.field, 1 if item.type in ("string", "text") else 0)
        hint = _range_hint(item, lang)
        if hint:
            self.hint = QLabel(hint)
            self.hint.setObjectName("rangeHint")
            self.hint.setContentsMargins(6, 0, 0, 0)
            holder.addWidget(self.hint)
        if item.type not in ("string", "text"):
            holder.addStretch(1)
        grid.addLayout(holder, 0, 1)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        grid.addWidget(self.error, 1, 1)
        grid.setColumnStretch(1, 1)
        self.children = build_nodes(item.items, lang, on_change) if item.items else []
        if self.children:
            inner = QVBoxLayout()
            for child in self.children:
                inner.addWidget(child.widget)
            grid.addLayout(inner, 2, 0, 1, 2)

    def collect(self, frame: dict[str, Any]) -> None:
        if self.item.is_calculated:
            return  # recomputed by the engine, never trusted from the screen
        value = self.field.value()
        if value is not None:
            frame[self.item.link_id] = value
        for child in self.children:
            child.collect(frame)

    def load(self, frame: Mapping[str, Any]) -> None:
        self.field.set_value(frame.get(self.item.link_id))
        for child in self.children:
            child.load(frame)

    def apply(self, state: FormState, frame: Mapping[str, Any]) -> None:
        super().apply(state, frame)
        if self.item.is_calculated or self.item.read_only:
            self.field.set_value(frame.get(self.item.link_id))
        answered = self.field.value() is not None and self.item.link_id in state.touched
        text = "\n".join(self.field.describe(p)
                          for p in state.shown(self.item.link_id, answered))
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.field.setProperty("invalid", bool(text))
        for child in self.children:
            child.apply(state, frame)

    def tab_widgets(self) -> list[QWidget]:
        return list(self.field.inputs) + [w for c in self.children for w in c.tab_widgets()]

    def rows(self) -> Iterator[QuestionRow]:
        yield self
        for child in self.children:
            yield from child.rows()


def _range_hint(item: Item, lang: str) -> str:
    lo, hi = item.min_value, item.max_value
    if item.type not in ("integer", "decimal", "quantity") or (lo is None and hi is None):
        return ""
    def fmt(v: Any) -> str:
        return decimal_text(v, lang)
    if lo is not None and hi is not None:
        return f"{fmt(lo)} – {fmt(hi)}"
    return f"≥ {fmt(lo)}" if lo is not None else f"≤ {fmt(hi)}"


class DisplayNode(Node):
    def __init__(self, item: Item, lang: str) -> None:
        self.item = item
        self.widget = QLabel(item.label(lang))
        self.widget.setObjectName("displayText")
        self.widget.setWordWrap(True)


class HiddenNode(Node):
    """A hidden item: never shown, keeps its initial (or loaded) answer."""

    def __init__(self, item: Item) -> None:
        self.item = item
        self.widget = QWidget()
        self.widget.setVisible(False)
        self.value: Any = item.initial[0] if item.initial else None

    def collect(self, frame: dict[str, Any]) -> None:
        if self.value is not None:
            frame[self.item.link_id] = self.value

    def load(self, frame: Mapping[str, Any]) -> None:
        self.value = frame.get(self.item.link_id, self.value)

    def apply(self, state: FormState, frame: Mapping[str, Any]) -> None:
        self.widget.setVisible(False)


class GroupNode(Node):
    """A non-repeating group: a titled box; its answers sit beside it (no level)."""

    def __init__(self, item: Item, lang: str, on_change: Callable[[], None]) -> None:
        self.item = item
        self.widget = QGroupBox(item_label(item, lang))
        self.widget.setObjectName(f"group-{item.link_id}")
        layout = QVBoxLayout(self.widget)
        self.children = build_nodes(item.items, lang, on_change)
        for child in self.children:
            layout.addWidget(child.widget)

    def collect(self, frame: dict[str, Any]) -> None:
        for child in self.children:
            child.collect(frame)

    def load(self, frame: Mapping[str, Any]) -> None:
        for child in self.children:
            child.load(frame)

    def apply(self, state: FormState, frame: Mapping[str, Any]) -> None:
        super().apply(state, frame)
        for child in self.children:
            child.apply(state, frame)

    def tab_widgets(self) -> list[QWidget]:
        return [w for c in self.children for w in c.tab_widgets()]

    def rows(self) -> Iterator[QuestionRow]:
        for child in self.children:
            yield from child.rows()


def build_nodes(items: tuple[Item, ...], lang: str, on_change: Callable[[], None]) -> list[Node]:
    """One node per item, in form order."""
    from care_degraded.ui.forms.repeats import RepeatingGroupNode, RepeatingQuestionNode

    nodes: list[Node] = []
    for item in items:
        node: Node
        if item.hidden:
            node = HiddenNode(item)
        elif item.type == "display":
            node = DisplayNode(item, lang)
        elif item.is_group and item.repeats:
            node = RepeatingGroupNode(item, lang, on_change)
        elif item.is_group:
            node = GroupNode(item, lang, on_change)
        elif item.repeats and not item.is_calculated and not (
                item.type == "choice" and item.options):
            node = RepeatingQuestionNode(item, lang, on_change)
        else:
            node = QuestionRow(item, lang, on_change)
        nodes.append(node)
    return nodes


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def add_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumHeight(36)
    return button


__all__ = ["DisplayNode", "FormState", "GroupNode", "HiddenNode", "Node", "QuestionRow",
           "add_button", "build_nodes", "item_label", "separator"]
