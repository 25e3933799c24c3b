"""Answer fields for numbers, quantities, dates and times (see ``registry.py``).

Every field is a :class:`Field`: a QWidget with ``value()`` (a plain answer value,
see ``questionnaire/answers.py``; None means unanswered), ``set_value()``, a
``changed`` signal and the widgets that take keyboard focus, in order. The form
view never looks at the concrete widget: a type or an itemControl is added by
registering a factory in ``registry.py``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QWidget

from care_degraded.services.forms import Item, Problem
from care_degraded.ui.forms.inputs import (
    NumberEdit,
    OptionalDateEdit,
    OptionalDateTimeEdit,
    OptionalIntSpin,
    OptionalTimeEdit,
)
from care_degraded.ui.forms.problems import out_of_limits, problem_text

#: Choice items with at most this many options get radio buttons by default.
RADIO_MAX_OPTIONS = 5


class Field(QWidget):
    """The input for one item. Subclasses set ``self.inputs`` (focus order)."""

    changed = Signal()

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.lang = lang
        self.inputs: list[QWidget] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widgets(self) -> list[QWidget]:
        """The widgets Tab stops on, in order (empty for read-only fields)."""
        return [w for w in self.inputs if w.focusPolicy() & Qt.FocusPolicy.TabFocus]

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.inputs:
            widget.setEnabled(not read_only)

    def describe(self, problem: Problem) -> str:
        """The message shown next to this field for ``problem``."""
        return problem_text(problem)


def unit_text(item: Item) -> str | None:
    if item.unit is None:
        return None
    if item.unit.display is not None:
        return item.unit.display.get("fr")
    return item.unit.code


# -- numbers ---------------------------------------------------------------------------
class NumberField(Field):
    """integer / decimal: the number exactly as typed, its unit beside it; may be blank.

    A value outside the item's limits is kept on screen and refused by validation,
    with the limit in words (see :meth:`describe`)."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        self.edit = NumberEdit(lang, integer=item.type == "integer")
        self.edit.setMinimumWidth(140)
        self.edit.setMaximumWidth(180)
        self.edit.textChanged.connect(self.changed)
        self._layout.addWidget(self.edit)
        unit = unit_text(item)
        self.unit_label = QLabel(unit or "")
        self.unit_label.setVisible(bool(unit))
        self._layout.addWidget(self.unit_label)
        self._layout.addStretch(1)
        self.inputs = [self.edit]

    def value(self) -> Any:
        return self.edit.number()

    def set_value(self, value: Any) -> None:
        if isinstance(value, dict):
            value = value.get("value")
        self.edit.set_number(value)

    def describe(self, problem: Problem) -> str:
        if problem.code in ("min", "max"):
            return out_of_limits(self.item, self.edit.shown(), self.lang)
        return super().describe(problem)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None


class SliderField(Field):
    """itemControl slider: a slider for the mouse, a spin box beside it for the keyboard."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        lo = int(_number(item.min_value) or 0)
        top = _number(item.max_value)
        hi = int(top) if top is not None else 10
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(lo, hi)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setPageStep(1)
        self.slider.setMinimumWidth(260)
        self.slider.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.spin = OptionalIntSpin(lang, lo, hi, unit_text(item))
        self.spin.setMinimumWidth(90)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)
        self._layout.addWidget(self.slider)
        self._layout.addWidget(self.spin)
        self._layout.addStretch(1)
        self.inputs = [self.spin, self.slider]

    def _from_slider(self, value: int) -> None:
        if self.spin.number() != value:
            self.spin.set_number(value)

    def _from_spin(self) -> None:
        number = self.spin.number()
        if number is not None and self.slider.value() != number:
            self.slider.blockSignals(True)
            self.slider.setValue(number)
            self.slider.blockSignals(False)
        self.changed.emit()

    def value(self) -> Any:
        return self.spin.number()

    def set_value(self, value: Any) -> None:
        self.spin.set_number(None if value in (None, "") else float(value))


class QuantityField(Field):
    """A number and its unit (a drop-down when the form offers several units)."""

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        self.edit = NumberEdit(lang)
        self.edit.setMinimumWidth(140)
        self.edit.setMaximumWidth(180)
        self.edit.textChanged.connect(self.changed)
        self._layout.addWidget(self.edit)
        self.inputs = [self.edit]
        self.units: QComboBox | None = None
        codes = [u.code for u in item.unit_options if u.code]
        if len(codes) > 1:
            self.units = QComboBox()
            for code in codes:
                self.units.addItem(code, code)
            default = item.unit.code if item.unit is not None else None
            if default in codes:
                self.units.setCurrentIndex(codes.index(default))
            self.units.currentIndexChanged.connect(self.changed)
            self._layout.addWidget(self.units)
            self.inputs.append(self.units)
        elif codes or item.unit is not None:
            self._layout.addWidget(QLabel(codes[0] if codes else unit_text(item) or ""))
        self._layout.addStretch(1)

    def _unit(self) -> str | None:
        if self.units is not None:
            data = self.units.currentData()
            return None if data is None else str(data)
        if self.item.unit is not None:
            return self.item.unit.code
        return self.item.unit_options[0].code if self.item.unit_options else None

    def value(self) -> Any:
        number = self.edit.number()
        if number is None:
            return None
        unit = self._unit()
        return {"value": number, "unit": unit} if unit else number

    def describe(self, problem: Problem) -> str:
        if problem.code in ("min", "max"):
            return out_of_limits(self.item, self.edit.shown(), self.lang)
        return super().describe(problem)

    def set_value(self, value: Any) -> None:
        unit = None
        if isinstance(value, dict):
            value, unit = value.get("value"), value.get("unit")
        self.edit.set_number(value)
        if unit and self.units is not None:
            index = self.units.findData(unit)
            if index >= 0:
                self.units.setCurrentIndex(index)


# -- dates and times --------------------------------------------------------------------
class TemporalField(Field):
    """date / time / dateTime pickers (blank until answered; N fills in now)."""

    _EDITS: dict[str, type[OptionalDateEdit | OptionalTimeEdit | OptionalDateTimeEdit]] = {
        "date": OptionalDateEdit, "time": OptionalTimeEdit, "dateTime": OptionalDateTimeEdit}

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(item, lang, parent)
        self.edit: OptionalDateEdit | OptionalTimeEdit | OptionalDateTimeEdit = \
            self._EDITS[item.type](lang)
        self.edit.setMinimumWidth(200 if item.type == "dateTime" else 140)
        signal = {"date": "dateChanged", "time": "timeChanged"}.get(item.type, "dateTimeChanged")
        getattr(self.edit, signal).connect(self.changed)
        self._layout.addWidget(self.edit)
        self._layout.addStretch(1)
        self.inputs = [self.edit]

    def value(self) -> Any:
        return self.edit.iso()

    def set_value(self, value: Any) -> None:
        self.edit.set_iso(value)
