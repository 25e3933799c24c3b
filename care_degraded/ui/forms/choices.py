"""Answer fields for choices, yes/no, texts, read-only values and display text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from care_degraded.domain.numbers import decimal_text
from care_degraded.services.forms import AnswerOption, Item, Text
from care_degraded.ui.forms.fields import Field, unit_text


class RadioField(Field):
    """A choice as radio buttons. Digits 1-9 pick an option; Delete clears it."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        labels = [opt.label(lang) for opt in item.options]
        # Short options sit on one line; long ones stack so they stay readable.
        if sum(len(t) for t in labels) > 60:
            self._layout.setDirection(QBoxLayout.Direction.TopToBottom)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        for index, label in enumerate(labels):
            button = QRadioButton(f"{index + 1}. {label}" if len(labels) > 1 else label)
            button.installEventFilter(self)
            self.group.addButton(button, index)
            self.buttons.append(button)
            self._layout.addWidget(button)
        self._layout.addStretch(1)
        self.group.idToggled.connect(self._toggled)
        # One Tab stop for the group: the other buttons are reached by arrows and digits.
        for button in self.buttons[1:]:
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.inputs = list(self.buttons)

    def _toggled(self, _index: int, on: bool) -> None:
        if on:
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not isinstance(event, QKeyEvent) or event.type() != event.Type.KeyPress \
                or watched not in self.buttons:
            return super().eventFilter(watched, event)
        key = event.key()
        current = self.buttons.index(watched)
        target = None
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            target = key - Qt.Key.Key_1
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            target = (current + 1) % len(self.buttons)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            target = (current - 1) % len(self.buttons)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
            self.changed.emit()
            return True
        if target is not None and target < len(self.buttons):
            self.buttons[target].setChecked(True)
            self.buttons[target].setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def value(self) -> Any:
        index = self.group.checkedId()
        return None if index < 0 else self.item.options[index].value

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for button, opt in zip(self.buttons, self.item.options, strict=True):
            button.setChecked(value is not None and opt.value == value)
        self.group.setExclusive(True)


class MultiChoiceField(Field):
    """A repeating choice: one check box per option; the answer is the list ticked."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        labels = [opt.label(lang) for opt in item.options]
        if sum(len(t) for t in labels) > 60 or len(labels) > 5:
            self._layout.setDirection(QBoxLayout.Direction.TopToBottom)
        self.boxes: list[QCheckBox] = []
        for label in labels:
            box = QCheckBox(label)
            box.toggled.connect(self.changed)
            self.boxes.append(box)
            self._layout.addWidget(box)
        self._layout.addStretch(1)
        self.inputs = list(self.boxes)

    def value(self) -> Any:
        ticked = [opt.value for opt, box in zip(self.item.options, self.boxes, strict=True)
                  if box.isChecked()]
        return ticked or None

    def set_value(self, value: Any) -> None:
        chosen = value if isinstance(value, list) else ([] if value is None else [value])
        for opt, box in zip(self.item.options, self.boxes, strict=True):
            box.setChecked(opt.value in chosen)


class ComboField(Field):
    """A choice as a drop-down (first entry: not answered); open-choice is editable."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        self.combo = QComboBox()
        self.open = item.type == "open-choice"
        self.combo.setEditable(self.open)
        self.combo.addItem("" if self.open else QCoreApplication.translate("fields", "— not answered —"), None)
        for opt in item.options:
            self.combo.addItem(opt.label(lang), opt.value)
        self.combo.setMinimumWidth(260)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.currentIndexChanged.connect(self.changed)
        if self.open:
            self.combo.editTextChanged.connect(self.changed)
        self._layout.addWidget(self.combo)
        self._layout.addStretch(1)
        self.inputs = [self.combo]

    def value(self) -> Any:
        if self.open:
            text = self.combo.currentText().strip()
            if not text:
                return None
            for opt in self.item.options:  # a typed label that is an option is its code
                if opt.label(self.lang) == text:
                    return opt.value
            return text
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        if index >= 0:
            self.combo.setCurrentIndex(index)
        elif self.open:
            self.combo.setEditText(str(value))


