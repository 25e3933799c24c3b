"""Number limits said in words: hard limits (refused) and plausible ranges (confirmed).

A value outside the Questionnaire's ``minValue``/``maxValue`` is refused next to the
field, with the limit in words (``limits_text``: "20–250"). A value inside the
limits but outside the ward's plausible range (our ``plausible-range`` extension) is
kept as typed and asks for a confirmation before saving. Nothing here changes a value.

The messages that quote the value are for the screen only (the nurse typed it); the
validation problems (``validate.py``) name the limit, never the answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from care_degraded.questionnaire.spec import FormSpec, Item


def number_text(value: Any, lang: str = "fr") -> str:
    """A limit or value as a nurse writes it: "38,5" in French, "38.5" in English."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text.replace(".", ",") if lang.startswith("fr") else text


def unit_label(item: Item) -> str:
    if item.unit is None:
        return ""
    if item.unit.display is not None:
        return item.unit.display.get("fr")
    return item.unit.code or ""


def limits_text(item: Item, lang: str = "fr") -> str:
    """"20–250", "≥ 0,5", "≤ 10" ('' when the item has no numeric limit)."""
    lo, hi = _num(item.min_value), _num(item.max_value)
    if lo is not None and hi is not None:
        return f"{number_text(lo, lang)}–{number_text(hi, lang)}"
    if lo is not None:
        return f"≥ {number_text(lo, lang)}"
    if hi is not None:
        return f"≤ {number_text(hi, lang)}"
    return ""


def plausible_text(item: Item, lang: str = "fr") -> str:
    lo, hi = _num(item.plausible_low), _num(item.plausible_high)
    if lo is not None and hi is not None:
        return f"{number_text(lo, lang)}–{number_text(hi, lang)}"
    if lo is not None:
        return f"≥ {number_text(lo, lang)}"
    if hi is not None:
        return f"≤ {number_text(hi, lang)}"
    return ""


def _shown(item: Item, shown: str, lang: str) -> str:
    unit = unit_label(item)
    return f"{item.short_label(lang)} : {shown}{' ' + unit if unit else ''}" if lang.startswith(
        "fr") else f"{item.short_label(lang)}: {shown}{' ' + unit if unit else ''}"


def in_limits(item: Item, value: Any) -> bool:
    number = _num(value)
    if number is None:
        return True
    lo, hi = _num(item.min_value), _num(item.max_value)
    return not ((lo is not None and number < lo) or (hi is not None and number > hi))


def is_plausible(item: Item, value: Any) -> bool:
    """False when ``value`` is a number outside the item's plausible range."""
    if isinstance(value, Mapping):
        value = value.get("value")
    number = _num(value)
    if number is None:
        return True
    lo, hi = _num(item.plausible_low), _num(item.plausible_high)
    return not ((lo is not None and number < lo) or (hi is not None and number > hi))


@dataclass(frozen=True)
class Implausible:
    """A value kept as typed but unusual for the ward: ask before saving."""

    link_id: str
    fr: str
    en: str

    def message(self, lang: str = "fr") -> str:
        return self.en if lang.startswith("en") else self.fr


def implausible_answers(spec: FormSpec, answers: Mapping[str, Any]) -> list[Implausible]:
    """Answers (plain, top level or in non-repeating groups) outside their plausible range.

    For the screen: the messages quote the value the nurse typed.
    """
    out: list[Implausible] = []
    for item in _numbers(spec.walk()):
        value = _find(answers, item.link_id)
        if value is None or is_plausible(item, value):
            continue
        if isinstance(value, Mapping):
            value = value.get("value")
        out.append(Implausible(
            item.link_id,
            f"{_shown(item, number_text(value, 'fr'), 'fr')} est inhabituel "
            f"(attendu {plausible_text(item, 'fr')})",
            f"{_shown(item, number_text(value, 'en'), 'en')} is unusual "
            f"(expected {plausible_text(item, 'en')})"))
    return out


def _numbers(items: Iterable[Item]) -> Iterable[Item]:
    return (i for i in items if i.type in ("integer", "decimal", "quantity")
            and (i.plausible_low is not None or i.plausible_high is not None))


def _find(answers: Mapping[str, Any], link_id: str) -> Any:
    if link_id in answers:
        return answers[link_id]
    for value in answers.values():
        if isinstance(value, Mapping) and not _is_quantity(value):
            found = _find(value, link_id)
            if found is not None:
                return found
    return None


def _is_quantity(value: Mapping[str, Any]) -> bool:
    return "value" in value and set(value) <= {"value", "unit"}


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) \
        else None
