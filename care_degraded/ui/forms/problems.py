"""A form answer's problem in the interface language, from its code and parameters.

The engine (``questionnaire.validate``) says what is wrong as a ``Problem`` with a
``code`` ("min", "type"...) and ``params`` (the limit, the expected type); the words
are made here through the ``.ts`` like every other interface text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from care_degraded.services.forms import Item, Problem, limits_text, unit_label
from care_degraded.ui import i18n
from care_degraded.ui.i18n import QT_TRANSLATE_NOOP

_CONTEXT = "problems"
#: code -> sentence; %1 is the problem's parameter named in _PARAM.
_SENTENCES = {
    "required": QT_TRANSLATE_NOOP("problems", "An answer is required."),
    "type": QT_TRANSLATE_NOOP("problems", "Expected answer type: %1."),
    "min": QT_TRANSLATE_NOOP("problems", "Value below the minimum (%1)."),
    "max": QT_TRANSLATE_NOOP("problems", "Value above the maximum (%1)."),
    "decimals": QT_TRANSLATE_NOOP("problems", "Too many decimals (at most %1)."),
    "length": QT_TRANSLATE_NOOP("problems", "Text too long (at most %1 characters)."),
    "option": QT_TRANSLATE_NOOP("problems", "Answer not in the list of options."),
    "repeats": QT_TRANSLATE_NOOP("problems", "Only one answer is expected."),
    "unit": QT_TRANSLATE_NOOP("problems", "Unit not allowed for this question."),
    "unknown": QT_TRANSLATE_NOOP("problems", "Question not in this form."),
}
_OUT_OF_LIMITS = QT_TRANSLATE_NOOP("problems", "%1: %2 is out of limits (%3)")
_PARAM = {"type": "kind", "min": "limit", "max": "limit", "decimals": "limit",
          "length": "limit"}
_KINDS = {
    "boolean": QT_TRANSLATE_NOOP("problems", "yes/no"),
    "decimal": QT_TRANSLATE_NOOP("problems", "number"),
    "quantity": QT_TRANSLATE_NOOP("problems", "number"),
    "integer": QT_TRANSLATE_NOOP("problems", "whole number"),
    "date": QT_TRANSLATE_NOOP("problems", "date YYYY-MM-DD"),
    "dateTime": QT_TRANSLATE_NOOP("problems", "date and time"),
    "time": QT_TRANSLATE_NOOP("problems", "time HH:MM"),
    "string": QT_TRANSLATE_NOOP("problems", "text"),
    "text": QT_TRANSLATE_NOOP("problems", "text"),
}


def problem_text(problem: Problem) -> str:
    """The sentence shown under the field (an unknown code keeps the engine's English)."""
    source = _SENTENCES.get(problem.code)
    if source is None:
        return problem.en
    text = QCoreApplication.translate(_CONTEXT, source)
    name = _PARAM.get(problem.code)
    if name is None:
        return text
    value = dict(problem.params).get(name, "")
    if problem.code == "type":
        kind = _KINDS.get(str(value))
        shown = QCoreApplication.translate(_CONTEXT, kind) if kind else str(value)
    else:
        shown = i18n.number(value)
    return text.replace("%1", shown)


def out_of_limits(item: Item, shown: str, lang: str) -> str:
    """"FC : 300 /min est hors limites (20–250)": the field's short name, what is on
    screen (as typed) and the limits, refused next to the field."""
    unit = unit_label(item)
    typed = f"{shown} {unit}" if unit else shown
    return QCoreApplication.translate(_CONTEXT, _OUT_OF_LIMITS).replace(
        "%1", item.short_label(lang)).replace("%2", typed).replace(
        "%3", limits_text(item, i18n.current()))