class BooleanField(Field):
    """A check box: ticked is "yes", unticked is no answer (never a "no" nobody gave).

    A required yes/no question is a :class:`YesNoField` instead (see registry)."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        self.box = QCheckBox(QCoreApplication.translate("fields", "Yes"))
        self.box.toggled.connect(self.changed)
        self._layout.addWidget(self.box)
        self._layout.addStretch(1)
        self.inputs = [self.box]

    def value(self) -> Any:
        return True if self.box.isChecked() else None

    def set_value(self, value: Any) -> None:
        self.box.setChecked(value is True)


class YesNoField(RadioField):
    """Oui / Non as two radio buttons (1, 2): unanswered until one is picked."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        yes = QCoreApplication.translate("fields", "Yes")
        no = QCoreApplication.translate("fields", "No")
        options = (AnswerOption(True, "Boolean", display=Text(yes)),
                   AnswerOption(False, "Boolean", display=Text(no)))
        super().__init__(replace(item, options=options), lang, parent)
        self.item = item
        self._options = options

    def value(self) -> Any:
        index = self.group.checkedId()
        return None if index < 0 else self._options[index].value

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for button, opt in zip(self.buttons, self._options, strict=True):
            button.setChecked(isinstance(value, bool) and opt.value is value)
        self.group.setExclusive(True)


class LineField(Field):
    """string -> one-line text (maxLength enforced as you type)."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        self.edit = QLineEdit()
        if item.max_length:
            self.edit.setMaxLength(item.max_length)
        self.edit.setMinimumWidth(360)
        self.edit.textChanged.connect(self.changed)
        self._layout.addWidget(self.edit, 1)
        self.inputs = [self.edit]

    def value(self) -> Any:
        return self.edit.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class TextField(Field):
    """text -> several lines; Tab leaves the box (it never types a tab)."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(80)
        self.edit.setMaximumHeight(120)
        self.edit.textChanged.connect(self.changed)
        self._layout.addWidget(self.edit, 1)
        self.inputs = [self.edit]

    def value(self) -> Any:
        return self.edit.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class ReadOnlyField(Field):
    """Calculated or read-only items: shown, never typed, skipped by Tab."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        self._value: Any = None
        self.label = QLabel("—")
        self.label.setObjectName("readOnlyValue")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.label.setMinimumWidth(80)
        self._layout.addWidget(self.label)
        self._layout.addStretch(1)
        self.inputs = []

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        if value == self._value:
            return
        self._value = value
        self.label.setText(display_value(self.item, value, self.lang))
        self.changed.emit()


class UnsupportedField(ReadOnlyField):
    """attachment / reference / url: loaded with a warning, not editable here."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        self.label.setText(QCoreApplication.translate("fields", "(question type not supported)"))


def labelled(label: str, value: str) -> str:
    """"Label: value" with the language's spacing ("Label : valeur" in French)."""
    return QCoreApplication.translate("fields", "%1: %2").replace("%1", label).replace(
        "%2", value)


def display_value(item: Item, value: Any, lang: str = "fr") -> str:
    """An answer as a nurse reads it (option labels, units, yes/no)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(display_value(item, v, lang) for v in value)
    opt = item.option_for(value)
    if opt is not None:
        return opt.label(lang)
    if isinstance(value, bool):
        return (QCoreApplication.translate("fields", "yes") if value
                else QCoreApplication.translate("fields", "no"))
    if isinstance(value, dict):
        return " ".join(decimal_text(p, lang) for p in (value.get("value"), value.get("unit"))
                        if p is not None)
    if isinstance(value, str) and item.type in ("date", "dateTime", "time"):
        return _temporal_text(item.type, value, lang)
    text = decimal_text(value, lang) if isinstance(value, int | float) else str(value)
    if item.unit is not None and isinstance(value, int | float):
        text += f" {unit_text(item) or ''}".rstrip()
    return text


def _temporal_text(kind: str, value: str, lang: str) -> str:
    """ISO dates and times as the ward writes them (local time, day first in French)."""
    day_first = lang.startswith("fr")
    try:
        if kind == "time":
            return value[:5]
        if kind == "date" or "T" not in value:
            parsed = dt.date.fromisoformat(value[:10])
            return parsed.strftime("%d/%m/%Y" if day_first else "%Y-%m-%d")
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return moment.strftime("%d/%m/%Y %H:%M" if day_first else "%Y-%m-%d %H:%M")
    except ValueError:
        return value
