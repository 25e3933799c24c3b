"""Check answers against a FormSpec: types, required, ranges, lengths, options.

Answers to disabled items are dropped (not errors: the nurse changed her mind
upstream); calculated items are recomputed and any value typed for them ignored.
Problems are per linkId, each with a French and an English sentence. A problem
never quotes the answer itself: it may be patient data.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from care_degraded.domain.numbers import decimal_text
from care_degraded.questionnaire.answers import as_plain
from care_degraded.questionnaire.engine import Enablement, apply_calculations, compiled
from care_degraded.questionnaire.limits import limits_text, unit_label
from care_degraded.questionnaire.spec import FormSpec, Item

_MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("Réponse obligatoire.", "An answer is required."),
    "type": ("Type de réponse attendu : {expected}.", "Expected answer type: {expected_en}."),
    "min": ("Hors limites : inférieur au minimum ({limits}).",
            "Out of limits: below the minimum ({limits_en})."),
    "max": ("Hors limites : supérieur au maximum ({limits}).",
            "Out of limits: above the maximum ({limits_en})."),
    "decimals": ("Trop de décimales (au plus {limit}).", "Too many decimals (at most {limit})."),
    "length": ("Texte trop long (au plus {limit} caractères).",
               "Text too long (at most {limit} characters)."),
    "option": ("Réponse hors de la liste proposée.", "Answer not in the list of options."),
    "repeats": ("Une seule réponse attendue.", "Only one answer is expected."),
    "unit": ("Unité non prévue pour cette question.", "Unit not allowed for this question."),
    "unknown": ("Question inconnue dans ce formulaire.", "Question not in this form."),
}


@dataclass(frozen=True)
class Problem:
    """One problem with one answer."""

    link_id: str
    code: str  # required, type, min, max, decimals, length, option, repeats, unit, unknown
    fr: str
    en: str
    #: Inside repeating groups: the occurrence index in each, outermost first.
    occurrence: tuple[int, ...] = ()
    #: What the interface needs to word it itself: ("limit", 0.5), ("kind", "integer").
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "fr") -> str:
        return self.en if lang.startswith("en") else self.fr


@dataclass(frozen=True)
class ValidationResult:
    """Cleaned answers (disabled dropped, calculated filled) and the problems found."""

    answers: dict[str, Any]
    problems: tuple[Problem, ...]
    enabled: frozenset[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_link_id(self) -> dict[str, list[Problem]]:
        """Problems grouped by linkId, in form order."""
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.link_id, []).append(p)
        return out


def _problem(link_id: str, code: str, occurrence: tuple[int, ...] = (),
             **params: Any) -> Problem:
    fr, en = _MESSAGES[code]
    # Limits such as 0.5 read with each language's decimal separator ("0,5" in French).
    in_fr = {k: decimal_text(v, "fr") for k, v in params.items()}
    in_en = {k: decimal_text(v, "en") for k, v in params.items()}
    return Problem(link_id, code, fr.format(**in_fr), en.format(**in_en), occurrence,
                   tuple(sorted(params.items())))


def validate(spec: FormSpec, answers: Mapping[str, Any]) -> ValidationResult:
    """Validate plain answers (or a QuestionnaireResponse dict) against ``spec``."""
    plain = as_plain(spec, answers)
    cf = compiled(spec)
    computed = apply_calculations(spec, plain) if cf.calculated else plain
    ctx = _Walk(spec, Enablement(spec, computed))
    cleaned = ctx.frame(spec.items, computed, (computed,))
    known = set(cf.spec._index())
    for key in computed:
        if key not in known:
            ctx.problems.append(_problem(key, "unknown"))
    if ctx.dropped and cf.calculated:
        # Scores must not count answers the form no longer asks for.
        cleaned = apply_calculations(spec, cleaned)
    return ValidationResult(cleaned, tuple(ctx.problems), frozenset(ctx.enabled))


class _Walk:
    def __init__(self, spec: FormSpec, enablement: Enablement) -> None:
        self.spec = spec
        self.en = enablement
        self.problems: list[Problem] = []
        self.enabled: set[str] = set()
        self.dropped = False
        self.path: tuple[int, ...] = ()

    def frame(self, items: tuple[Item, ...], source: Mapping[str, Any],
              scopes: tuple[Mapping[str, Any], ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        self._items(items, source, scopes, out)
        return out

    def _items(self, items: tuple[Item, ...], source: Mapping[str, Any],
               scopes: tuple[Mapping[str, Any], ...], out: dict[str, Any]) -> None:
        for item in items:
            enabled = self.en.enabled(item, scopes)
            present = item.link_id in source and source[item.link_id] not in (None, "", [])
            if not enabled:
                if present or any(c.link_id in source for c in item.walk()):
                    self.dropped = True
                continue
            self.enabled.add(item.link_id)
            if item.is_group and item.repeats:
                occurrences = [o for o in _listify(source.get(item.link_id))
                               if isinstance(o, Mapping)]
                kept = []
                for index, occurrence in enumerate(occurrences):
                    self.path += (index,)
                    checked = self.frame(item.items, occurrence, (occurrence, *scopes))
                    self.path = self.path[:-1]
                    if checked:
                        kept.append(checked)
                if kept:
                    out[item.link_id] = kept
                elif item.required:
                    self.problems.append(_problem(item.link_id, "required", self.path))
                continue
            if item.is_group:
                self._items(item.items, source, scopes, out)
                if item.required and not any(c.link_id in out for c in item.walk()):
                    self.problems.append(_problem(item.link_id, "required", self.path))
                continue
            if item.type == "display":
                continue
            if present:
                value = source[item.link_id]
                if not item.repeats and isinstance(value, list | tuple) and len(value) == 1:
                    # ["air"] for a single answer: stored as "air", as every reader expects.
                    value = value[0]
                out[item.link_id] = value
                if item.supported and not item.is_calculated:
                    self._check(item, source[item.link_id])
            elif item.required and not (item.is_calculated or item.read_only or item.hidden):
                # Nobody can type into a hidden, read-only or calculated item.
                self.problems.append(_problem(item.link_id, "required", self.path))
            if item.items:
                self._items(item.items, source, scopes, out)

    def _check(self, item: Item, raw: Any) -> None:
        values = _listify(raw)
        if len(values) > 1 and not item.repeats:
            self.problems.append(_problem(item.link_id, "repeats", self.path))
            return
        for value in values:
            problem = _check_value(item, value)
            if problem is not None:
                self.problems.append(replace(problem, occurrence=self.path))
                return


def _listify(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_TYPE_FR = {"boolean": "oui/non", "decimal": "nombre", "integer": "nombre entier",
            "date": "date AAAA-MM-JJ", "dateTime": "date et heure", "time": "heure HH:MM",
            "string": "texte", "text": "texte", "quantity": "nombre"}
_TYPE_EN = {"boolean": "yes/no", "decimal": "number", "integer": "whole number",
            "date": "date YYYY-MM-DD", "dateTime": "date and time", "time": "time HH:MM",
            "string": "text", "text": "text", "quantity": "number"}


def _type_problem(link_id: str, kind: str) -> Problem:
    return _problem(link_id, "type", expected=_TYPE_FR.get(kind, kind),
                    expected_en=_TYPE_EN.get(kind, kind), kind=kind)


def _check_value(item: Item, value: Any) -> Problem | None:
    kind = item.type
    lid = item.link_id
    if kind in ("choice", "open-choice"):
        if item.options and item.option_for(value) is None and kind == "choice":
            return _problem(lid, "option")
        if kind == "open-choice" and not isinstance(value, str | int):
            return _type_problem(lid, "string")
        return _length(item, value)
    if kind == "quantity":
        unit = None
        if isinstance(value, Mapping):
            value, unit = value.get("value"), value.get("unit")
        if unit is not None and item.unit_options and unit not in {
                u.code for u in item.unit_options}:
            return _problem(lid, "unit")
        kind = "decimal"
    if kind == "boolean":
        return None if isinstance(value, bool) else _type_problem(lid, kind)
    if kind in ("integer", "decimal"):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if kind == "integer":
            ok = ok and (isinstance(value, int) or float(value).is_integer())
        if not ok or (isinstance(value, float) and not math.isfinite(value)):
            # NaN or infinity is not a measurement
            return _type_problem(lid, kind)
        return _range(item, value) or _decimals(item, value)
    if kind in ("date", "dateTime", "time"):
        if not isinstance(value, str) or not _temporal_ok(kind, value):
            return _type_problem(lid, kind)
        return _range(item, value)
    if kind in ("string", "text"):
        if not isinstance(value, str):
            return _type_problem(lid, kind)
        return _length(item, value)
    return None


def _temporal_ok(kind: str, value: str) -> bool:
    if kind == "date":
        if not _DATE.match(value):
            return False
        return len(value) < 10 or _parses(dt.date.fromisoformat, value)
    if kind == "time":
        return bool(_TIME.match(value)) and _parses(dt.time.fromisoformat, value)
    if _DATE.match(value):
        return len(value) < 10 or _parses(dt.date.fromisoformat, value)
    return "T" in value and _parses(dt.datetime.fromisoformat, value.replace("Z", "+00:00"))


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _range(item: Item, value: Any) -> Problem | None:
    try:
        if item.min_value is not None and value < item.min_value:
            return _problem(item.link_id, "min", (), limit=item.min_value, **_limits(item))
        if item.max_value is not None and value > item.max_value:
            return _problem(item.link_id, "max", (), limit=item.max_value, **_limits(item))
    except TypeError:
        return None  # a date limit on a number: the form's problem, not the nurse's
    return None


def _limits(item: Item) -> dict[str, str]:
    """The limits in words with the unit: "20–250 /min" (dates as written)."""
    unit = unit_label(item)
    fr, en = limits_text(item, "fr"), limits_text(item, "en")
    if not fr:  # date limits
        fr = en = " – ".join(str(v) for v in (item.min_value, item.max_value) if v is not None)
    tail = f" {unit}" if unit else ""
    return {"limits": fr + tail, "limits_en": en + tail}


def _decimals(item: Item, value: Any) -> Problem | None:
    if item.max_decimal_places is None or isinstance(value, int):
        return None
    text = repr(float(value))
    places = len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else 0
    if places > item.max_decimal_places:
        return _problem(item.link_id, "decimals", limit=item.max_decimal_places)
    return None


def _length(item: Item, value: Any) -> Problem | None:
    if item.max_length is not None and isinstance(value, str) and len(value) > item.max_length:
        return _problem(item.link_id, "length", limit=item.max_length)
    return None
