"""THE registry from questionnaire item type (and itemControl) to answer widget.

Keys are ``(type, itemControl)``; ``(type, None)`` is the default for the type. A
choice with no itemControl gets radio buttons up to RADIO_MAX_OPTIONS options and a
drop-down beyond. Calculated and read-only items always get a read-only field.
To support a new type or control, call :func:`register`; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from care_degraded.services.forms import Item
from care_degraded.ui.forms.choices import (
    BooleanField,
    ComboField,
    LineField,
    MultiChoiceField,
    RadioField,
    ReadOnlyField,
    TextField,
    UnsupportedField,
    YesNoField,
)
from care_degraded.ui.forms.fields import (
    RADIO_MAX_OPTIONS,
    Field,
    NumberField,
    QuantityField,
    SliderField,
    TemporalField,
)

FieldFactory = Callable[[Item, str, "QWidget | None"], Field]

_REGISTRY: dict[tuple[str, str | None], FieldFactory] = {}


def register(item_type: str, control: str | None, factory: FieldFactory) -> None:
    """Use ``factory`` for items of ``item_type`` with itemControl ``control``."""
    _REGISTRY[(item_type, control)] = factory


def _choice(item: Item, lang: str, parent: QWidget | None = None) -> Field:
    if len(item.options) <= RADIO_MAX_OPTIONS and item.options:
        return RadioField(item, lang, parent)
    return ComboField(item, lang, parent)


for _type in ("integer", "decimal"):
    register(_type, None, NumberField)
    register(_type, "slider", SliderField)
    register(_type, "spinner", NumberField)
for _type in ("date", "time", "dateTime"):
    register(_type, None, TemporalField)
register("choice", None, _choice)
register("choice", "radio-button", RadioField)
register("choice", "drop-down", ComboField)
register("choice", "autocomplete", ComboField)
register("open-choice", None, ComboField)
def _yes_no(item: Item, lang: str, parent: QWidget | None = None) -> Field:
    """A required yes/no is asked as Oui / Non (no default); an optional one ticked."""
    if item.required:
        return YesNoField(item, lang, parent)
    return BooleanField(item, lang, parent)


register("boolean", None, _yes_no)
register("boolean", "check-box", BooleanField)
register("string", None, LineField)
register("text", None, TextField)
register("quantity", None, QuantityField)


def field_for(item: Item, lang: str = "fr", parent: QWidget | None = None) -> Field:
    """The answer widget for one question item."""
    if item.is_calculated or item.read_only:
        return ReadOnlyField(item, lang, parent)
    if not item.supported:
        return UnsupportedField(item, lang, parent)
    if item.repeats and item.type == "choice" and item.options:
        return MultiChoiceField(item, lang, parent)  # several answers: tick boxes
    factory = _REGISTRY.get((item.type, item.item_control)) or _REGISTRY.get((item.type, None))
    if factory is None:
        return UnsupportedField(item, lang, parent)
    return factory(item, lang, parent)
