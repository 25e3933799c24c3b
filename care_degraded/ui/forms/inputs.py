"""Input widgets that can stay unanswered: numbers and dates with an "empty" state.

Numbers in forms are :class:`NumberEdit`: the text stays exactly as typed (no range
clamps a keystroke, nothing is "corrected" on leaving the field); the form refuses a
value outside the limits next to the field, in words. The spin boxes below remain for
small bounded settings (the pain slider's companion, settings dialogs).

A Qt spin box or date edit always holds a value; a nurse's form must be able to say
"not measured". These subclasses keep one sentinel value just below the real minimum,
shown as blank text (``specialValueText``), and accept a cleared field as that
sentinel instead of snapping back to the previous value.

Numbers accept both "37,2" and "37.2": French keyboards' numeric pads type a dot.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QRegularExpression,
    Qt,
    QTime,
)
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

if TYPE_CHECKING:
    # What the mixins are mixed into, as the type checker should see ``self``.
    _NumberBase = QDoubleSpinBox
    _TemporalBase = QDateTimeEdit
else:
    _NumberBase = _TemporalBase = object

_BLANK = " "  # a non-empty specialValueText (Qt ignores an empty one)
_NUMBER_LIMIT = 1_000_000


def _locale(lang: str) -> QLocale:
    return QLocale(QLocale.Language.French if lang.startswith("fr") else QLocale.Language.English)


_NUMBER = re.compile(r"^-?(\d+([.,]\d*)?|[.,]\d+)$")


class NumberEdit(QLineEdit):
    """A number kept as typed: "385" stays 385, "45,5" stays 45,5 (`,` or `.`).

    ``number()`` is what is on screen read as a number (None when blank); text that is
    not a number yet ("-", ",") is returned as the text itself so that validation
    refuses it rather than anything guessing. Keystrokes other than digits, one
    separator and a leading minus are ignored; no value is ever clamped.
    """

    def __init__(self, lang: str = "fr", integer: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.integer = integer
        self.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"^-?\d{0,12}([.,]\d{0,12})?$"), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)

    def shown(self) -> str:
        return self.text().strip()

    def number(self) -> int | float | str | None:
        text = self.shown()
        if not text:
            return None
        if not _NUMBER.match(text):
            return text
        value = float(text.replace(",", "."))
        if self.integer and value.is_integer() and not re.search(r"[.,]", text):
            return int(value)
        return value

    def is_empty(self) -> bool:
        return not self.shown()

    def set_number(self, value: float | str | None) -> None:
        if value is None or value == "":
            self.clear()
            return
        if isinstance(value, str):
            self.setText(value)
            return
        number = float(value)
        text = str(int(number)) if number.is_integer() else repr(number)
        self.setText(text.replace(".", ",") if self.lang.startswith("fr") else text)

    def clear_value(self) -> None:
        self.clear()


class _OptionalNumber(_NumberBase):
    """Mixin for QSpinBox / QDoubleSpinBox: blank text means "no answer"."""

    def _setup(self, lang: str, minimum: float | None, maximum: float | None,
               unit: str | None) -> None:
        spin = self
        spin.setLocale(_locale(lang))
        spin.setGroupSeparatorShown(False)
        lo = -_NUMBER_LIMIT if minimum is None else minimum
        hi = _NUMBER_LIMIT if maximum is None else maximum
        self._real_minimum = lo
        # One step below the real minimum is the sentinel "unanswered" value.
        spin.setRange(lo - 1, hi)
        spin.setSpecialValueText(_BLANK)
        if unit:
            spin.setSuffix(f" {unit}")
        spin.setAccelerated(True)
        spin.setCorrectionMode(QSpinBox.CorrectionMode.CorrectToNearestValue)
        spin.setValue(spin.minimum())

    def _body(self, text: str) -> str:
        suffix = self.suffix()
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
        return text.strip()

    def _normalised(self, text: str) -> str:
        point = self.locale().decimalPoint()
        return text.replace(".", point).replace(",", point)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # noqa: D102
        if self._body(text) == "":
            return (QValidator.State.Acceptable, text, pos)
        return super().validate(self._normalised(text), pos)

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt override
        if self._body(text) == "":
            return self.minimum()
        return super().valueFromText(self._normalised(text))

    def fixup(self, text: str) -> str:
        if self._body(text) == "":
            return text
        return str(super().fixup(self._normalised(text)))

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        # From blank, the first arrow press lands on the real minimum, not below it.
        if self.is_empty() and steps > 0:
            self.setValue(self._real_minimum)
            return
        super().stepBy(steps)

    def is_empty(self) -> bool:
        return self.value() <= self.minimum()

    def clear_value(self) -> None:
        self.setValue(self.minimum())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        line = self.lineEdit()
        if event.key() == Qt.Key.Key_Delete and line is not None \
                and line.selectedText() == self.text():
            self.clear_value()
            return
        super().keyPressEvent(event)


# The mixin is type-checked against QDoubleSpinBox; QSpinBox does the same in integers.
class OptionalIntSpin(_OptionalNumber, QSpinBox):  # type: ignore[misc]
    """An integer spin box that may be blank (unanswered)."""

    def __init__(self, lang: str = "fr", minimum: int | None = None,
                 maximum: int | None = None, unit: str | None = None,
                 parent: QWidget | None = None) -> None:
        QSpinBox.__init__(self, parent)
        self._setup(lang, minimum, maximum, unit)

    def number(self) -> int | None:
        return None if self.is_empty() else int(self.value())

    def set_number(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else int(value))


class OptionalDecimalSpin(_OptionalNumber, QDoubleSpinBox):
    """A decimal spin box that may be blank (unanswered)."""

    def __init__(self, lang: str = "fr", minimum: float | None = None,
                 maximum: float | None = None, unit: str | None = None,
                 decimals: int | None = None, parent: QWidget | None = None) -> None:
        QDoubleSpinBox.__init__(self, parent)
        self.setDecimals(2 if decimals is None else decimals)
        self.setSingleStep(1 if decimals == 0 else 0.1)
        self._setup(lang, minimum, maximum, unit)

    def number(self) -> float | None:
        if self.is_empty():
            return None
        return round(float(self.value()), self.decimals())

    def set_number(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else float(value))


# -- dates and times ----------------------------------------------------------------
_FLOOR_DATE = QDate(1900, 1, 1)


class _OptionalTemporal(_TemporalBase):
    """Mixin for date/time edits: the minimum is the sentinel "no answer".

    Arrow keys on a blank field start from now; the N key fills in now. Each edit
    says what blank, now and its ISO 8601 value are.
    """

    def is_empty(self) -> bool:
        raise NotImplementedError

    def clear_value(self) -> None:
        raise NotImplementedError

    def set_now(self) -> None:
        raise NotImplementedError

    def iso(self) -> str | None:
        raise NotImplementedError

    def set_iso(self, value: str | None) -> None:
        raise NotImplementedError

    def _setup_temporal(self, lang: str) -> None:
        edit = self
        edit.setLocale(_locale(lang))
        edit.setSpecialValueText(_BLANK)
        edit.setCalendarPopup(not isinstance(self, QTimeEdit))
        edit.setToolTip(QCoreApplication.translate("fields", "N: now"))

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        if self.is_empty():
            self.set_now()
            return
        super().stepBy(steps)

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt override
        # Qt's date edits spend Tab on their own sections; typing digits already moves
        # from day to month to year, so Tab goes to the next question like everywhere.
        return QAbstractSpinBox.focusNextPrevChild(self, next_)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_N:
            self.set_now()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.is_empty():
            return
        if event.key() == Qt.Key.Key_Delete and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.clear_value()
            return
        super().keyPressEvent(event)


class OptionalDateTimeEdit(_OptionalTemporal, QDateTimeEdit):
    """Date and time of day; value as an ISO 8601 string with the local offset."""

    def __init__(self, lang: str = "fr", parent: QWidget | None = None) -> None:
        QDateTimeEdit.__init__(self, parent)
        self.setDisplayFormat("dd/MM/yyyy HH:mm" if lang.startswith("fr") else "yyyy-MM-dd HH:mm")
        self.setMinimumDateTime(QDateTime(_FLOOR_DATE, QTime(0, 0)))
        self._setup_temporal(lang)
        self.clear_value()

    def is_empty(self) -> bool:
        return self.dateTime() <= self.minimumDateTime()

    def clear_value(self) -> None:
        self.setDateTime(self.minimumDateTime())

    def set_now(self) -> None:
        now = QDateTime.currentDateTime()
        self.setDateTime(now.addSecs(-now.time().second()))

    def iso(self) -> str | None:
        if self.is_empty():
            return None
        shown = self.dateTime().toPython()
        assert isinstance(shown, dt.datetime)
        naive = shown.replace(second=0, microsecond=0)
        return naive.astimezone().isoformat(timespec="seconds")

    def set_iso(self, value: str | None) -> None:
        if not value:
            self.clear_value()
            return
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone().replace(tzinfo=None)
        self.setDateTime(QDateTime(QDate(parsed.year, parsed.month, parsed.day),
                                   QTime(parsed.hour, parsed.minute)))


class OptionalDateEdit(_OptionalTemporal, QDateEdit):
    """A calendar date; value ``YYYY-MM-DD``."""

    def __init__(self, lang: str = "fr", parent: QWidget | None = None) -> None:
        QDateEdit.__init__(self, parent)
        self.setDisplayFormat("dd/MM/yyyy" if lang.startswith("fr") else "yyyy-MM-dd")
        self.setMinimumDate(_FLOOR_DATE)
        self._setup_temporal(lang)
        self.clear_value()

    def is_empty(self) -> bool:
        return self.date() <= self.minimumDate()

    def clear_value(self) -> None:
        self.setDate(self.minimumDate())

    def set_now(self) -> None:
        self.setDate(QDate.currentDate())

    def iso(self) -> str | None:
        return None if self.is_empty() else self.date().toString("yyyy-MM-dd")

    def set_iso(self, value: str | None) -> None:
        if not value:
            self.clear_value()
            return
        self.setDate(QDate.fromString(str(value)[:10], "yyyy-MM-dd"))


class OptionalTimeEdit(_OptionalTemporal, QTimeEdit):
    """A time of day; value ``HH:MM:SS`` (FHIR time)."""

    def __init__(self, lang: str = "fr", parent: QWidget | None = None) -> None:
        QTimeEdit.__init__(self, parent)
        self.setDisplayFormat("HH:mm")
        # 00:00 is a real time: the sentinel is one minute before midnight is impossible,
        # so the blank state uses 00:00:00.000 and real midnight is stored as 00:00:01.
        self.setMinimumTime(QTime(0, 0, 0))
        self._setup_temporal(lang)
        self.clear_value()

    def is_empty(self) -> bool:
        return self.time() <= self.minimumTime()

    def clear_value(self) -> None:
        self.setTime(self.minimumTime())

    def set_now(self) -> None:
        now = QTime.currentTime()
        self.setTime(QTime(now.hour(), now.minute(), 1))

    def iso(self) -> str | None:
        return None if self.is_empty() else self.time().toString("HH:mm") + ":00"

    def set_iso(self, value: str | None) -> None:
        if not value:
            self.clear_value()
            return
        parsed = QTime.fromString(str(value)[:5], "HH:mm")
        self.setTime(QTime(parsed.hour(), parsed.minute(), 1))
